"""Annual assessments: due within 30 days either side of each anniversary of the head of household's
project start, the anniversary counted in whole years like an age (a 29 February start has its
anniversary on 1 March in other years)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hearth.enrollments import conf
from hearth.enrollments.elements import ANNUAL

WINDOW_DAYS = 30

NOT_DUE = "not_due"
DUE_SOON = "due_soon"
DUE = "due"
OVERDUE = "overdue"
DONE = "done"


def anniversary(entry: dt.date, years: int) -> dt.date:
    try:
        return entry.replace(year=entry.year + years)
    except ValueError:  # 29 February in a common year: the year is complete on 1 March.
        return dt.date(entry.year + years, 3, 1)


def window(anniv: dt.date) -> tuple[dt.date, dt.date]:
    return anniv - dt.timedelta(days=WINDOW_DAYS), anniv + dt.timedelta(days=WINDOW_DAYS)


def window_for_date(head_entry: dt.date, day: dt.date) -> tuple[dt.date, dt.date, dt.date] | None:
    """(anniversary, first day, last day) of the annual window that contains ``day``, if any."""
    years = max(1, day.year - head_entry.year - 1)
    for k in (years, years + 1, years + 2):
        anniv = anniversary(head_entry, k)
        first, last = window(anniv)
        if first <= day <= last:
            return anniv, first, last
    return None


@dataclass(frozen=True)
class AnnualStatus:
    state: str
    anniversary: dt.date | None
    window_start: dt.date | None
    window_end: dt.date | None

    @property
    def needs_attention(self) -> bool:
        return self.state in (DUE_SOON, DUE, OVERDUE)

    @property
    def label(self) -> str:
        return {
            NOT_DUE: "Not due yet",
            DUE_SOON: "Due soon",
            DUE: "Due now",
            OVERDUE: "Overdue",
            DONE: "Done",
        }[self.state]


def annual_status(
    head_entry: dt.date, today: dt.date, assessed_on: list[dt.date], *, exited_on: dt.date | None = None
) -> AnnualStatus:
    """Where a household stands with its annual assessment on ``today``.

    ``assessed_on`` holds the information dates of the household's annual assessment records. A
    household that left before its first anniversary never needs one.
    """
    end = min(today, exited_on) if exited_on else today
    soon = dt.timedelta(days=conf.annual_due_soon_days())

    def done_in(first: dt.date, last: dt.date) -> bool:
        return any(first <= d <= last for d in assessed_on)

    # The latest window that has opened by ``end`` (k = 0: none has).
    k = 0
    while window(anniversary(head_entry, k + 1))[0] <= end:
        k += 1
    if k == 0:
        anniv = anniversary(head_entry, 1)
        first, last = window(anniv)
        if exited_on is None and end >= first - soon:
            return AnnualStatus(DUE_SOON, anniv, first, last)
        return AnnualStatus(NOT_DUE, anniv, first, last)
    anniv = anniversary(head_entry, k)
    first, last = window(anniv)
    if end <= last:
        if done_in(first, last):
            return AnnualStatus(DONE, anniv, first, last)
        # A household that left while the window was open gave its data at exit instead.
        return AnnualStatus(NOT_DUE if exited_on else DUE, anniv, first, last)
    if not done_in(first, last):
        return AnnualStatus(OVERDUE, anniv, first, last)
    following = anniversary(head_entry, k + 1)
    next_first, next_last = window(following)
    if exited_on is None and end >= next_first - soon:
        return AnnualStatus(DUE_SOON, following, next_first, next_last)
    return AnnualStatus(DONE, anniv, first, last)


def household_annual_status(enrollment: object, today: dt.date) -> AnnualStatus:
    """The annual assessment status of the member's household, against its current head."""
    from hearth.enrollments.models import IncomeBenefit
    from hearth.enrollments.selectors import household_members

    members = household_members(enrollment, today)  # type: ignore[arg-type]
    heads = [m for m in members if m.is_head]
    head = heads[0] if heads else members[0]
    dates = list(
        IncomeBenefit.objects.filter(
            enrollment__in=[m.enrollment for m in members], data_collection_stage=ANNUAL
        ).values_list("information_date", flat=True)
    )
    # The household is exited when every member is.
    exited_on = None
    if all(not m.active for m in members):
        exited_on = max(m.exit_date for m in members if m.exit_date)
    return annual_status(head.enrollment.entry_date, today, dates, exited_on=exited_on)


def household_statuses(enrollments: Sequence[Any], today: dt.date) -> dict[tuple[int, str], AnnualStatus]:
    """Annual assessment status of the households of ``enrollments`` (active ones), in a few queries.

    Keyed by (project id, HouseholdID); used by the caseload and the navigation's warning badge.
    """
    from hearth.enrollments.models import Enrollment, IncomeBenefit

    keys = {(e.project_id, e.household_id) for e in enrollments}  # type: ignore[attr-defined]
    if not keys:
        return {}
    household_ids = {h for _, h in keys}
    heads: dict[tuple[int, str], dt.date] = {}
    for project_id, household_id, entry in Enrollment.objects.filter(
        household_id__in=household_ids, relationship_to_ho_h=1
    ).values_list("project_id", "household_id", "entry_date"):
        if (project_id, household_id) in keys:
            heads[(project_id, household_id)] = min(entry, heads.get((project_id, household_id), entry))
    assessed: dict[tuple[int, str], list[dt.date]] = {}
    for project_id, household_id, day in IncomeBenefit.objects.filter(
        enrollment__household_id__in=household_ids, data_collection_stage=ANNUAL
    ).values_list("enrollment__project_id", "enrollment__household_id", "information_date"):
        assessed.setdefault((project_id, household_id), []).append(day)
    fallback = {(e.project_id, e.household_id): e.entry_date for e in enrollments}  # type: ignore[attr-defined]
    return {key: annual_status(heads.get(key, fallback[key]), today, assessed.get(key, [])) for key in keys}
