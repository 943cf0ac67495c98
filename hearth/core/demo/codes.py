"""Weighted draws of HUD codes for demo data.

Every distribution here names codes of a HUD list; ``check_codes`` (run by the generator before
it writes anything, and by the tests) proves each one is in its list and allowed for the data
element, so a typo here cannot leak an invalid code into a database.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Generic, TypeVar

from hearth.hud.codelists import LISTS
from hearth.hud.spec import FILES

T = TypeVar("T")


class Weighted(Generic[T]):
    """A fixed weighted choice; ``pick(rand)`` costs one random draw and a bisect."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.values: list[T] = [v for v, _ in pairs]
        self.cum: list[float] = list(accumulate(w for _, w in pairs))
        self.total: float = self.cum[-1]

    def pick(self, rand: Callable[[], float]) -> T:
        return self.values[bisect(self.cum, rand() * self.total)]


def zipf(values: Sequence[T], exponent: float = 0.9) -> Weighted[T]:
    """Earlier values more likely, as with name frequencies."""
    return Weighted([(v, 1.0 / (i + 1) ** exponent) for i, v in enumerate(values)])


# 3.917.1 prior living situation (Enrollment.LivingSituation), by where the household came from.
PRIOR_HOMELESS = Weighted([(116, 55), (101, 35), (118, 3), (302, 7)])
PRIOR_HOUSED = Weighted(
    [(410, 30), (435, 8), (411, 2), (314, 14), (329, 4), (332, 3), (204, 3), (205, 4), (206, 4), (207, 7),
     (215, 2), (225, 1), (101, 4), (116, 6)]
)  # fmt: skip
PRIOR_UNKNOWN = Weighted([(8, 3), (9, 2), (99, 5)])
# 3.12.A subsidy types.
SUBSIDY = Weighted([(419, 10), (431, 30), (433, 20), (434, 8), (420, 10), (436, 4), (439, 14), (440, 4)])
# 3.917.2 length of stay in the prior living situation.
LENGTH_OF_STAY = Weighted([(10, 8), (11, 14), (2, 18), (3, 20), (4, 20), (5, 16), (8, 2), (9, 1), (99, 1)])
TIMES_HOMELESS = Weighted([(1, 45), (2, 22), (3, 12), (4, 15), (8, 3), (9, 1), (99, 2)])
MONTHS_HOMELESS = Weighted(
    [(101, 12), (102, 9), (103, 8), (104, 7), (105, 6), (106, 6), (107, 4), (108, 4), (109, 3), (110, 3),
     (111, 3), (112, 8), (113, 20), (8, 4), (9, 1), (99, 2)]
)  # fmt: skip

# Exit.Destination (3.12), by kind of outcome.
DEST_PERMANENT = Weighted([(410, 30), (435, 40), (411, 2), (421, 2), (422, 16), (423, 10)])
DEST_TEMPORARY = Weighted([(312, 40), (313, 30), (314, 15), (329, 8), (332, 4), (302, 3)])
DEST_INSTITUTION = Weighted([(204, 15), (205, 30), (206, 25), (207, 25), (225, 5)])
DEST_HOMELESS = Weighted([(116, 55), (101, 38), (118, 7)])
DEST_UNKNOWN = Weighted([(30, 60), (8, 15), (9, 5), (99, 20)])
# What a household's next stay tells about where it went.
DEST_BEFORE_NEXT = {0: 101, 1: 101, 2: 302, 4: 116, 8: 118, 11: 116, 14: 116}

# 4.12.2 current living situation seen by outreach.
CLS_OUTREACH = Weighted([(116, 78), (101, 10), (118, 2), (314, 4), (410, 1), (17, 2), (8, 2), (99, 1)])

# Coordinated entry: 4.19.3 assessment type (phone, virtual, in person), 4.20.2 events after an
# assessment (diversion, scheduled assessments, referrals to projects and vouchers) and 4.20.D
# referral results (accepted, client rejected, provider rejected).
CE_ASSESSMENT_TYPE = Weighted([(1, 25), (2, 10), (3, 65)])
CE_EVENT = Weighted(
    [
        (2, 20),
        (3, 6),
        (4, 10),
        (1, 4),
        (6, 5),
        (7, 8),
        (10, 12),
        (11, 5),
        (13, 14),
        (14, 8),
        (15, 3),
        (16, 3),
        (17, 2),
    ]
)
CE_RESULT_EVENTS = frozenset({10, 11, 12, 13, 14, 15, 17, 18})
CE_REFERRAL_RESULT = Weighted([(1, 70), (2, 15), (3, 15)])

# 3.15.1 for household members other than the head.
SPOUSE, CHILD, OTHER_RELATIVE, NON_RELATIVE = 3, 2, 4, 5

