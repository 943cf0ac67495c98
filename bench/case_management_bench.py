"""Case-management benchmark: the reads that run on every page and the nightly shelter pass.

    .venv/bin/python bench/case_management_bench.py --clients 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_case .venv/bin/python bench/case_management_bench.py

Uses a fresh SQLite file under var/bench/ unless DATABASE_URL is set (that database is migrated and
its case-management rows emptied first). Generates --clients clients, each with one enrollment in one
of 40 projects (10 of them night-by-night shelters whose guests have up to 30 bed nights ending at a
random recent night, so some stays have lapsed), households of 1-4, releases of information for a
fifth of the clients, and a case manager with 60 assigned enrollments. Then times:

- active enrollments across the CoC (the dashboard figure; includes the lapsed-stay rule);
- the roster of the busiest night-by-night shelter;
- clients_for_user for a partner agency (the release-of-information sharing rule);
- the caseload's annual-assessment statuses and the navigation badge;
- the programs panel of one client;
- ``apply_shelter_exits`` (first run writes the lapsed exits, second run finds none).

Prints wall time and the process's peak memory (getrusage maxrss) after each step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
if not os.environ.get("DATABASE_URL"):
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    target = ROOT / "var" / "bench" / "case_management.sqlite3"
    target.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{target}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402

from hearth.accounts.models import Role, User  # noqa: E402
from hearth.clients.access import clients_for_user  # noqa: E402
from hearth.clients.models import Client  # noqa: E402
from hearth.core import clock  # noqa: E402
from hearth.enrollments import annual, selectors  # noqa: E402
from hearth.enrollments.context_processors import case_nav  # noqa: E402
from hearth.enrollments.models import CaseAssignment, Enrollment, Exit, ReleaseOfInformation, Service  # noqa: E402
from hearth.enrollments.panel import panel_context  # noqa: E402
from hearth.enrollments.services import apply_shelter_exits  # noqa: E402
from hearth.enrollments.views.roster import _rows  # noqa: E402
from hearth.hud.models import local_data_source  # noqa: E402
from hearth.projects.models import Organization, Project, ProjectCoC  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(label: str, started: float, extra: str = "") -> None:
    print(
        f"{label:<52} {time.perf_counter() - started:8.3f} s   peak {peak_mb():7.1f} MB   {extra}", flush=True
    )


def best_of(label: str, fn, runs: int = 5) -> object:  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    print(
        f"{label:<52} {min(times) * 1000:8.1f} ms best of {runs}   peak {peak_mb():7.1f} MB   {result}",
        flush=True,
    )
    return result


def generate(n_clients: int, rng: random.Random) -> dict[str, object]:
    source = local_data_source()
    now = timezone.now()
    today = clock.local_today()
    hud = {"data_source": source, "date_created": now, "date_updated": now, "hud_user_id": "bench"}
    orgs = Organization.objects.bulk_create(
        [
            Organization(organization_name=f"Bench Agency {i}", victim_service_provider=0, **hud)
            for i in range(8)
        ]
    )
    projects = Project.objects.bulk_create(
        [
            Project(
                organization=orgs[i % 8],
                project_name=f"Bench Project {i}",
                operating_start_date=dt.date(2015, 1, 1),
                continuum_project=1,
                project_type=1 if i < 10 else rng.choice([0, 2, 3, 4, 6, 13]),
                **hud,
            )
            for i in range(40)
        ]
    )
    ProjectCoC.objects.bulk_create([ProjectCoC(project=p, coc_code="CA-600", **hud) for p in projects])
    clients = Client.objects.bulk_create(
        [
            Client(
                first_name=f"F{i}",
                last_name=f"L{i}",
                name_data_quality=1,
                ssn_data_quality=99,
                dob=dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(25000)),
                dob_data_quality=1,
                am_ind_ak_native=0,
                asian=0,
                black_af_american=0,
                hispanic_latinao=0,
                mid_east_n_african=0,
                native_hi_pacific=0,
                white=1,
                veteran_status=0,
                owner_organization=orgs[i % 8],
                **hud,
            )
            for i in range(n_clients)
        ],
        batch_size=5000,
    )
    enrollments = []
    i = 0
    household = 0
    while i < len(clients):
        size = rng.choice([1, 1, 1, 2, 3, 4])
        project = projects[rng.randrange(40)]
        entry = today - dt.timedelta(days=rng.randrange(5, 900))
        for k, client in enumerate(clients[i : i + size]):
            enrollments.append(
                Enrollment(
                    client=client,
                    project=project,
                    entry_date=entry,
                    household_id=f"BH{household}",
                    relationship_to_ho_h=1 if k == 0 else 2,
                    disabling_condition=0,
                    **hud,
                )
            )
        household += 1
        i += size
    Enrollment.objects.bulk_create(enrollments, batch_size=5000)
    services = []
    for e in enrollments:
        if e.project.project_type != 1:
            continue
        last = today - dt.timedelta(days=rng.randrange(0, 12))
        first = max(e.entry_date, last - dt.timedelta(days=rng.randrange(0, 30)))
        day = first
        while day <= last:
            services.append(
                Service(
                    enrollment=e,
                    client=e.client,
                    date_provided=day,
                    record_type=200,
                    type_provided=200,
                    **hud,
                )
            )
            day += dt.timedelta(days=1)
    Service.objects.bulk_create(services, batch_size=10000)
    rois = []
    for client in clients[::5]:
        start = today - dt.timedelta(days=rng.randrange(0, 700))
        rois.append(
            ReleaseOfInformation(
                client=client,
                permission=True,
                coc_code="CA-600" if rng.random() < 0.5 else "",
                start_date=start,
                end_date=start + dt.timedelta(days=365),
                documentation="signed_paper",
                created_by_id=None,
                created_at=now,
            )
        )
    return {
        "orgs": orgs,
        "projects": projects,
        "enrollments": enrollments,
        "rois": rois,
        "bed_nights": len(services),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(11)
    call_command("migrate", verbosity=0)
    for model in (Exit, Service, CaseAssignment, ReleaseOfInformation, Enrollment):
        model.all_objects.all().delete() if hasattr(model, "all_objects") else model.objects.all().delete()

    started = time.perf_counter()
    with transaction.atomic():
        data = generate(args.clients, rng)
        manager = User.objects.create(
            username=f"bench-cm-{int(time.time())}", role=Role.CASE_MANAGER, organization=data["orgs"][0]
        )
        partner = User.objects.create(
            username=f"bench-partner-{int(time.time())}", role=Role.CASE_MANAGER, organization=data["orgs"][1]
        )
        for roi in data["rois"]:
            roi.created_by = manager
        ReleaseOfInformation.objects.bulk_create(data["rois"], batch_size=5000)
        mine = [e for e in data["enrollments"] if e.project.organization_id == data["orgs"][0].pk][:60]
        CaseAssignment.objects.bulk_create(
            [CaseAssignment(enrollment=e, staff=manager, assigned_at=timezone.now()) for e in mine]
        )
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum (or SQLite's optimizer) would have
        cursor.execute("ANALYZE")
    report(
        f"generate {args.clients} clients",
        started,
        f"{len(data['enrollments'])} enrollments, {data['bed_nights']} bed nights, {len(data['rois'])} releases",
    )

    today = clock.local_today()
    best_of("active enrollments, whole CoC (dashboard)", lambda: selectors.active_enrollments().count())
    shelters = [p for p in data["projects"] if p.project_type == 1]
    busiest = max(shelters, key=lambda p: Enrollment.objects.filter(project=p).count())
    best_of("roster of the busiest night-by-night shelter", lambda: len(_rows(busiest, today, today)))
    best_of("clients_for_user(partner).count() (ROI sharing)", lambda: clients_for_user(partner).count())
    assigned = list(
        selectors.active_enrollments(Enrollment.objects.filter(case_assignment__staff=manager)).only(
            "pk", "project_id", "household_id", "entry_date"
        )
    )
    best_of("caseload annual statuses (60 assigned)", lambda: len(annual.household_statuses(assigned, today)))
    request = RequestFactory().get("/")
    request.user = manager
    best_of("navigation badge (case_nav)", lambda: case_nav(request)["case_nav"][0]["label"])
    client = data["enrollments"][0].client
    best_of("programs panel of one client", lambda: len(panel_context(manager, client)["history"]))

    started = time.perf_counter()
    created = apply_shelter_exits()
    report("apply_shelter_exits (first run)", started, f"{len(created)} exits written")
    started = time.perf_counter()
    again = apply_shelter_exits()
    report("apply_shelter_exits (second run)", started, f"{len(again)} exits written")


if __name__ == "__main__":
    main()
