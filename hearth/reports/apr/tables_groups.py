"""APR Q25 (veterans), Q26 (chronically homeless persons) and Q27 (youth): the earlier questions
repeated for a subpopulation."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hearth.reports.apr.codes import CH_DKPNTA, CH_MISSING, CH_NO, CH_YES, CONDITIONS
from hearth.reports.apr.filters import (
    ADULT,
    ADULT_OR_HOH,
    AGE_DKPNTA,
    AGE_DNC,
    AGE_ROWS,
    ALL,
    DKPNTA_LABEL,
    DNC_LABEL,
    HH,
    HH_COLUMNS,
    HOH,
    LEAVER,
    STAYER,
)
from hearth.reports.apr.tables_income import (
    benefits_table,
    disabling_income_table,
    income_category_table,
    income_sources_table,
)
from hearth.reports.apr.tables_stay import (
    HOUSING_CUTS,
    LOP_CUTS,
    TIME_PRIOR_TYPES,
    destination_table,
    length_rows,
    living_situation_rows,
    moved_in_in_range,
    participation_q,
    subsidy_table,
)
from hearth.reports.tables import Avg, Count, Median, Row, Table, grid

# Veteran tables leave out households with only children (no adults to be veterans).
VET_COLUMNS = ["Total", "Without Children", "With Children and Adults", "Unknown Household Type"]
VET_HH = [HH[0], HH[1], HH[2], HH[4]]
VETERAN = Q(is_veteran=True) & ADULT


def q25a(run: Any) -> Table:
    rows = [
        ("Chronically Homeless Veteran", VETERAN & Q(chronic=CH_YES)),
        ("Non-Chronically Homeless Veteran", VETERAN & ~Q(chronic=CH_YES)),
        ("Not a Veteran", Q(veteran_status=0)),
        (DKPNTA_LABEL, Q(veteran_status__in=[8, 9])),
        (DNC_LABEL, ~Q(veteran_status__in=[0, 1, 8, 9])),
        ("Total", ALL),
    ]
    return Table("Q25a", "Number of Veterans", [" ", *VET_COLUMNS], grid(rows, VET_HH), base=ADULT)


def q25b(run: Any) -> Table:
    rows = [
        ("Chronically Homeless Veteran", Q(hh_veteran=1)),
        ("Non-Chronically Homeless Veteran", Q(hh_veteran=2)),
        ("Not a Veteran", Q(hh_veteran=3)),
        (DKPNTA_LABEL, Q(hh_veteran=4)),
        (DNC_LABEL, Q(hh_veteran=5)),
        ("Total", ALL),
    ]
    return Table("Q25b", "Number of Veteran Households", [" ", *VET_COLUMNS], grid(rows, VET_HH), base=HOH)


def q25d(run: Any) -> Table:
    rows = [row for row in AGE_ROWS if row[0] not in {"Under 5", "5 - 12", "13 - 17"}]
    return Table("Q25d", "Age - Veterans", [" ", *VET_COLUMNS], grid(rows, VET_HH), base=VETERAN)


def q25i(run: Any) -> Table:
    return destination_table(
        "Q25i", "Exit Destination - Veterans", LEAVER & VETERAN, VET_HH, [" ", *VET_COLUMNS]
    )


def q25j(run: Any) -> Table:
    return subsidy_table(
        "Q25j",
        "Exit Destination - Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy - Veteran",
        LEAVER & VETERAN,
        VET_HH,
        [" ", *VET_COLUMNS],
    )


CHRONIC = Q(chronic=CH_YES)


def _ch_rows(field: str) -> list[tuple[str, Q]]:
    return [
        ("Chronically Homeless", Q(**{field: CH_YES})),
        ("Not Chronically Homeless", Q(**{field: CH_NO})),
        (DKPNTA_LABEL, Q(**{field: CH_DKPNTA})),
        (DNC_LABEL, Q(**{field: CH_MISSING}) | Q(**{f"{field}__isnull": True})),
        ("Total", ALL),
    ]


def q26a(run: Any) -> Table:
    return Table(
        "Q26a",
        "Chronic Homeless Status - Number of Households w/at least one or more CH person",
        [" ", *HH_COLUMNS],
        grid(_ch_rows("hh_chronic"), HH),
        base=HOH,
    )


def q26b(run: Any) -> Table:
    return Table(
        "Q26b",
        "Number of Chronically Homeless Persons by Household",
        [" ", *HH_COLUMNS],
        grid(_ch_rows("chronic"), HH),
    )


def q26d(run: Any) -> Table:
    rows = [("0 - 17", Q(age__gte=0, age__lt=18))]
    rows += [row for row in AGE_ROWS if row[0] not in {"Under 5", "5 - 12", "13 - 17"}]
    return Table(
        "Q26d", "Age of Chronically Homeless Persons", [" ", *HH_COLUMNS], grid(rows, HH), base=CHRONIC
    )


def q26e(run: Any) -> Table:
    rows = [
        Row(
            label,
            [
                Count(Q(**{f"dis_entry_{suffix}": True})),
                Count(STAYER & Q(**{f"dis_latest_{suffix}": True})),
                Count(LEAVER & Q(**{f"dis_exit_{suffix}": True})),
            ],
        )
        for suffix, label in CONDITIONS
    ]
    header = [
        " ",
        "Conditions At Start",
        "Conditions at Latest Assessment for Stayers",
        "Conditions at Exit for Leavers",
    ]
    return Table(
        "Q26e",
        "Physical and Mental Health Conditions - Chronically Homeless Persons",
        header,
        rows,
        base=CHRONIC,
    )


def q26f(run: Any) -> Table:
    return income_category_table(
        "Q26f",
        "Client Cash Income - Chronically Homeless Persons",
        ADULT & CHRONIC,
        noun="Chronically Homeless Adults",
        stayers="chronically homeless adult stayers",
    )


def q26g(run: Any) -> Table:
    return income_sources_table(
        "Q26g",
        "Type of Cash Income Sources - Chronically Homeless Persons",
        ADULT & CHRONIC,
        "Chronically Homeless Adults",
    )


def q26h(run: Any) -> Table:
    return benefits_table(
        "Q26h", "Type of Non-Cash Benefit Sources - Chronically Homeless Persons", ADULT & CHRONIC
    )


YOUTH = Q(is_youth=True)


def q27a(run: Any) -> Table:
    rows = [
        ("12 - 17", Q(age__gte=12, age__lte=17)),
        ("18 - 24", Q(age__gte=18, age__lte=24)),
        (DKPNTA_LABEL, AGE_DKPNTA),
        (DNC_LABEL, AGE_DNC),
        ("Total", ALL),
    ]
    return Table("Q27a", "Age of Youth", [" ", *HH_COLUMNS], grid(rows, HH), base=YOUTH)


def q27b(run: Any) -> Table:
    rows = []
    for label, led_by in (("Parent youth < 18", 1), ("Parent youth 18 to 24", 2)):
        led = Q(hh_parenting_youth=led_by)
        parents = Q(is_parenting_youth=True) & led
        children = Q(relationship_to_hoh=2, age__gte=0, age__lt=18) & led
        rows.append(
            Row(label, [Count(parents), Count(children), Count(parents | children), Count(HOH & parents)])
        )
    header = [
        " ",
        "Total Parenting Youth",
        "Total Children of Parenting Youth",
        "Total Persons",
        "Total Households",
    ]
    return Table("Q27b", "Parenting Youth", header, rows)


def q27d(run: Any) -> Table:
    return Table(
        "Q27d",
        "Living Situation - Youth",
        [" ", *HH_COLUMNS],
        grid(living_situation_rows(), HH),
        base=YOUTH & ADULT_OR_HOH,
    )


def q27e(run: Any) -> Table:
    rows = [(label, participation_q(low or 0, high)) for label, low, high in LOP_CUTS]
    return Table(
        "Q27e",
        "Length of Participation - Youth",
        [" ", "Total", "Leavers", "Stayers"],
        grid([*rows, ("Total", ALL)], [ALL, LEAVER, STAYER]),
        base=YOUTH,
    )


def q27f1(run: Any) -> Table:
    return destination_table("Q27f1", "Exit Destination - Youth", LEAVER & YOUTH, HH, [" ", *HH_COLUMNS])


def q27f2(run: Any) -> Table:
    return subsidy_table(
        "Q27f2",
        "Exit Destination - Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy - Youth",
        LEAVER & YOUTH,
        HH,
        [" ", *HH_COLUMNS],
    )


def q27g(run: Any) -> Table:
    return income_sources_table("Q27g", "Cash Income - Sources - Youth", YOUTH, "Youth")


def q27h(run: Any) -> Table:
    return income_category_table(
        "Q27h",
        "Client Cash Income Category - Earned/Other Income Category - by Start and Annual Assessment/Exit Status - Youth",
        YOUTH,
        noun="Youth",
        stayers="youth stayers",
    )


def q27i(run: Any) -> Table:
    return disabling_income_table(
        "Q27i", "Disabling Conditions and Income for Youth at Exit", YOUTH, "Youth", with_only_children=True
    )


def q27j(run: Any) -> Table:
    nbn = Q(project_type=1)
    rows = [
        Row("Average Length", [Avg("los_days", LEAVER & ~nbn), Avg("los_days", STAYER & ~nbn)]),
        Row("Median Length", [Median("los_days", LEAVER & ~nbn), Median("los_days", STAYER & ~nbn)]),
    ]
    return Table(
        "Q27j",
        "Average and Median Length of Participation in Days - Youth",
        [" ", "Leavers", "Stayers"],
        rows,
        base=YOUTH,
    )


def q27k(run: Any) -> Table:
    moved_in = moved_in_in_range(run)
    rows = grid([(label, moved_in & q) for label, q in length_rows("days_to_move_in", HOUSING_CUTS)], HH)
    rows += grid([("Total (persons moved into housing)", moved_in)], HH)
    rows.append(
        Row("Average length of time to housing", [Avg("days_to_move_in", moved_in & col) for col in HH])
    )
    return Table(
        "Q27k",
        "Length of Time between Project Start Date and Housing Move-in Date - Youth",
        [" ", *HH_COLUMNS],
        rows,
        base=YOUTH,
    )


def q27l(run: Any) -> Table:
    cuts = [*HOUSING_CUTS, ("731 days or more", 731, None)]
    housed = (~Q(project_type__in=[3, 9, 13]) | Q(housing_date__isnull=False)) & Q(
        days_to_housing__isnull=False
    )
    rows = [(label, housed & q) for label, q in length_rows("days_to_housing", cuts)]
    rows += [("Total (persons moved into housing)", housed), ("Total persons", ALL)]
    return Table(
        "Q27l",
        "Length of Time Prior to Housing - based on 3.917 Date Homelessness Started - Youth",
        [" ", *HH_COLUMNS],
        grid(rows, HH),
        base=YOUTH & TIME_PRIOR_TYPES,
    )


def _education_rows(field: str, codes: list[tuple[str, list[int]]], among: Q) -> list[tuple[str, Q]]:
    """Rows of one education status element (C3.2, C3.A or C3.B) for those it applies to
    (``among``); a missing record or answer there is "data not collected"."""
    known = [code for _, values in codes for code in values]
    rows = [(label, among & Q(**{f"{field}__in": values})) for label, values in codes]
    rows.append((DNC_LABEL, among & ~Q(**{f"{field}__in": known})))
    return rows


def q27m(run: Any) -> Table:
    """Education status of youth heads of household who left, at project start and at exit (C3).
    The most recent status is asked of those not enrolled in school, the current status of those
    enrolled; each section's "data not collected" counts the youth it applies to with no answer."""
    columns = []
    for stage in ("start", "exit"):
        school, recent, current = (f"edu_{stage}_{name}" for name in ("school", "recent", "current"))
        rows: list[tuple[str, Q | None]] = [
            *_education_rows(
                school,
                [
                    ("Not currently enrolled in any school or educational course", [0]),
                    ("Currently enrolled but NOT attending regularly", [1]),
                    ("Currently enrolled and attending regularly", [2]),
                    (DKPNTA_LABEL, [8, 9]),
                ],
                ALL,
            ),
            ("For those not enrolled: most recent education status", None),
            *_education_rows(
                recent,
                [
                    ("K12: Graduated from high school", [0]),
                    ("K12: Obtained GED", [1]),
                    ("K12: Dropped out", [2]),
                    ("K12: Suspended", [3]),
                    ("K12: Expelled", [4]),
                    ("Higher education: Pursuing a credential but not currently attending", [5]),
                    ("Higher education: Dropped out", [6]),
                    ("Higher education: Obtained a credential/degree", [7]),
                    (DKPNTA_LABEL, [8, 9]),
                ],
                Q(**{school: 0}),
            ),
            ("For those currently enrolled: current education status", None),
            *_education_rows(
                current,
                [
                    ("Pursuing a high school diploma or GED", [0]),
                    ("Pursuing Associate's Degree", [1]),
                    ("Pursuing Bachelor's Degree", [2]),
                    ("Pursuing Graduate Degree", [3]),
                    ("Pursuing other post-secondary credential", [4]),
                    (DKPNTA_LABEL, [8, 9]),
                ],
                Q(**{f"{school}__in": [1, 2]}),
            ),
            ("Total", ALL),
        ]
        columns.append(rows)
    start_rows, exit_rows = columns
    table_rows = [
        Row(label, [None, None] if q is None else [Count(q), Count(exit_rows[r][1])])
        for r, (label, q) in enumerate(start_rows)
    ]
    return Table(
        "Q27m",
        "Education Status - Youth",
        ["Current school and attendance", "At Project Start", "At Project Exit"],
        table_rows,
        base=YOUTH & HOH & LEAVER,
    )
