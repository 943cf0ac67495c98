"""APR Q13 (health conditions), Q14 (domestic violence), Q15 (living situation), Q22 (length of
participation and time to housing), Q23 (destinations) and Q24 (homelessness prevention, moving on
assistance, sex)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import F, Q

from hearth.reports.apr.codes import CONDITIONS
from hearth.reports.apr.filters import (
    ADULT_OR_HOH,
    ALL,
    DKPNTA_LABEL,
    DNC_LABEL,
    HH,
    HH_COLUMNS,
    HH_SPLIT,
    HH_SPLIT_COLUMNS,
    HOH,
    LEAVER,
    PSH_RRH,
    STAYER,
)
from hearth.reports.apr.tables_people import RACE_LABELS
from hearth.reports.tables import Avg, Count, Median, Ratio, Row, Table, grid

# Q13: which disability record set stands for each table.
CONDITION_STAGES = [
    ("Q13a1", "Q13a2", "entry", ALL, "at Start"),
    ("Q13b1", "Q13b2", "exit", LEAVER, "at Exit"),
    ("Q13c1", "Q13c2", "latest", STAYER, "for Stayers"),
]


def condition_rows(stage: str) -> list[tuple[str, Q]]:
    return [(label, Q(**{f"dis_{stage}_{suffix}": True})) for suffix, label in CONDITIONS]


def condition_count_rows(stage: str) -> list[tuple[str, Q]]:
    count = f"dis_{stage}_count"
    none_recorded = Q(**{count: 0})
    return [
        ("None", none_recorded & Q(disabling_condition=0)),
        ("1 Condition", Q(**{count: 1})),
        ("2 Conditions", Q(**{count: 2})),
        ("3+ Conditions", Q(**{f"{count}__gte": 3})),
        ("Condition Unknown", none_recorded & Q(disabling_condition=1)),
        (DKPNTA_LABEL, none_recorded & Q(disabling_condition__in=[8, 9])),
        (DNC_LABEL, none_recorded & ~Q(disabling_condition__in=[0, 1, 8, 9])),
        ("Total", ALL),
    ]


def _q13(key: str, title: str, rows: list[tuple[str, Q]], base: Q) -> Table:
    return Table(key, title, [" ", *HH_SPLIT_COLUMNS], grid(rows, HH_SPLIT), base=base)


def q13_tables(run: Any) -> list[Table]:
    tables = []
    for key1, _, stage, base, when in CONDITION_STAGES:
        tables.append(
            _q13(key1, f"Physical and Mental Health Conditions {when}", condition_rows(stage), base)
        )
    for _, key2, stage, base, when in CONDITION_STAGES:
        tables.append(_q13(key2, f"Number of Conditions {when}", condition_count_rows(stage), base))
    return tables


def yes_no_rows(field: str) -> list[tuple[str, Q]]:
    return [
        ("Yes", Q(**{field: 1})),
        ("No", Q(**{field: 0})),
        (DKPNTA_LABEL, Q(**{f"{field}__in": [8, 9]})),
        (DNC_LABEL, ~Q(**{f"{field}__in": [0, 1, 8, 9]})),
        ("Total", ALL),
    ]


def q14a(run: Any) -> Table:
    return Table(
        "Q14a",
        "Domestic Violence History",
        [" ", *HH_COLUMNS],
        grid(yes_no_rows("dv_survivor"), HH),
        base=ADULT_OR_HOH,
    )


def q14b(run: Any) -> Table:
    rows = [
        ("Within the past three months", Q(dv_when=1)),
        ("Three to six months ago", Q(dv_when=2)),
        ("Six months to one year", Q(dv_when=3)),
        ("One year ago, or more", Q(dv_when=4)),
        (DKPNTA_LABEL, Q(dv_when__in=[8, 9])),
        (DNC_LABEL, ~Q(dv_when__in=[1, 2, 3, 4, 8, 9])),
        ("Total", ALL),
    ]
    return Table(
        "Q14b",
        "Most recent experience of domestic violence, sexual assault, dating violence, stalking, or human trafficking",
        [" ", *HH_COLUMNS],
        grid(rows, HH),
        base=ADULT_OR_HOH & Q(dv_survivor=1),
    )


def living_situation_rows(field: str = "living_situation") -> list[tuple[str, Q | None]]:
    def is_(*codes: int) -> Q:
        return Q(**{f"{field}__in": list(codes)})

    return [
        ("Homeless Situations", None),
        ("Place not meant for habitation", is_(116)),
        (
            "Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter",
            is_(101),
        ),
        ("Safe Haven", is_(118)),
        ("Subtotal", is_(101, 116, 118)),
        ("Institutional Situations", None),
        ("Foster care home or foster care group home", is_(215)),
        ("Hospital or other residential non-psychiatric medical facility", is_(206)),
        ("Jail, prison or juvenile detention facility", is_(207)),
        ("Long-term care facility or nursing home", is_(225)),
        ("Psychiatric hospital or other psychiatric facility", is_(204)),
        ("Substance abuse treatment facility or detox center", is_(205)),
        ("Subtotal", is_(215, 206, 207, 225, 204, 205)),
        ("Temporary Situations", None),
        ("Transitional housing for homeless persons (including homeless youth)", is_(302)),
        ("Residential project or halfway house with no homeless criteria", is_(329)),
        ("Hotel or motel paid for without emergency shelter voucher", is_(314)),
        ("Host Home (non-crisis)", is_(332)),
        ("Staying or living in a friend's room, apartment or house", is_(336)),
        ("Staying or living in a family member's room, apartment or house", is_(335)),
        ("Subtotal", is_(302, 329, 314, 332, 336, 335)),
        ("Permanent Situations", None),
        ("Rental by client, no ongoing housing subsidy", is_(410)),
        ("Rental by client, with ongoing housing subsidy", is_(435)),
        ("Owned by client, with ongoing housing subsidy", is_(421)),
        ("Owned by client, no ongoing housing subsidy", is_(411)),
        ("Subtotal", is_(410, 435, 421, 411)),
        ("Other Situations", None),
        (DKPNTA_LABEL, is_(8, 9)),
        (DNC_LABEL, is_(99) | Q(**{f"{field}__isnull": True})),
        ("Subtotal", is_(8, 9, 99) | Q(**{f"{field}__isnull": True})),
        ("Total", ALL),
    ]


def q15(run: Any) -> Table:
    return Table(
        "Q15", "Living Situation", [" ", *HH_COLUMNS], grid(living_situation_rows(), HH), base=ADULT_OR_HOH
    )


def length_rows(field: str, cuts: Sequence[tuple[str, int | None, int | None]]) -> list[tuple[str, Q]]:
    rows = []
    for label, low, high in cuts:
        bounds: dict[str, int] = {}
        if low is not None:
            bounds[f"{field}__gte"] = low
        if high is not None:
            bounds[f"{field}__lte"] = high
        rows.append((label, Q(**bounds)))
    return rows


LOP_CUTS = [
    ("30 days or less", 0, 30),
    ("31 to 60 days", 31, 60),
    ("61 to 90 days", 61, 90),
    ("91 to 180 days", 91, 180),
    ("181 to 365 days", 181, 365),
    ("366 to 730 days (1-2 Yrs)", 366, 730),
    ("731 to 1,095 days (2-3 Yrs)", 731, 1095),
    ("1,096 to 1,460 days (3-4 Yrs)", 1096, 1460),
    ("1,461 to 1,825 days (4-5 Yrs)", 1461, 1825),
    ("More than 1,825 days (> 5 Yrs)", 1826, None),
]
HOUSING_CUTS = [
    ("7 days or less", 0, 7),
    ("8 to 14 days", 8, 14),
    ("15 to 21 days", 15, 21),
    ("22 to 30 days", 22, 30),
    ("31 to 60 days", 31, 60),
    ("61 to 90 days", 61, 90),
    ("91 to 180 days", 91, 180),
    ("181 to 365 days", 181, 365),
    ("366 to 730 days (1-2 Yrs)", 366, 730),
]


def participation_q(low: int, high: int | None) -> Q:
    """Length of participation: days in the project, or bed nights in night-by-night shelters."""
    days = Q(los_days__gte=low) & (Q(los_days__lte=high) if high is not None else Q())
    nights = Q(bed_nights__gte=low) & (Q(bed_nights__lte=high) if high is not None else Q())
    return (~Q(project_type=1) & days) | (Q(project_type=1) & nights)


def q22a1(run: Any) -> Table:
    rows = [(label, participation_q(low or 0, high)) for label, low, high in LOP_CUTS]
    return Table(
        "Q22a1",
        "Length of Participation - CoC Projects",
        [" ", "Total", "Leavers", "Stayers"],
        grid([*rows, ("Total", ALL)], [ALL, LEAVER, STAYER]),
        chart="bar",
        chart_rows=tuple(range(len(LOP_CUTS))),
    )


def q22b(run: Any) -> Table:
    nbn = Q(project_type=1)
    rows = [
        Row("Average Length", [Avg("los_days", LEAVER & ~nbn), Avg("los_days", STAYER & ~nbn)]),
        Row("Median Length", [Median("los_days", LEAVER & ~nbn), Median("los_days", STAYER & ~nbn)]),
    ]
    return Table(
        "Q22b",
        "Average and Median Length of Participation in Days",
        [" ", "Leavers", "Stayers"],
        rows,
        note="Night-by-night shelter stays are counted in bed nights and left out of these averages.",
    )


def moved_in_in_range(run: Any) -> Q:
    """PSH and RRH members of households that moved in during the report range (Q22c, Q22f): the
    head's move-in date as recorded falls in the range."""
    return PSH_RRH & Q(
        hoh_move_in_recorded__gte=run.start_date,
        move_in_date__isnull=False,
        days_to_move_in__gte=0,
        days_to_move_in__lte=730,
    )


