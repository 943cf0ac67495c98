"""Generate a synthetic Continuum of Care: ``generate(clients=..., seed=...)``.

The work is done in chunks of ``CHUNK`` Client records: each chunk is built in memory from its
own random stream (seeded by the seed and the chunk's number) and written, then dropped, so memory
stays flat at any size and the same seed always gives the same data. The whole load is one
transaction (see ``BulkWriter.load``). For big loads a helper process builds the next chunk while
this one writes (``pipeline``). Primary keys are
allocated here rather than by the database so that child rows can be written without reading
their parents back.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Max

from hearth.clients.models import Client
from hearth.core.demo.calendar import Calendar
from hearth.core.demo.chunk import Keys, Placement, Settings
from hearth.core.demo.codes import check_codes
from hearth.core.demo.pipeline import Plan, can_fork, forked_parts, serial_parts
from hearth.core.demo.records import (
    ASSESSMENT_FIELDS,
    CLIENT_FIELDS,
    CLS_FIELDS,
    DISABILITY_FIELDS,
    EMPLOYMENT_FIELDS,
    ENROLLMENT_FIELDS,
    EVENT_FIELDS,
    EXIT_FIELDS,
    HEALTH_FIELDS,
    INCOME_FIELDS,
    SERVICE_FIELDS,
    TRUTH_FIELDS,
)
from hearth.core.demo.reference import build_reference
from hearth.core.demo.writer import BulkWriter
from hearth.core.models import DemoPerson
from hearth.enrollments.models import (
    Assessment,
    CurrentLivingSituation,
    Disability,
    EmploymentEducation,
    Enrollment,
    Event,
    Exit,
    HealthAndDV,
    IncomeBenefit,
    Service,
)
from hearth.hud.models import local_data_source

CHUNK = 20_000
# The last day of HUD's fiscal year 2026: a full reporting year of data lies before it.
DEFAULT_TODAY = dt.date(2026, 9, 30)

TABLES: dict[str, tuple[type[models.Model], list[str]]] = {
    "client": (Client, CLIENT_FIELDS),
    "truth": (DemoPerson, TRUTH_FIELDS),
    "enrollment": (Enrollment, ENROLLMENT_FIELDS),
    "exit": (Exit, EXIT_FIELDS),
    "income": (IncomeBenefit, INCOME_FIELDS),
    "health": (HealthAndDV, HEALTH_FIELDS),
    "disability": (Disability, DISABILITY_FIELDS),
    "employment": (EmploymentEducation, EMPLOYMENT_FIELDS),
    "service": (Service, SERVICE_FIELDS),
    "cls": (CurrentLivingSituation, CLS_FIELDS),
    "assessment": (Assessment, ASSESSMENT_FIELDS),
    "event": (Event, EVENT_FIELDS),
}


class DemoDataError(Exception):
    pass


@dataclass
class Result:
    clients: int
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    index_seconds: float = 0.0  # of the total, building the client search index

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def generate(
    *,
    clients: int,
    seed: int,
    duplicate_rate: float = 0.05,
    dq_defect_rate: float = 0.05,
    today: dt.date | None = None,
    using: str = "default",
    allow_existing: bool = False,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool | None = None,
) -> Result:
    """Write a synthetic CoC with ``clients`` Client records (duplicates included)."""
    if clients < 1:
        raise DemoDataError("--clients must be at least 1.")
    if not 0 <= duplicate_rate < 0.5:
        raise DemoDataError("--duplicate-rate must be between 0 and 0.5.")
    if not 0 <= dq_defect_rate <= 1:
        raise DemoDataError("--dq-defect-rate must be between 0 and 1.")
    problems = check_codes()
    if problems:
        raise DemoDataError("Demo code distributions are invalid: " + "; ".join(problems))
    if not allow_existing and Client.all_objects.using(using).exists():
        raise DemoDataError("The database already holds client records; demo data goes into an empty one.")

    started = time.perf_counter()
    today = today or DEFAULT_TODAY
    writer = BulkWriter(using)
    cal = Calendar(today, writer.timestamp_suffix)
    if parallel is None:
        # A helper process pays off from two chunks on; inside a caller's transaction (tests)
        # everything stays in this process.
        parallel = clients > CHUNK and can_fork() and not writer.connection.in_atomic_block
    with writer.load(model for model, _ in TABLES.values()):
        source = local_data_source()
        reference = build_reference(
            random.Random(f"hearth-demo:{seed}:reference"),
            writer,
            clients=clients,
            source=source,
            today=today,
            stamp=dt.datetime.combine(today - dt.timedelta(days=3650), dt.time(17), tzinfo=dt.UTC),
        )
        plan = Plan(
            clients=clients,
            chunk=CHUNK,
            settings=Settings(
                seed=seed, source_id=source.pk, duplicate_rate=duplicate_rate, dq_defect_rate=dq_defect_rate
            ),
            cal=cal,
            placement=Placement(reference.projects),
            keys=Keys({name: writer.next_pk(model) for name, (model, _) in TABLES.items()}),
            # People of an earlier load (--allow-existing) keep their keys; these are new people.
            first_person_key=(DemoPerson.objects.using(using).aggregate(m=Max("person_key"))["m"] or 0) + 1,
        )
        first_client_pk = plan.keys.next["client"]
        done = 0
        for kind, value, rows in (forked_parts if parallel else serial_parts)(plan):
            if kind == "table":
                model, fields = TABLES[value]
                writer.write(model, fields, rows)
            else:
                done += value
                if progress:
                    progress(done, clients)
            del rows
    index_seconds = _index_for_search(using, first_pk=first_client_pk if allow_existing else None)
    return Result(
        clients=clients,
        seconds=time.perf_counter() - started,
        rows=dict(writer.rows_written),
        index_seconds=index_seconds,
    )


def _index_for_search(using: str, *, first_pk: int | None) -> float:
    """Bulk writes bypass the signals that keep the client search index current: index the new
    records, or rebuild the whole index when the database held no clients before, so that the
    demo is searchable at once. The index lives on the default database only."""
    if using != "default":
        return 0.0
    from hearth.clients.search.index import index_clients, rebuild_all

    started = time.perf_counter()
    if first_pk is None:
        rebuild_all()
    else:
        index_clients(Client.all_objects.filter(pk__gte=first_pk).values_list("pk", flat=True))
    return time.perf_counter() - started
