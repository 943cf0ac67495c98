"""APR Q6a-Q6f: data quality. The Data Quality report is these tables plus Q5a.

Every table counts the universe "for DQ" (street outreach clients once engaged: Q5a column B), and
every percentage is a 4-decimal fraction of the population HUD names for its row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hearth.reports.apr.codes import DQ_DKPNTA, DQ_ISSUE, DQ_MISSING
from hearth.reports.apr.filters import ADULT_OR_HOH, DKPNTA_LABEL, HOH, IN_DQ, LEAVER, q_or
from hearth.reports.tables import Count, Rate, Row, Table

DQ_HEADER = ["Data Element", DKPNTA_LABEL, "Information Missing", "Data Issues", "Total", "% of Issue Rate"]


def _dq_row(
    label: str, field: str, population: Q, *, dk: bool = True, missing: bool = True, issue: bool = True
) -> Row:
    any_problem = Q(**{f"{field}__gt": 0})
    return Row(
        label,
        [
            Count(Q(**{field: DQ_DKPNTA})) if dk else None,
            Count(Q(**{field: DQ_MISSING})) if missing else None,
            Count(Q(**{field: DQ_ISSUE})) if issue else None,
            Count(any_problem),
            Rate(IN_DQ & any_problem, IN_DQ & population),
        ],
    )


def q6a(run: Any) -> Table:
    everyone = Q()
    any_problem = q_or(*[Q(**{f"dq_{e}__gt": 0}) for e in ("name", "ssn", "dob", "race")])
    rows = [
        _dq_row("Name (3.01)", "dq_name", everyone),
        _dq_row("Social Security Number (3.02)", "dq_ssn", everyone),
        _dq_row("Date of Birth (3.03)", "dq_dob", everyone),
        _dq_row("Race and Ethnicity (3.04)", "dq_race", everyone, issue=False),
        Row("Overall Score", [None, None, None, Count(any_problem), Rate(IN_DQ & any_problem, IN_DQ)]),
    ]
    return Table("Q6a", "Data Quality: Personally Identifiable Information", DQ_HEADER, rows, base=IN_DQ)


def q6b(run: Any) -> Table:
    overlap = Q(dq_start_overlap=True)
    rows = [
        _dq_row("Veteran Status (3.07)", "dq_veteran", Q(age__isnull=False)),
        Row(
            "Project Start Date (3.10)",
            [None, None, Count(overlap), Count(overlap), Rate(IN_DQ & overlap, IN_DQ)],
        ),
        _dq_row("Relationship to Head of Household (3.15)", "dq_relationship", Q(), dk=False),
        _dq_row("Enrollment CoC (3.16)", "dq_location", HOH, dk=False),
        _dq_row("Disabling Condition (3.08)", "dq_disabling", Q()),
    ]
    return Table("Q6b", "Data Quality: Universal Data Elements", DQ_HEADER, rows, base=IN_DQ)


def q6c(run: Any) -> Table:
    rows = [
        _dq_row("Destination (3.12)", "dq_destination", LEAVER, issue=False),
        _dq_row("Income and Sources (4.02) at Start", "dq_income_start", ADULT_OR_HOH),
        _dq_row("Income and Sources (4.02) at Annual Assessment", "dq_income_annual", Q(long_stayer=True)),
        _dq_row("Income and Sources (4.02) at Exit", "dq_income_exit", LEAVER & ADULT_OR_HOH),
    ]
    return Table("Q6c", "Data Quality: Income and Housing Data Quality", DQ_HEADER, rows, base=IN_DQ)


def q6d(run: Any) -> Table:
    checks = ["dq_ch_institution", "dq_ch_housing", "dq_ch_date", "dq_ch_times", "dq_ch_months"]
    any_problem = q_or(*[Q(**{c: True}) for c in checks])
    groups = [
        ("ES-EE, ES-NbN, SH, Street Outreach", 1),
        ("TH", 2),
        ("PH (all)", 3),
        ("CE", 4),
        ("SSO, Day Shelter, HP", 5),
    ]
    rows = []
    for label, group in groups:
        in_group = Q(ch_dq_group=group)
        cells: list[Any] = [Count(in_group)]
        for check in checks:
            blank = group == 1 and check in {"dq_ch_institution", "dq_ch_housing"}
            cells.append(None if blank else Count(in_group & Q(**{check: True})))
        cells.append(Rate(IN_DQ & in_group & any_problem, IN_DQ & in_group))
        rows.append(Row(label, cells))
    counted = Q(ch_dq_group__isnull=False)
    rows.append(
        Row(
            "Total",
            [
                Count(counted),
                None,
                None,
                None,
                None,
                None,
                Rate(IN_DQ & counted & any_problem, IN_DQ & counted),
            ],
        )
    )
    header = [
        "Entering into project type",
        "Count of total records",
        "Missing time in institution (3.917.2)",
        "Missing time in housing (3.917.2)",
        "Approximate date this episode started (3.917.3) DK/PNTA/missing",
        "Number of times (3.917.4) DK/PNTA/missing",
        "Number of months (3.917.5) DK/PNTA/missing",
        "% of records unable to calculate",
    ]
    return Table("Q6d", "Data Quality: Chronic Homelessness", header, rows, base=IN_DQ)


LAG_ROWS: list[tuple[str, dict[str, int]]] = [
    ("< 0 days", {"lt": 0}),
    ("0 days", {"exact": 0}),
    ("1-3 days", {"gte": 1, "lte": 3}),
    ("4-6 days", {"gte": 4, "lte": 6}),
    ("7-10 days", {"gte": 7, "lte": 10}),
    ("11+ days", {"gte": 11}),
]


def _lag(field: str, bounds: dict[str, int]) -> Q:
    return Q(**{f"{field}__{lookup}": value for lookup, value in bounds.items()})


def q6e(run: Any) -> Table:
    rows = [
        Row(label, [Count(_lag("entry_lag_days", bounds)), Count(_lag("exit_lag_days", bounds))])
        for label, bounds in LAG_ROWS
    ]
    return Table(
        "Q6e",
        "Data Quality: Timeliness",
        ["Time for Record Entry", "Number of Project Start Records", "Number of Project Exit Records"],
        rows,
        base=IN_DQ,
        note="Days from the project start or exit date to the day the record was entered.",
    )


def q6f(run: Any) -> Table:
    rows = []
    for label, field in (
        ("Contact (Adults and Heads of Household in Street Outreach or PATH-funded SSO)", "inactive_contact"),
        ("Bed Night (All clients in ES - NBN)", "inactive_bed_night"),
    ):
        counted = Q(**{f"{field}__gt": 0})
        inactive = Q(**{field: 2})
        rows.append(Row(label, [Count(counted), Count(inactive), Rate(IN_DQ & inactive, IN_DQ & counted)]))
    return Table(
        "Q6f",
        "Data Quality: Inactive Records: Street Outreach and Emergency Shelter",
        ["Data Element", "# of Records", "# of Inactive Records", "% of Inactive Records"],
        rows,
        base=IN_DQ,
    )