EXITED_WITHOUT_MOVE_IN = PSH_RRH & LEAVER & Q(move_in_date__isnull=True)


def q22c(run: Any) -> Table:
    moved_in = moved_in_in_range(run)
    rows = grid([(label, moved_in & q) for label, q in length_rows("days_to_move_in", HOUSING_CUTS)], HH)
    rows += grid([("Total (persons moved into housing)", moved_in)], HH)
    rows.append(
        Row("Average length of time to housing", [Avg("days_to_move_in", moved_in & col) for col in HH])
    )
    rows += grid(
        [
            ("Persons who were exited without move-in", EXITED_WITHOUT_MOVE_IN),
            ("Total persons", moved_in | EXITED_WITHOUT_MOVE_IN),
        ],
        HH,
    )
    return Table(
        "Q22c", "Length of Time between Project Start Date and Housing Move-in Date", [" ", *HH_COLUMNS], rows
    )


# Q22e counts residential projects; children who joined after the head of household are left out
# (their homelessness start is not recorded).
TIME_PRIOR_TYPES = Q(project_type__in=[0, 1, 2, 3, 8, 9, 13]) & ~(
    Q(age__lt=18) & Q(entry_date__gt=F("hoh_entry_date"))
)
HOUSED = ~Q(project_type__in=[3, 9, 13]) | Q(housing_date__isnull=False)