DISABILITY_TYPES = (5, 6, 7, 8, 9, 10)
# Share of adults with each condition (chronic health, mental health and substance use dominate).
DISABILITY_PREVALENCE = {5: 0.16, 6: 0.04, 7: 0.22, 8: 0.02, 9: 0.30, 10: 0.22}
SUBSTANCE_RESPONSE = Weighted([(1, 35), (2, 40), (3, 25)])

RHY_REFERRAL = Weighted([(1, 30), (2, 20), (7, 15), (11, 10), (28, 5), (30, 8), (38, 5), (39, 7)])
LAST_GRADE = Weighted([(2, 2), (3, 5), (4, 35), (5, 25), (7, 12), (10, 15), (11, 2), (14, 2), (99, 2)])
SCHOOL_STATUS = Weighted([(1, 20), (2, 15), (3, 25), (4, 10), (5, 25), (6, 2), (7, 1), (99, 2)])
EMPLOYMENT_TYPE = Weighted([(1, 30), (2, 45), (3, 25)])
NOT_EMPLOYED_REASON = Weighted([(1, 55), (2, 20), (3, 25)])
WHEN_DV = Weighted([(1, 25), (2, 15), (3, 15), (4, 40), (8, 3), (9, 2)])

MILITARY_BRANCH = Weighted([(1, 45), (2, 12), (3, 18), (4, 20), (6, 4), (7, 1)])
DISCHARGE = Weighted([(1, 62), (2, 15), (6, 12), (4, 4), (5, 2), (7, 3), (8, 2)])

# Which element each distribution feeds: (HUD file, column).
_USES: list[tuple[Weighted[int], str, str]] = [
    (PRIOR_HOMELESS, "Enrollment", "LivingSituation"),
    (CE_ASSESSMENT_TYPE, "Assessment", "AssessmentType"),
    (CE_EVENT, "Event", "Event"),
    (CE_REFERRAL_RESULT, "Event", "ReferralResult"),
    (PRIOR_HOUSED, "Enrollment", "LivingSituation"),
    (PRIOR_UNKNOWN, "Enrollment", "LivingSituation"),
    (SUBSIDY, "Enrollment", "RentalSubsidyType"),
    (SUBSIDY, "Exit", "DestinationSubsidyType"),
    (LENGTH_OF_STAY, "Enrollment", "LengthOfStay"),
    (TIMES_HOMELESS, "Enrollment", "TimesHomelessPastThreeYears"),
    (MONTHS_HOMELESS, "Enrollment", "MonthsHomelessPastThreeYears"),
    (DEST_PERMANENT, "Exit", "Destination"),
    (DEST_TEMPORARY, "Exit", "Destination"),
    (DEST_INSTITUTION, "Exit", "Destination"),
    (DEST_HOMELESS, "Exit", "Destination"),
    (DEST_UNKNOWN, "Exit", "Destination"),
    (Weighted([(v, 1) for v in DEST_BEFORE_NEXT.values()]), "Exit", "Destination"),
    (CLS_OUTREACH, "CurrentLivingSituation", "CurrentLivingSituation"),
    (
        Weighted([(SPOUSE, 1), (CHILD, 1), (OTHER_RELATIVE, 1), (NON_RELATIVE, 1)]),
        "Enrollment",
        "RelationshipToHoH",
    ),
    (Weighted([(v, 1) for v in DISABILITY_TYPES]), "Disabilities", "DisabilityType"),
    (RHY_REFERRAL, "Enrollment", "ReferralSource"),
    (LAST_GRADE, "EmploymentEducation", "LastGradeCompleted"),
    (SCHOOL_STATUS, "EmploymentEducation", "SchoolStatus"),
    (EMPLOYMENT_TYPE, "EmploymentEducation", "EmploymentType"),
    (NOT_EMPLOYED_REASON, "EmploymentEducation", "NotEmployedReason"),
    (WHEN_DV, "HealthAndDV", "WhenOccurred"),
    (MILITARY_BRANCH, "Client", "MilitaryBranch"),
    (DISCHARGE, "Client", "DischargeStatus"),
]


def check_codes() -> list[str]:
    """Problems with the distributions above (empty when every code is valid where it is used)."""
    problems = []
    for dist, file, column in _USES:
        col = FILES[file].by_name[column]
        codes = LISTS[col.code_list]
        for value in dist.values:
            if value not in codes:
                problems.append(f"{file}.{column}: {value} is not in HUD list {col.code_list}")
            elif value in col.excluded:
                problems.append(f"{file}.{column}: {value} is not allowed for this element")
    substance = LISTS["4.10.2"]
    problems += [f"4.10.2: {v}" for v in SUBSTANCE_RESPONSE.values if v not in substance]
    return problems
