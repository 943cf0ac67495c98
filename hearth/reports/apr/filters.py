"""Filters over the APR universe (``AprClient``) that the tables combine, and the column sets HUD
repeats across the APR."""

from __future__ import annotations

from django.db.models import Q

from hearth.reports.apr.codes import (
    HH_ONLY_CHILDREN,
    HH_UNKNOWN,
    HH_WITH_CHILDREN,
    HH_WITHOUT_CHILDREN,
)

DKPNTA_LABEL = "Client Doesn't Know/Prefers Not to Answer"
DNC_LABEL = "Data Not Collected"

ALL = Q()
ADULT = Q(age__gte=18)
CHILD = Q(age__gte=0, age__lt=18)
UNKNOWN_AGE = Q(age__isnull=True)
AGE_DKPNTA = UNKNOWN_AGE & Q(dob_quality__in=[8, 9])
AGE_DNC = UNKNOWN_AGE & ~Q(dob_quality__in=[8, 9])
HOH = Q(is_hoh=True)
ADULT_OR_HOH = ADULT | HOH
LEAVER = Q(is_leaver=True)
STAYER = Q(is_leaver=False)
IN_DQ = Q(in_dq=True)
PSH_RRH = Q(project_type__in=[3, 13])

HH_COLUMNS = [
    "Total",
    "Without Children",
    "With Children and Adults",
    "With Only Children",
    "Unknown Household Type",
]
HH = [
    ALL,
    Q(household_type=HH_WITHOUT_CHILDREN),
    Q(household_type=HH_WITH_CHILDREN),
    Q(household_type=HH_ONLY_CHILDREN),
    Q(household_type=HH_UNKNOWN),
]
# Tables that split the "with children and adults" column by age (Q13, Q25, Q26).
HH_SPLIT_COLUMNS = [
    "Total",
    "Without Children",
    "Adults in HH with Children and Adults",
    "Children in HH with Children and Adults",
    "With Only Children",
    "Unknown Household Type",
]
HH_SPLIT = [HH[0], HH[1], HH[2] & ADULT, HH[2] & ~ADULT, HH[3], HH[4]]

AGE_ROWS: list[tuple[str, Q]] = [
    ("Under 5", Q(age__gte=0, age__lte=4)),
    ("5 - 12", Q(age__gte=5, age__lte=12)),
    ("13 - 17", Q(age__gte=13, age__lte=17)),
    ("18 - 24", Q(age__gte=18, age__lte=24)),
    ("25 - 34", Q(age__gte=25, age__lte=34)),
    ("35 - 44", Q(age__gte=35, age__lte=44)),
    ("45 - 54", Q(age__gte=45, age__lte=54)),
    ("55 - 64", Q(age__gte=55, age__lte=64)),
    ("65+", Q(age__gte=65)),
    (DKPNTA_LABEL, AGE_DKPNTA),
    (DNC_LABEL, AGE_DNC),
    ("Total", ALL),
]


def q_or(*qs: Q) -> Q:
    out = Q(pk__in=[])
    for q in qs:
        out |= q
    return out


def any_flag(prefix: str, names: list[str]) -> Q:
    return q_or(*[Q(**{f"{prefix}_{name}": True}) for name in names])