def q22e(run: Any) -> Table:
    cuts = [*HOUSING_CUTS, ("731 days or more", 731, None)]
    housed = HOUSED & Q(days_to_housing__isnull=False)
    rows = [(label, housed & q) for label, q in length_rows("days_to_housing", cuts)]
    rows += [
        ("Total (persons moved into housing)", housed),
        ("Not yet moved into housing", Q(project_type__in=[3, 9, 13], housing_date__isnull=True)),
        ("Data not collected", HOUSED & Q(days_to_housing__isnull=True)),
        ("Total persons", ALL),
    ]
    return Table(
        "Q22e",
        "Length of Time Prior to Housing - based on 3.917 Date Homelessness Started",
        [" ", *HH_COLUMNS],
        grid(rows, HH),
        base=TIME_PRIOR_TYPES,
    )


def race_groups() -> list[tuple[str, Q]]:
    hispanic = 1 << 5
    with_hispanic = [m for m in range(128) if m & hispanic]
    order = [1, 2, 3, 6, 7, 4, 5]
    groups = [(RACE_LABELS[code], Q(race_mask=1 << (code - 1))) for code in order]
    groups += [
        ("At Least 1 Race and Hispanic/Latina/e/o", Q(race_count__gte=2, race_mask__in=with_hispanic)),
        (
            "Multi-racial (does not include Hispanic/Latina/e/o)",
            Q(race_count__gte=2) & ~Q(race_mask__in=with_hispanic),
        ),
        ("Unknown (Doesn't Know, Prefers not to Answer, Data not Collected)", Q(race_count=0)),
    ]
    return groups


