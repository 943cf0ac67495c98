"""APR Q16-Q21: cash income, non-cash benefits and health insurance at start, at the latest annual
assessment (stayers) and at exit (leavers).

Columns follow HUD: "start" counts everyone in the table's population; "annual assessment" counts
stayers whose assessment is due (the head of household has been in the project a year and the member
joined before the anniversary); "exit" counts leavers. Income questions count adults; Q21 counts
everyone.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q

from hearth.reports.apr.codes import BENEFITS, INCOME_SOURCES, INSURANCE
from hearth.reports.apr.filters import ADULT, ALL, DKPNTA_LABEL, DNC_LABEL, HH, LEAVER, STAYER, q_or
from hearth.reports.tables import Avg, Count, Ratio, Row, Table

STAGES = ("start", "annual", "exit")
DUE = STAYER & Q(annual_expected=True)
NOT_YET_DUE = STAYER & Q(annual_expected=False)
STAGE_POPULATION = {"start": ALL, "annual": DUE, "exit": LEAVER}
INCOME_HEADER = [
    " ",
    "Income at Start",
    "Income at Latest Annual Assessment for Stayers",
    "Income at Exit for Leavers",
]


def _f(stage: str, name: str, **lookup: Any) -> Q:
    """A filter on the income columns of one stage, e.g. _f("start", "total", gt=0)."""
    if not lookup:
        lookup = {"": True}
    return Q(**{f"inc_{stage}_{name}{'__' + k if k else ''}": v for k, v in lookup.items()})


def _found(stage: str) -> Q:
    return Q(**{f"inc_{stage}_found": True})


def _no_total(stage: str) -> Q:
    return Q(**{f"inc_{stage}_total__isnull": True})


def income_brackets(stage: str) -> list[tuple[str, Q]]:
    found = _found(stage)
    total = f"inc_{stage}_total"
    dk = found & _no_total(stage) & Q(**{f"inc_{stage}_any__in": [8, 9]})
    # Not collected: no record, or no total and no don't know/prefers not to answer. For the annual
    # assessment a missing record is its own row ("without required annual assessment").
    not_collected = (_no_total(stage) & ~Q(**{f"inc_{stage}_any__in": [8, 9]})) | ~found
    if stage == "annual":
        not_collected &= found
    return [
        ("No Income", Q(**{total: 0})),
        ("$1 - $150", Q(**{f"{total}__gt": 0, f"{total}__lte": 150})),
        ("$151 - $250", Q(**{f"{total}__gt": 150, f"{total}__lte": 250})),
        ("$251 - $500", Q(**{f"{total}__gt": 250, f"{total}__lte": 500})),
        ("$501 - $1,000", Q(**{f"{total}__gt": 500, f"{total}__lte": 1000})),
        ("$1,001 - $1,500", Q(**{f"{total}__gt": 1000, f"{total}__lte": 1500})),
        ("$1,501 - $2,000", Q(**{f"{total}__gt": 1500, f"{total}__lte": 2000})),
        ("$2,001+", Q(**{f"{total}__gt": 2000})),
        (DKPNTA_LABEL, dk),
        (DNC_LABEL, not_collected),
    ]


def q16(run: Any) -> Table:
    rows: list[Row] = []
    brackets = {stage: income_brackets(stage) for stage in STAGES}
    for i, (label, _) in enumerate(brackets["start"]):
        rows.append(Row(label, [Count(ADULT & STAGE_POPULATION[s] & brackets[s][i][1]) for s in STAGES]))
    rows.append(
        Row(
            "Number of adult stayers not yet required to have an annual assessment",
            [None, Count(ADULT & NOT_YET_DUE), None],
        )
    )
    rows.append(
        Row(
            "Number of adult stayers without required annual assessment",
            [None, Count(ADULT & DUE & ~_found("annual")), None],
        )
    )
    rows.append(Row("Total Adults", [Count(ADULT), Count(ADULT & STAYER), Count(ADULT & LEAVER)]))
    return Table("Q16", "Cash Income - Ranges", INCOME_HEADER, rows, chart="bar", chart_rows=tuple(range(10)))


def _information_at_both(stage: str) -> Q:
    return Q(inc_start_any__in=[0, 1]) & Q(**{f"inc_{stage}_any__in": [0, 1]})


def income_sources_table(key: str, title: str, who: Q, noun: str = "Adults") -> Table:
    rows = [
        Row(label, [Count(who & STAGE_POPULATION[s] & _f(s, flag)) for s in STAGES])
        for flag, _, label in INCOME_SOURCES
    ]
    rows.append(
        Row(
            f"{noun} with Income Information at Start and Annual Assessment/Exit",
            [
                None,
                Count(who & DUE & _information_at_both("annual")),
                Count(who & LEAVER & _information_at_both("exit")),
            ],
        )
    )
    return Table(key, title, INCOME_HEADER, rows)


def q17(run: Any) -> Table:
    return income_sources_table("Q17", "Cash Income - Sources", ADULT)


def income_categories(stage: str) -> list[tuple[str, Q]]:
    earned = f"inc_{stage}_earned_amt"
    other = f"inc_{stage}_other_amt"
    found = _found(stage)
    missing = (_no_total(stage) & ~Q(**{f"inc_{stage}_any__in": [8, 9]})) | ~found
    if stage == "annual":
        missing &= found
    return [
        ("Adults with Only Earned Income (i.e., Employment Income)", Q(**{f"{earned}__gt": 0, other: 0})),
        ("Adults with Only Other Income", Q(**{earned: 0, f"{other}__gt": 0})),
        ("Adults with Both Earned and Other Income", Q(**{f"{earned}__gt": 0, f"{other}__gt": 0})),
        ("Adults with No Income", Q(**{f"inc_{stage}_total": 0})),
        (f"Adults with {DKPNTA_LABEL}", found & _no_total(stage) & Q(**{f"inc_{stage}_any__in": [8, 9]})),
        ("Adults with Missing Income Information", missing),
    ]


def income_category_table(
    key: str, title: str, who: Q, noun: str = "Adults", stayers: str = "adult stayers"
) -> Table:
    categories = {stage: income_categories(stage) for stage in STAGES}
    rows = [
        Row(
            label.replace("Adults", noun),
            [Count(who & STAGE_POPULATION[s] & categories[s][i][1]) for s in STAGES],
        )
        for i, (label, _) in enumerate(categories["start"])
    ]
    rows += [
        Row(
            f"Number of {stayers} not yet required to have an annual assessment",
            [None, Count(who & NOT_YET_DUE), None],
        ),
        Row(
            f"Number of {stayers} without required annual assessment",
            [None, Count(who & DUE & ~_found("annual")), None],
        ),
        Row(f"Total {noun}", [Count(who), Count(who & STAYER), Count(who & LEAVER)]),
        Row(
            "1 or more source of income",
            [Count(who & STAGE_POPULATION[s] & _f(s, "total", gt=0)) for s in STAGES],
        ),
        Row(
            f"{noun} with Income Information at Start and Annual Assessment/Exit",
            [
                None,
                Count(who & DUE & _information_at_both("annual")),
                Count(who & LEAVER & _information_at_both("exit")),
            ],
        ),
    ]
    header = [
        " ",
        f"Number of {noun} at Start",
        f"Number of {noun} at Annual Assessment (Stayers)",
        f"Number of {noun} at Exit (Leavers)",
    ]
    return Table(key, title, header, rows)


def q18(run: Any) -> Table:
    return income_category_table(
        "Q18",
        "Client Cash Income Category - Earned/Other Income Category - by Start and Annual Assessment/Exit Status",
        ADULT,
    )


def _q19(key: str, title: str, stage: str, when: str) -> Table:
    base = (
        ADULT & STAGE_POPULATION[stage] & Q(inc_start_total__isnull=False) & _f(stage, "total", isnull=False)
    )
    if stage == "annual":
        base &= _information_at_both("annual")
    rows: list[Row] = []
    for part, label, average_label in (
        (
            "earned",
            "Number of Adults with Earned Income (i.e., Employment Income)",
            "Average Change in Earned Income",
        ),
        ("other", "Number of Adults with Other Income", "Average Change in Other Income"),
        (
            "total",
            "Number of Adults with Any Income (i.e., Total Income)",
            "Average Change in Overall Income",
        ),
    ):
        start = f"inc_start_{part}" if part == "total" else f"inc_start_{part}_amt"
        later = f"inc_{stage}_{part}" if part == "total" else f"inc_{stage}_{part}_amt"
        groups = [
            Q(**{f"{start}__gt": 0, later: 0}),
            Q(**{f"{start}__gt": F(later), f"{later}__gt": 0}),
            Q(**{start: F(later), f"{later}__gt": 0}),
            Q(**{f"{start}__lt": F(later), f"{start}__gt": 0}),
            Q(**{start: 0, f"{later}__gt": 0}),
            Q(**{start: 0, later: 0}),
        ]
        gained_or_increased = groups[3] | groups[4]
        change = F(later) - F(start)
        r = len(rows)
        rows.append(
            Row(
                label,
                [*[Count(g) for g in groups], Count(ALL), Count(gained_or_increased), Ratio((r, 7), (r, 6))],
            )
        )
        rows.append(
            Row(
                average_label,
                [
                    Avg(change, groups[0]),
                    Avg(change, groups[1]),
                    None,
                    Avg(change, groups[3]),
                    Avg(change, groups[4]),
                    None,
                    Avg(change, ALL) if part == "total" else None,
                    Avg(change, gained_or_increased),
                    None,
                ],
            )
        )
    header = [
        "Income Change by Income Category (Universe: Adult "
        + (
            "Stayers with Income Information at Start and Annual Assessment)"
            if stage == "annual"
            else "Leavers with Income Information at Start and Exit)"
        ),
        f"Had Income Category at Start and Did Not Have It at {when}",
        f"Retained Income Category But Had Less $ at {when} Than at Start",
        f"Retained Income Category and Same $ at {when} as at Start",
        f"Retained Income Category and Increased $ at {when}",
        f"Did Not Have the Income Category at Start and Gained the Income Category at {when}",
        f"Did Not Have the Income Category at Start or at {when}",
        "Total Adults (including those with No Income)",
        f"Performance Measure: Adults who Gained or Increased Income from Start to {when}, Average Gain",
        "Performance measure: Percent of persons who accomplished this measure",
    ]
    return Table(key, title, header, rows, base=base)


def q19a1(run: Any) -> Table:
    return _q19(
        "Q19a1",
        "Client Cash Income Change - Income Source - by Start and Latest Status",
        "annual",
        "Annual Assessment",
    )


def q19a2(run: Any) -> Table:
    return _q19("Q19a2", "Client Cash Income Change - Income Source - by Start and Exit", "exit", "Exit")


Q19B_SOURCES = [
    ("Earned Income", ["earned"]),
    ("Supplemental Security Income (SSI)", ["ssi"]),
    ("Social Security Disability Insurance (SSDI)", ["ssdi"]),
    ("VA Service-Connected Disability Compensation", ["va_disability_service"]),
    ("Private Disability Insurance", ["private_disability"]),
    ("Worker's Compensation", ["workers_comp"]),
    ("Temporary Assistance for Needy Families (TANF)", ["tanf"]),
    ("Retirement Income from Social Security", ["soc_sec_retirement"]),
    ("Pension or retirement income from a former job", ["pension"]),
    ("Child Support", ["child_support"]),
    ("Other source", ["unemployment", "va_disability_non_service", "ga", "alimony", "other_income_source"]),
]


def q19b(run: Any) -> Table:
    return disabling_income_table(
        "Q19b", "Disabling Conditions and Income for Adults at Exit", ADULT, "Adults"
    )


def disabling_income_table(
    key: str, title: str, who: Q, noun: str, with_only_children: bool = False
) -> Table:
    base = who & LEAVER & Q(inc_exit_any__in=[0, 1], disabling_condition__in=[0, 1])
    households = [("AO", HH[1]), ("AC", HH[2]), ("UK", HH[4])]
    if with_only_children:
        households.insert(2, ("CO", HH[3]))
    header = ["Income at Exit"]
    for short, _ in households:
        header += [
            f"{short}: {noun[:-1]} with Disabling Condition",
            f"{short}: {noun[:-1]} without Disabling Condition",
            f"{short}: Total {noun}",
            f"{short}: % with Disabling Condition by Source",
        ]
    row_filters = [(label, q_or(*[_f("exit", flag) for flag in flags])) for label, flags in Q19B_SOURCES]
    row_filters.append(("No Sources", Q(inc_exit_any=0)))
    rows: list[Row] = []
    for r, (label, q) in enumerate(row_filters):
        cells: list[Any] = []
        for i, (_, hh) in enumerate(households):
            cells += [
                Count(q & hh & Q(disabling_condition=1)),
                Count(q & hh & Q(disabling_condition=0)),
                Count(q & hh),
                Ratio((r, i * 4), (r, i * 4 + 2)),
            ]
        rows.append(Row(label, cells))
    total: list[Any] = []
    for _, hh in households:
        total += [Count(hh & Q(disabling_condition=1)), Count(hh & Q(disabling_condition=0)), Count(hh), None]
    rows.append(Row(f"Unduplicated Total {noun}", total))
    return Table(key, title, header, rows, base=base)


def _b(stage: str, flag: str) -> Q:
    return Q(**{f"ben_{stage}_{flag}": True})


def benefits_table(key: str, title: str, who: Q) -> Table:
    rows = [
        Row(label, [Count(who & STAGE_POPULATION[s] & _b(s, flag)) for s in STAGES])
        for flag, label in BENEFITS
    ]
    header = [
        " ",
        "Benefit at Start",
        "Benefit at Latest Annual Assessment for Stayers",
        "Benefit at Exit for Leavers",
    ]
    return Table(key, title, header, rows)


def q20a(run: Any) -> Table:
    return benefits_table("Q20a", "Type of Non-Cash Benefit Sources", ADULT)


def q20b(run: Any) -> Table:
    def groups(stage: str) -> list[Q]:
        none = Q(**{f"ben_{stage}_any": 0, f"ben_{stage}_nsrc": 0})
        some = Q(**{f"ben_{stage}_any": 1}) | Q(**{f"ben_{stage}_nsrc__gt": 0})
        dk = Q(**{f"ben_{stage}_any__in": [8, 9], f"ben_{stage}_nsrc": 0})
        return [none, some, dk, ~(none | some | dk)]

    population = {"start": ADULT, "annual": ADULT & DUE, "exit": ADULT & LEAVER}
    widened = {"start": ADULT, "annual": ADULT & STAYER, "exit": ADULT & LEAVER}
    labels = [
        "No Sources",
        "1 + Source(s)",
        DKPNTA_LABEL,
        "Data Not Collected/Not stayed long enough for Annual Assessment",
    ]
    by_stage = {s: groups(s) for s in STAGES}
    rows = []
    for i, label in enumerate(labels):
        cells = []
        for s in STAGES:
            if i == 3:
                # Stayers not yet due are "not stayed long enough" in this row.
                cells.append(
                    Count(widened[s] & (by_stage[s][i] | (NOT_YET_DUE if s == "annual" else Q(pk__in=[]))))
                )
            else:
                cells.append(Count(population[s] & by_stage[s][i]))
        rows.append(Row(label, cells))
    rows.append(Row("Total", [Count(widened[s]) for s in STAGES]))
    header = [
        " ",
        "Benefit at Start",
        "Benefit at Latest Annual Assessment for Stayers",
        "Benefit at Exit for Leavers",
    ]
    return Table("Q20b", "Number of Non-Cash Benefit Sources", header, rows)


def q21(run: Any) -> Table:
    def _i(stage: str, flag: str) -> Q:
        return Q(**{f"ins_{stage}_{flag}": True})

    rows = [
        Row(label, [Count(STAGE_POPULATION[s] & _i(s, flag)) for s in STAGES]) for flag, label in INSURANCE
    ]
    for label, test in (
        ("No Health Insurance", lambda s: Q(**{f"ins_{s}_any__in": [0, 1], f"ins_{s}_nsrc": 0})),
        (DKPNTA_LABEL, lambda s: Q(**{f"ins_{s}_any__in": [8, 9], f"ins_{s}_nsrc": 0})),
        (DNC_LABEL, lambda s: Q(**{f"ins_{s}_nsrc": 0}) & ~Q(**{f"ins_{s}_any__in": [0, 1, 8, 9]})),
    ):
        rows.append(Row(label, [Count(STAGE_POPULATION[s] & test(s)) for s in STAGES]))
    rows.append(
        Row(
            "Number of Stayers Not Yet Required to Have an Annual Assessment",
            [None, Count(NOT_YET_DUE), None],
        )
    )
    rows.append(
        Row(
            "1 Source of Health Insurance",
            [Count(STAGE_POPULATION[s] & Q(**{f"ins_{s}_nsrc": 1})) for s in STAGES],
        )
    )
    rows.append(
        Row(
            "More than 1 Source of Health Insurance",
            [Count(STAGE_POPULATION[s] & Q(**{f"ins_{s}_nsrc__gt": 1})) for s in STAGES],
        )
    )
    header = [" ", "At Start", "At Annual Assessment for Stayers", "At Exit for Leavers"]
    return Table("Q21", "Health Insurance", header, rows)
