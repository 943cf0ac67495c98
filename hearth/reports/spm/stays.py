"""The SPM's raw material: every enrollment of the CoC's HMIS projects that a measure can look at,
loaded once as plain rows, with the bed nights of night-by-night shelters.

Measures work on these rows in memory: a client's history across projects and years is what every
measure reads, and one pass over sorted rows is simpler to check against HUD's steps than SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from hearth.enrollments.models import Enrollment, Exit, Service
from hearth.projects.models import ProjectCoC

# HUD's project types (2.02.6) as the SPM groups them.
ES_EE, ES_NBN, TH, PSH, SO, SH = 0, 1, 2, 3, 4, 8
ES = (ES_EE, ES_NBN)
PH = (3, 9, 10, 13)
SPM_TYPES = (*ES, TH, SO, SH, *PH)
BED_NIGHT = 200  # Services RecordType and TypeProvided of a bed night
# HUD's Lookback Stop Date: no SPM looks at nights before it.
LOOKBACK_STOP = dt.date(2012, 10, 1)


@dataclass
class Stay:
    enrollment_id: int
    client_id: int
    project_id: int
    project_hud_id: str
    project_type: int
    entry: dt.date
    exit: dt.date | None
    destination: int | None
    move_in: dt.date | None
    living_situation: int | None
    los_under_threshold: int | None
    previous_street_essh: int | None
    date_to_street: dt.date | None
    relationship: int | None
    household_id: str
    bed_nights: list[dt.date] = field(default_factory=list)

    def nights(self, until: dt.date) -> list[dt.date]:
        """The nights spent in the project, up to ``until``: the exit day is not a night there."""
        last = min(until, self.exit - dt.timedelta(days=1)) if self.exit else until
        if self.project_type == ES_NBN:
            return [night for night in self.bed_nights if self.entry <= night <= last]
        return _days(self.entry, last)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def coc_project_ids(coc: str) -> list[int]:
    return list(ProjectCoC.objects.filter(coc_code=coc).values_list("project_id", flat=True).distinct())


def in_the_coc(coc: str) -> Exists:
    """Whether an enrollment's household is in ``coc`` by HUD's client location (3.16): the CoC
    recorded on the head of household's enrollment. A project can serve households of two CoCs;
    the SPM counts only the households located in the reporting CoC. The head's value stands for
    every member (HUD collects 3.16 for the head alone)."""
    return Exists(
        Enrollment.objects.filter(
            project_id=OuterRef("project_id"),
            household_id=OuterRef("household_id"),
            relationship_to_ho_h=1,
            enrollment_coc=coc,
        )
    )


def households_left_out(project_ids: list[int], *, coc: str, start: dt.date, end: dt.date) -> dict[str, int]:
    """The households of the projects, open in the period, that ``in_the_coc`` leaves out: by their
    heads' enrollments, those located in another CoC and those with no client location (which HUD's
    data quality report asks to complete). An analyst is told, so no household vanishes unseen."""
    heads = Enrollment.objects.filter(
        Q(exit__isnull=True) | Q(exit__exit_date__gte=start),
        project_id__in=project_ids,
        relationship_to_ho_h=1,
        entry_date__lte=end,
    ).exclude(in_the_coc(coc))
    unlocated = Q(enrollment_coc__isnull=True) | Q(enrollment_coc="")
    # Distinct: an enrollment joined to its exit rows is counted once however many there are.
    return heads.aggregate(
        elsewhere=Count("pk", filter=~unlocated, distinct=True),
        unlocated=Count("pk", filter=unlocated, distinct=True),
    )


def left_out_text(left_out: dict[str, int]) -> str:
    """The households left out, in words (empty when none is)."""
    parts = []
    if left_out.get("elsewhere"):
        parts.append(f"{left_out['elsewhere']} located in another CoC")
    if left_out.get("unlocated"):
        parts.append(f"{left_out['unlocated']} with no client location recorded for the head")
    if not parts:
        return ""
    return (
        f"Households of the CoC's projects open in the period and left out, as HUD's client location "
        f"(3.16, recorded for the head of household) requires: {' and '.join(parts)}."
    )


def load_stays(
    project_ids: list[int], *, end: dt.date, coc: str, types: tuple[int, ...] = SPM_TYPES
) -> dict[int, list[Stay]]:
    """Each client's stays in the given projects (of ``types``) that began by ``end`` and whose
    household is located in ``coc`` (``in_the_coc``), by entry."""
    exits = {
        row["enrollment_id"]: (row["exit_date"], row["destination"])
        for row in Exit.objects.filter(enrollment__project_id__in=project_ids).values(
            "enrollment_id", "exit_date", "destination"
        )
    }
    nights: dict[int, list[dt.date]] = defaultdict(list)
    for enrollment_id, day in (
        Service.objects.filter(
            enrollment__project_id__in=project_ids,
            enrollment__project__project_type=ES_NBN,
            record_type=BED_NIGHT,
            type_provided=BED_NIGHT,
            date_provided__gte=LOOKBACK_STOP,
            date_provided__lte=end,
        )
        .values_list("enrollment_id", "date_provided")
        .iterator()
    ):
        nights[enrollment_id].append(day)
    by_client: dict[int, list[Stay]] = defaultdict(list)
    rows = (
        Enrollment.objects.filter(
            in_the_coc(coc), project_id__in=project_ids, project__project_type__in=types, entry_date__lte=end
        )
        .values_list(
            "pk",
            "client_id",
            "project_id",
            "project__hud_id",
            "project__project_type",
            "entry_date",
            "move_in_date",
            "living_situation",
            "los_under_threshold",
            "previous_street_essh",
            "date_to_street_essh",
            "relationship_to_ho_h",
            "household_id",
        )  # fmt: skip
        .order_by("client_id", "entry_date", "pk")
        .iterator()
    )
    for pk, client_id, project_id, hud_id, ptype, entry, move_in, ls, los, prev, street, rel, hh in rows:
        exit_date, destination = exits.get(pk, (None, None))
        by_client[client_id].append(
            Stay(
                enrollment_id=pk,
                client_id=client_id,
                project_id=project_id,
                project_hud_id=hud_id,
                project_type=ptype,
                entry=entry,
                exit=exit_date,
                destination=destination,
                move_in=move_in,
                living_situation=ls,
                los_under_threshold=los,
                previous_street_essh=prev,
                date_to_street=street,
                relationship=rel,
                household_id=hh,
                bed_nights=sorted(nights.get(pk, [])),
            )  # fmt: skip
        )
    _share_household_move_ins(by_client)
    return by_client


def _share_household_move_ins(by_client: dict[int, list[Stay]]) -> None:
    """Give the members of a permanent housing household the head's housing move-in (Glossary,
    "Handling Housing Move-In Dates"; the APR's universe applies the same rule): a member present
    at the move-in is housed that day, one who joined later from their own project start, one who
    left before it never. A head's move-in recorded before their own project start counts from the
    project start; one after the head's exit is disregarded."""
    heads: dict[tuple[int, str], dt.date] = {}
    for stays in by_client.values():
        for stay in stays:
            if stay.project_type not in PH or stay.relationship != 1 or stay.move_in is None:
                continue
            if stay.exit is None or stay.move_in <= stay.exit:
                heads.setdefault((stay.project_id, stay.household_id), max(stay.move_in, stay.entry))
    for stays in by_client.values():
        for stay in stays:
            if stay.project_type not in PH:
                continue
            move_in = heads.get((stay.project_id, stay.household_id))
            if move_in is None or (stay.exit is not None and stay.exit < move_in):
                stay.move_in = None
            else:
                stay.move_in = max(move_in, stay.entry)