def _by_race(key: str, title: str, moved: Q, not_moved: Q, days: str, base: Q) -> Table:
    groups = race_groups()
    rows = [
        Row("Persons Moved into housing", [Count(moved & q) for _, q in groups]),
        Row("Persons who were exited without move-in", [Count(not_moved & q) for _, q in groups]),
        Row("Average time to Move-In", [Avg(days, moved & q) for _, q in groups]),
        Row("Median time to Move-In", [Median(days, moved & q) for _, q in groups]),
    ]
    return Table(key, title, [" ", *[label for label, _ in groups]], rows, base=base)


def q22f(run: Any) -> Table:
    return _by_race(
        "Q22f",
        "Length of Time between Project Start Date and Housing Move-in Date by Race and Ethnicity",
        moved_in_in_range(run),
        EXITED_WITHOUT_MOVE_IN,
        "days_to_move_in",
        PSH_RRH,
    )


def q22g(run: Any) -> Table:
    return _by_race(
        "Q22g",
        "Length of Time Prior to Housing by Race and Ethnicity - based on 3.917 Date Homelessness Started",
        HOUSED & Q(days_to_housing__isnull=False),
        Q(project_type__in=[3, 9, 13], housing_date__isnull=True, is_leaver=True),
        "days_to_housing",
        TIME_PRIOR_TYPES & Q(homeless_start_date__isnull=False),
    )


PERMANENT_POSITIVE = [426, 411, 421, 410, 435, 422, 423]


def positive_destination() -> Q:
    outreach = [101, 118, 215, 204, 205, 225, 314, 312, 313, 302, 327, 332, *PERMANENT_POSITIVE]
    shelter = [332, *PERMANENT_POSITIVE]
    return (
        (Q(project_type__in=[0, 1, 2]) & Q(destination__in=shelter))
        | (Q(project_type=4) & Q(destination__in=outreach))
        | (~Q(project_type__in=[0, 1, 2, 4]) & Q(destination__in=PERMANENT_POSITIVE))
    )


def excluded_destination() -> Q:
    return (~Q(project_type=4) & Q(destination__in=[215, 206, 225, 24])) | (
        Q(project_type=4) & Q(destination__in=[206, 329, 24])
    )


