"""Measure 4: employment and income growth for adults in CoC Program-funded projects.

- The projects: the CoC's projects with CoC Program funding (Funder.csv: CoC PSH, RRH, SSO, TH,
  Safe Haven, YHDP, Joint TH/RRH, the Unsheltered and Rural Special NOFOs, CoC Builds) for some of
  the report period. Street outreach, shelter and services-only projects count when so funded;
  coordinated entry projects never do.
- The persons: adults (18 or older on the later of the report start and the project start) with
  an enrollment in such a project open during the period (open after its first day: a project
  start on or before the end, no exit or an exit after the start).
- **Stayers** (4.1-4.3): still enrolled after the report end in an enrollment that has lasted
  365 days or more by then (the start and end days both count); a person with several is counted
  on the one that began last. Their income is compared between the annual assessment nearest the
  end (the latest one on or before it that lies within 30 days of a project-start anniversary)
  and the one before it (the previous such annual assessment, else the project start). A stayer
  with no annual assessment has no later income to compare, and did not increase it.
- **Leavers** (4.4-4.6): persons with no enrollment of these projects still open after the end,
  who exited during the period; counted on the enrollment that began last. Their income at exit
  is compared with their income at project start.
- Earned income is EarnedAmount; non-employment cash income is the total monthly income less the
  earned part; total income is TotalMonthlyIncome (each 0 when missing, never below 0). A person
  increased an income when the later figure is greater than the earlier one and the earlier
  assessment exists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from hearth.reports.spm.stays import SPM_TYPES, Stay, load_stays

# Funder (2.06.1) codes that make a project CoC Program-funded for the SPM.
COC_FUNDERS = frozenset({2, 3, 4, 5, 6, 43, 44, 54, 55, 56})
SERVICES_ONLY, COORDINATED_ENTRY = 6, 14
ENTRY, EXIT, ANNUAL = 1, 3, 5  # DataCollectionStage (5.03.1)
ANNIVERSARY_WINDOW = dt.timedelta(days=30)
MIN_DAYS_ENROLLED = 365

METRICS = {
    "4.1": ("stayer", "earned"),
    "4.2": ("stayer", "other"),
    "4.3": ("stayer", "total"),
    "4.4": ("leaver", "earned"),
    "4.5": ("leaver", "other"),
    "4.6": ("leaver", "total"),
}


@dataclass(frozen=True)
class Income:
    stage: int
    date: dt.date
    total: Decimal
    earned: Decimal

    def amount(self, kind: str) -> Decimal:
        if kind == "earned":
            return self.earned
        if kind == "other":
            return max(Decimal(0), self.total - self.earned)
        return self.total


@dataclass
class Change:
    client_id: int
    stay: Stay
    kind: str  # "stayer" or "leaver"
    earlier: Income | None
    later: Income | None

    def increased(self, income: str) -> bool:
        if self.earlier is None:
            return False
        later = self.later.amount(income) if self.later is not None else Decimal(0)
        return later > self.earlier.amount(income)


def income(stage: int, date: dt.date, total: Decimal | None, earned: Decimal | None) -> Income:
    return Income(
        stage=stage,
        date=date,
        total=max(Decimal(0), total or Decimal(0)),
        earned=max(Decimal(0), earned or Decimal(0)),
    )


def age_on(dob: dt.date | None, day: dt.date) -> int | None:
    if dob is None or dob > day:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _anniversary(entry: dt.date, years: int) -> dt.date:
    try:
        return entry.replace(year=entry.year + years)
    except ValueError:  # 29 February: the anniversary falls on 28 February
        return entry.replace(year=entry.year + years, day=28)


def near_anniversary(day: dt.date, entry: dt.date) -> bool:
    """Within 30 days of a project-start anniversary (the first one a year after the start)."""
    years = day.year - entry.year
    return any(
        abs(day - _anniversary(entry, n)) <= ANNIVERSARY_WINDOW
        for n in (years - 1, years, years + 1)
        if n >= 1
    )


def _at_stage(records: Iterable[Income], stage: int, day: dt.date) -> Income | None:
    """The stage's assessment, preferring the one dated on the day it belongs to."""
    found = [r for r in records if r.stage == stage]
    if not found:
        return None
    return max(found, key=lambda r: (r.date == day, r.date))


