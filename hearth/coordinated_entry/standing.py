"""A person's standing on the queue at assessment: chronic homelessness and days homeless.

Both come from the enrollment's HUD 3.917 answers as of the assessment date, so the queue's order
follows what the CoC's rule says and not what each assessor thinks (HUD's chronic homelessness
definition, 24 CFR 578.3, as the HMIS Data Standards' 3.917 questions record it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.enrollments.models import Enrollment

HOMELESS_SITUATIONS = frozenset({101, 116, 118})  # 3.12: place not meant for habitation, ES, SH
YES = 1
FOUR_OR_MORE_TIMES = 4
TWELVE_MONTHS_OR_MORE = frozenset({112, 113})  # 3.917.5: 12 months, more than 12 months


@dataclass(frozen=True)
class Standing:
    chronic: bool
    days_homeless: int


def standing_on(enrollment: Enrollment, day: dt.date) -> Standing:
    """Chronic status and days homeless of ``enrollment``'s client on ``day``."""
    street_date = enrollment.date_to_street_essh
    days = max(0, (day - street_date).days) if street_date and street_date <= day else 0
    homeless_now = enrollment.living_situation in HOMELESS_SITUATIONS or (
        enrollment.los_under_threshold == YES and enrollment.previous_street_essh == YES
    )
    long_enough = days >= 365 or (
        enrollment.times_homeless_past_three_years == FOUR_OR_MORE_TIMES
        and enrollment.months_homeless_past_three_years in TWELVE_MONTHS_OR_MORE
    )
    chronic = enrollment.disabling_condition == YES and homeless_now and long_enough
    return Standing(chronic=chronic, days_homeless=days)