def destination_rows() -> list[tuple[str, Q | None]]:
    def is_(*codes: int) -> Q:
        return Q(destination__in=list(codes))

    return [
        ("Homeless Situations", None),
        (
            "Place not meant for habitation (e.g., a vehicle, an abandoned building, bus/train/subway station/airport or anywhere outside)",
            is_(116),
        ),
        (
            "Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter",
            is_(101),
        ),
        ("Safe Haven", is_(118)),
        ("Subtotal", Q(destination__gte=100, destination__lte=199)),
        ("Institutional Situations", None),
        ("Foster care home or foster care group home", is_(215)),
        ("Hospital or other residential non-psychiatric medical facility", is_(206)),
        ("Jail, prison or juvenile detention facility", is_(207)),
        ("Long-term care facility or nursing home", is_(225)),
        ("Psychiatric hospital or other psychiatric facility", is_(204)),
        ("Substance abuse treatment facility or detox center", is_(205)),
        ("Subtotal", Q(destination__gte=200, destination__lte=299)),
        ("Temporary Situations", None),
        ("Transitional housing for homeless persons (including homeless youth)", is_(302)),
        ("Residential project or halfway house with no homeless criteria", is_(329)),
        ("Hotel or motel paid for without emergency shelter voucher", is_(314)),
        ("Host Home (non-crisis)", is_(332)),
        ("Staying or living with family, temporary tenure (e.g., room, apartment, or house)", is_(312)),
        ("Staying or living with friends, temporary tenure (e.g., room, apartment, or house)", is_(313)),
        ("Moved from one HOPWA funded project to HOPWA TH", is_(327)),
        ("Subtotal", Q(destination__gte=300, destination__lte=399)),
        ("Permanent Situations", None),
        ("Staying or living with family, permanent tenure", is_(422)),
        ("Staying or living with friends, permanent tenure", is_(423)),
        ("Moved from one HOPWA funded project to HOPWA PH", is_(426)),
        ("Rental by client, no ongoing housing subsidy", is_(410)),
        ("Rental by client, with ongoing housing subsidy", is_(435)),
        ("Owned by client, with ongoing housing subsidy", is_(421)),
        ("Owned by client, no ongoing housing subsidy", is_(411)),
        ("Subtotal", Q(destination__gte=400, destination__lte=499)),
        ("Other Situations", None),
        ("No Exit Interview completed", is_(30)),
        ("Other", is_(17)),
        ("Deceased", is_(24)),
        (DKPNTA_LABEL, is_(8, 9)),
        (DNC_LABEL, is_(99) | Q(destination__isnull=True)),
        ("Subtotal", is_(8, 9, 17, 24, 30, 99) | Q(destination__isnull=True)),
        ("Total", ALL),
        ("Total persons exiting to positive housing destinations", positive_destination()),
        ("Total persons whose destinations excluded them from the calculation", excluded_destination()),
    ]


def destination_table(key: str, title: str, base: Q, columns: list[Q], header: list[str]) -> Table:
    rows = grid(destination_rows(), columns)
    total, positive, excluded = len(rows) - 3, len(rows) - 2, len(rows) - 1
    rows.append(
        Row(
            "Percentage of persons exiting to positive housing destinations",
            [Ratio((positive, c), (total, c), subtract=(excluded, c)) for c in range(len(columns))],
        )
    )
    return Table(key, title, header, rows, base=base)


def q23c(run: Any) -> Table:
    return destination_table("Q23c", "Exit Destination", LEAVER, HH, [" ", *HH_COLUMNS])


SUBSIDY_TYPES = [
    (428, "GPD TIP housing subsidy"),
    (419, "VASH housing subsidy"),
    (431, "RRH or equivalent subsidy"),
    (433, "HCV voucher (tenant or project based) (not dedicated)"),
    (434, "Public housing unit"),
    (420, "Rental by client, with other ongoing housing subsidy"),
    (436, "Housing Stability Voucher"),
    (437, "Family Unification Program Voucher (FUP)"),
    (438, "Foster Youth to Independence Initiative (FYI)"),
    (439, "Permanent Supportive Housing"),
    (440, "Other permanent housing dedicated for formerly homeless persons"),
]


def subsidy_table(key: str, title: str, base: Q, columns: list[Q], header: list[str]) -> Table:
    rows = [(label, Q(destination_subsidy_type=code)) for code, label in SUBSIDY_TYPES]
    rows.append(("Total", Q(destination_subsidy_type__in=[code for code, _ in SUBSIDY_TYPES])))
    return Table(key, title, header, grid(rows, columns), base=base & Q(destination=435))


def q23d(run: Any) -> Table:
    return subsidy_table(
        "Q23d",
        "Exit Destination - Subsidy Type of Persons Exiting to Rental by Client With An Ongoing Subsidy",
        LEAVER & ~Q(project_type=12),
        HH,
        [" ", *HH_COLUMNS],
    )