def _open_during(stay: Stay, start: dt.date, end: dt.date) -> bool:
    return stay.entry <= end and (stay.exit is None or stay.exit > start)


def count_client(
    stays: list[Stay],
    incomes: dict[int, list[Income]],
    dob: dt.date | None,
    start: dt.date,
    end: dt.date,
) -> Change | None:
    """The person's place in Measure 4, or None. ``stays`` are in CoC Program-funded projects."""
    adult = [
        s
        for s in stays
        if s.project_type != COORDINATED_ENTRY
        and _open_during(s, start, end)
        and (age_on(dob, max(start, s.entry)) or 0) >= 18
    ]
    if not adult:
        return None
    staying = [s for s in adult if s.exit is None or s.exit > end]
    if staying:
        long = [s for s in staying if (end - s.entry).days + 1 >= MIN_DAYS_ENROLLED]
        if not long:
            return None
        chosen = max(long, key=lambda s: (s.entry, s.enrollment_id))
        records = incomes.get(chosen.enrollment_id, [])
        annual = sorted(
            (
                r
                for r in records
                if r.stage == ANNUAL and r.date <= end and near_anniversary(r.date, chosen.entry)
            ),
            key=lambda r: r.date,
        )
        later = annual[-1] if annual else None
        before = [r for r in annual if later is not None and r.date < later.date]
        earlier = before[-1] if before else _at_stage(records, ENTRY, chosen.entry)
        return Change(chosen.client_id, chosen, "stayer", earlier, later)
    left = [s for s in adult if s.exit is not None and s.exit <= end]
    chosen = max(left, key=lambda s: (s.entry, s.enrollment_id))
    records = incomes.get(chosen.enrollment_id, [])
    assert chosen.exit is not None
    return Change(
        chosen.client_id,
        chosen,
        "leaver",
        _at_stage(records, ENTRY, chosen.entry),
        _at_stage(records, EXIT, chosen.exit),
    )


def group_incomes(
    rows: Iterable[tuple[int, int, dt.date, Decimal | None, Decimal | None]],
) -> dict[int, list[Income]]:
    """(enrollment id, stage, date, total, earned) rows, by enrollment."""
    found: dict[int, list[Income]] = defaultdict(list)
    for enrollment_id, stage, day, total, earned in rows:
        found[enrollment_id].append(income(stage, day, total, earned))
    return found


@dataclass
class Inputs:
    stays: dict[int, list[Stay]]
    incomes: dict[int, list[Income]]
    dobs: dict[int, dt.date | None]


def load_inputs(project_ids: list[int], start: dt.date, end: dt.date, *, coc: str) -> Inputs:
    from hearth.clients.models import Client
    from hearth.enrollments.models import IncomeBenefit
    from hearth.projects.selectors import funded_project_ids

    funded = sorted(funded_project_ids(project_ids, COC_FUNDERS, start=start, end=end))
    stays = load_stays(funded, end=end, coc=coc, types=(*SPM_TYPES, SERVICES_ONLY))
    rows = (
        IncomeBenefit.objects.filter(
            enrollment__project_id__in=funded,
            enrollment__entry_date__lte=end,
            data_collection_stage__in=(ENTRY, EXIT, ANNUAL),
            date_deleted__isnull=True,
        )
        .values_list(
            "enrollment_id",
            "data_collection_stage",
            "information_date",
            "total_monthly_income",
            "earned_amount",
        )
        .iterator()
    )
    dobs = dict(Client.objects.filter(pk__in=stays.keys()).values_list("pk", "dob"))
    return Inputs(stays=stays, incomes=group_incomes(rows), dobs=dobs)
