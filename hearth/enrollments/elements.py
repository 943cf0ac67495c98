"""Which HUD data elements are asked, at which stage, of whom and in which projects.

From HUD's FY2026 HMIS Data Standards: universal elements apply to every project; the program-
specific elements 4.02-4.11 are collected by the projects of the federal partner programs, which in a
CoC means every project type except day shelters and coordinated entry; some elements belong to
particular project types (move-in date to permanent housing, bed nights to night-by-night shelter,
contacts and engagement to outreach-style projects) or funders (RHY's employment and education).

"Adult" means 18 or older on the project start date; a member whose age is unknown is asked the
adult questions, since asking too much is the safer error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

START, UPDATE, EXIT, ANNUAL = 1, 2, 3, 5
# Elements recorded when they happen rather than at an assessment.
OCCURRENCE = 0

STAGE_SLUGS = {"start": START, "update": UPDATE, "annual": ANNUAL, "exit": EXIT}
STAGE_TITLES = {START: "Project start", UPDATE: "Update", ANNUAL: "Annual assessment", EXIT: "Project exit"}

ALL = "all"
HOH = "hoh"
HOH_AND_ADULTS = "hoh_and_adults"

ALL_PROJECT_TYPES = frozenset({0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14})
PROGRAM_SPECIFIC_TYPES = ALL_PROJECT_TYPES - {11, 14}
PERMANENT_HOUSING_TYPES = frozenset({3, 9, 10, 13})
ENGAGEMENT_TYPES = frozenset({1, 4, 6})
CONTACT_TYPES = frozenset({1, 4, 6, 11, 14})
NIGHT_BY_NIGHT = frozenset({1})
# HHS Runaway and Homeless Youth funders (list 2.06.1).
RHY_FUNDERS = frozenset({22, 23, 24, 25, 26})


@dataclass(frozen=True)
class Element:
    key: str
    number: str
    title: str
    who: str
    stages: frozenset[int]
    project_types: frozenset[int] = ALL_PROJECT_TYPES
    funders: frozenset[int] | None = None

    def applies(
        self,
        *,
        project_type: int | None,
        is_head: bool,
        is_adult: bool,
        stage: int,
        funders: Collection[int] = (),
    ) -> bool:
        if stage not in self.stages:
            return False
        if project_type not in self.project_types:
            return False
        if self.funders is not None and not (self.funders & set(funders)):
            return False
        if self.who == HOH:
            return is_head
        if self.who == HOH_AND_ADULTS:
            return is_head or is_adult
        return True


ELEMENTS: tuple[Element, ...] = (
    Element("disabling_condition", "3.08", "Disabling condition", ALL, frozenset({START})),
    Element("prior_living_situation", "3.917", "Prior living situation", HOH_AND_ADULTS, frozenset({START})),
    Element("enrollment_coc", "3.16", "Enrollment CoC", HOH, frozenset({START})),
    Element(
        "income",
        "4.02",
        "Income and sources",
        HOH_AND_ADULTS,
        frozenset({START, UPDATE, ANNUAL, EXIT}),
        PROGRAM_SPECIFIC_TYPES,
    ),
    Element(
        "benefits",
        "4.03",
        "Non-cash benefits",
        HOH_AND_ADULTS,
        frozenset({START, UPDATE, ANNUAL, EXIT}),
        PROGRAM_SPECIFIC_TYPES,
    ),
    Element(
        "insurance",
        "4.04",
        "Health insurance",
        ALL,
        frozenset({START, UPDATE, ANNUAL, EXIT}),
        PROGRAM_SPECIFIC_TYPES,
    ),
    Element(
        "disabilities",
        "4.05-4.10",
        "Disabilities",
        ALL,
        frozenset({START, UPDATE, EXIT}),
        PROGRAM_SPECIFIC_TYPES,
    ),
    Element(
        "domestic_violence",
        "4.11",
        "Domestic violence",
        HOH_AND_ADULTS,
        frozenset({START, UPDATE}),
        PROGRAM_SPECIFIC_TYPES,
    ),
    Element(
        "employment",
        "R6",
        "Employment and education",
        HOH_AND_ADULTS,
        frozenset({START, EXIT}),
        PROGRAM_SPECIFIC_TYPES,
        RHY_FUNDERS,
    ),
    Element("destination", "3.12", "Destination", ALL, frozenset({EXIT})),
    Element(
        "date_of_engagement",
        "4.13",
        "Date of engagement",
        HOH_AND_ADULTS,
        frozenset({OCCURRENCE}),
        ENGAGEMENT_TYPES,
    ),
    Element(
        "current_living_situation",
        "4.12",
        "Current living situation",
        HOH_AND_ADULTS,
        frozenset({OCCURRENCE}),
        CONTACT_TYPES,
    ),
    Element(
        "move_in_date", "3.20", "Housing move-in date", HOH, frozenset({OCCURRENCE}), PERMANENT_HOUSING_TYPES
    ),
    Element("bed_night", "4.14", "Bed night", ALL, frozenset({OCCURRENCE}), NIGHT_BY_NIGHT),
)
BY_KEY = {e.key: e for e in ELEMENTS}


def age_on(dob: dt.date | None, day: dt.date) -> int | None:
    """Age in whole years on ``day`` (None when the DOB is unknown or after ``day``)."""
    if dob is None or dob > day:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def is_adult(dob: dt.date | None, on: dt.date) -> bool:
    age = age_on(dob, on)
    return age is None or age >= 18


def elements_for(
    *, project_type: int | None, is_head: bool, is_adult: bool, stage: int, funders: Collection[int] = ()
) -> list[Element]:
    return [
        e
        for e in ELEMENTS
        if e.applies(
            project_type=project_type, is_head=is_head, is_adult=is_adult, stage=stage, funders=funders
        )
    ]


def enrollment_elements(enrollment: object, stage: int) -> list[Element]:
    """The elements asked of one enrolled member at ``stage``."""
    from hearth.projects.models import Funder

    project = enrollment.project  # type: ignore[attr-defined]
    funders = set(Funder.objects.filter(project=project).values_list("funder", flat=True))
    return elements_for(
        project_type=project.project_type,
        is_head=enrollment.relationship_to_ho_h == 1,  # type: ignore[attr-defined]
        is_adult=is_adult(enrollment.client.dob, enrollment.entry_date),  # type: ignore[attr-defined]
        stage=stage,
        funders=funders,
    )


def applies_to(enrollment: object, key: str) -> bool:
    """Whether an occurrence element (engagement, contacts, move-in, bed nights) applies."""
    return any(e.key == key for e in enrollment_elements(enrollment, OCCURRENCE))