def q23e(run: Any) -> Table:
    groups = [("Total", ALL), *race_groups()]
    kinds = [
        ("Homeless Situations", Q(destination__gte=100, destination__lte=199)),
        ("Institutional Situations", Q(destination__gte=200, destination__lte=299)),
        ("Temporary Situations", Q(destination__gte=300, destination__lte=399)),
        ("Permanent Situations", Q(destination__gte=400, destination__lte=499)),
        ("Other Situations", Q(destination__lt=100) | Q(destination__isnull=True)),
        ("Total", ALL),
    ]
    return Table(
        "Q23e",
        "Exit Destination Type by Race and Ethnicity",
        [" ", *[label for label, _ in groups]],
        grid(kinds, [q for _, q in groups]),
        base=LEAVER,
    )


def q24a(run: Any) -> Table:
    def assessed(a: int, s: int | None = None) -> Q:
        q = Q(housing_assessment=a)
        return q & Q(subsidy_information=s) if s is not None else q

    bad_subsidy = (Q(housing_assessment=1) & ~Q(subsidy_information__in=[1, 2, 3, 4])) | (
        Q(housing_assessment=2) & ~Q(subsidy_information__in=[11, 12])
    )
    rows = [
        ("Able to maintain the housing they had at project start--Without a subsidy", assessed(1, 1)),
        (
            "Able to maintain the housing they had at project start--With the subsidy they had at project start",
            assessed(1, 2),
        ),
        (
            "Able to maintain the housing they had at project start--With an on-going subsidy acquired since project start",
            assessed(1, 3),
        ),
        (
            "Able to maintain the housing they had at project start--Only with financial assistance other than a subsidy",
            assessed(1, 4),
        ),
        ("Moved to new housing unit--With on-going subsidy", assessed(2, 11)),
        ("Moved to new housing unit--Without an on-going subsidy", assessed(2, 12)),
        ("Moved in with family/friends on a temporary basis", assessed(3)),
        ("Moved in with family/friends on a permanent basis", assessed(4)),
        ("Moved to a transitional or temporary housing facility or program", assessed(5)),
        (
            "Client became homeless - moving to a shelter or other place unfit for human habitation",
            assessed(6),
        ),
        ("Jail/prison", assessed(7)),
        ("Deceased", assessed(10)),
        (DKPNTA_LABEL, Q(housing_assessment__in=[8, 9])),
        (
            "Data not collected (no exit interview completed)",
            ~Q(housing_assessment__in=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) | bad_subsidy,
        ),
        ("Total", ALL),
    ]
    return Table(
        "Q24a",
        "Homelessness Prevention Housing Assessment at Exit",
        [" ", *HH_COLUMNS],
        grid(rows, HH),
        base=LEAVER & Q(project_type=12),
    )


def q24b(run: Any) -> Table:
    rows = [
        ("Subsidized housing application assistance", Q(moving_on_assistance=1)),
        (
            "Financial assistance for Moving On (e.g., security deposit, moving expenses)",
            Q(moving_on_assistance=2),
        ),
        (
            "Non-financial assistance for Moving On (e.g., housing navigation, transition support)",
            Q(moving_on_assistance=3),
        ),
        ("Housing referral/placement", Q(moving_on_assistance=4)),
        ("Other", Q(moving_on_assistance=5)),
    ]
    return Table(
        "Q24b",
        "Moving On Assistance Provided to Households in PSH",
        [" ", *HH_COLUMNS],
        grid(rows, HH),
        base=HOH & Q(project_type=3),
    )


def q24e(run: Any) -> Table:
    rows = [
        ("Female", Q(sex=0)),
        ("Male", Q(sex=1)),
        (DKPNTA_LABEL, Q(sex__in=[8, 9])),
        ("Data not collected", ~Q(sex__in=[0, 1, 8, 9])),
        ("Total", ALL),
    ]
    return Table("Q24e", "Sex", [" ", *HH_COLUMNS], grid(rows, HH), chart="bar", chart_rows=(0, 1, 2, 3))
