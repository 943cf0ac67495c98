"""The Income report: income, benefits and health insurance at project start against the latest
assessment (the exit for leavers, the annual assessment for stayers), by source, with the changes.

It reads the APR client universe, so "start", "annual assessment" and "exit" mean what they mean in
the APR (hearth.reports.apr.stages), and every count drills down to its clients.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, Q, When

from hearth.reports.apr.codes import BENEFITS, INCOME_SOURCES, INSURANCE
from hearth.reports.apr.filters import ADULT, LEAVER, STAYER
from hearth.reports.tables import Avg, Count, Ratio, Row, Table

# The latest assessment: the exit record for leavers, the annual assessment for stayers due one.
LATEST_FOUND = (LEAVER & Q(inc_exit_found=True)) | (STAYER & Q(annual_expected=True, inc_annual_found=True))
BOTH = Q(inc_start_found=True) & LATEST_FOUND


def _latest(prefix: str, name: str) -> Q:
    return (LEAVER & Q(**{f"{prefix}_exit_{name}": True})) | (STAYER & Q(**{f"{prefix}_annual_{name}": True}))


def _latest_value(name: str) -> Any:
    return Case(When(is_leaver=True, then=F(f"inc_exit_{name}")), default=F(f"inc_annual_{name}"))


def _source_rows(prefix: str, sources: list[tuple[str, str]]) -> list[Row]:
    rows: list[Row] = []
    for flag, label in sources:
        at_start = Q(**{f"{prefix}_start_{flag}": True})
        at_latest = _latest(prefix, flag)
        r = len(rows)
        rows.append(
            Row(
                label,
                [
                    Count(at_start),
                    Count(at_latest),
                    Count(~at_start & at_latest),
                    Count(at_start & ~at_latest),
                    Count(at_start & at_latest),
                    Ratio((r, 1), (r, 0)),
                ],
            )
        )
    return rows


SOURCE_HEADER = ["Source", "At start", "At latest assessment", "Gained", "Lost", "Kept", "Latest / start"]


def tables(run: Any) -> list[Table]:
    note = (
        "Adults with an income record at project start and at their latest assessment: the exit "
        "for leavers, the annual assessment for stayers."
    )
    cash = Table(
        "IN1",
        "Cash income sources at start and at the latest assessment",
        SOURCE_HEADER,
        _source_rows("inc", [(flag, label) for flag, _, label in INCOME_SOURCES]),
        base=ADULT & BOTH,
        note=note,
        chart="bar",
    )
    amounts = []
    for part, label in (
        ("earned_amt", "Earned income"),
        ("other_amt", "Other income"),
        ("total", "Total income"),
    ):
        start = f"inc_start_{part}"
        latest = _latest_value(part)
        amounts.append(
            Row(
                label,
                [
                    Count(Q(**{f"{start}__gt": 0})),
                    Avg(start),
                    Count(
                        (LEAVER & Q(**{f"inc_exit_{part}__gt": 0}))
                        | (STAYER & Q(**{f"inc_annual_{part}__gt": 0}))
                    ),
                    Avg(latest),
                    Avg(latest - F(start)),
                ],
            )
        )
    money = Table(
        "IN2",
        "Monthly income at start and at the latest assessment",
        [
            "Income",
            "Adults with it at start",
            "Average at start",
            "Adults with it at latest",
            "Average at latest",
            "Average change",
        ],
        amounts,
        base=ADULT & BOTH & Q(inc_start_total__isnull=False),
        note=note + " Averages are over all those adults, with no income counted as $0.",
    )
    total_latest = _latest_value("total")
    changes = []
    for label, q in (
        ("Total income increased", Q(inc_start_total__lt=total_latest)),
        (
            "Total income stayed the same (and above $0)",
            Q(inc_start_total=total_latest, inc_start_total__gt=0),
        ),
        ("Total income decreased", Q(inc_start_total__gt=total_latest)),
        (
            "No income at start or at the latest assessment",
            Q(inc_start_total=0) & Q(inc_start_total=total_latest),
        ),
        ("Total adults", Q()),
    ):
        changes.append(Row(label, [Count(LEAVER & q), Count(STAYER & q), Count(q)]))
    change = Table(
        "IN3",
        "Change in total monthly income",
        [" ", "Leavers (start to exit)", "Stayers (start to annual assessment)", "Total"],
        changes,
        base=ADULT & BOTH & Q(inc_start_total__isnull=False),
        chart="bar",
        chart_rows=(0, 1, 2, 3),
        chart_column=2,
    )
    benefits = Table(
        "IN4",
        "Non-cash benefits at start and at the latest assessment",
        SOURCE_HEADER,
        _source_rows("ben", list(BENEFITS)),
        base=ADULT & BOTH,
        note=note,
    )
    insurance = Table(
        "IN5",
        "Health insurance at start and at the latest assessment",
        SOURCE_HEADER,
        _source_rows("ins", list(INSURANCE)),
        base=BOTH,
        note="Everyone (adults and children) with a record at start and at the latest assessment.",
    )
    return [cash, money, change, benefits, insurance]
