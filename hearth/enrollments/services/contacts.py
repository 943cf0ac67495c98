"""Contacts and milestones recorded when they happen: current living situation (4.12), date of
engagement (4.13) and housing move-in date (3.20)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.core.concurrency import check_fresh
from hearth.enrollments import rules, selectors
from hearth.enrollments.elements import applies_to
from hearth.enrollments.models import CurrentLivingSituation, Enrollment
from hearth.enrollments.services.common import audit, error, require_project_access, save_hud


def _within_enrollment(enrollment: Enrollment, day: dt.date, today: dt.date, field: str) -> None:
    if day > today:
        raise error(field, "The date may not be in the future.")
    if day < enrollment.entry_date:
        raise error(field, f"The date is before the project start ({enrollment.entry_date:%Y-%m-%d}).")
    exit_date = selectors.exit_date_of(enrollment, today)
    if exit_date is not None and day > exit_date:
        raise error(field, f"The date is after the exit ({exit_date:%Y-%m-%d}).")


def contact_record(
    *,
    actor: Any,
    enrollment: Enrollment,
    information_date: dt.date,
    current_living_situation: int,
    location_details: str = "",
    verified_by: str = "",
    engagement: bool = False,
    follow_ups: dict[str, Any] | None = None,
    clock_: clock.Clock | None = None,
) -> CurrentLivingSituation:
    """A contact with the client: where they are staying and where staff met them.

    ``engagement`` marks the contact on which the client engaged; it sets the enrollment's date of
    engagement when the project collects one and none is recorded yet.
    """
    require_project_access(actor, enrollment.project)
    if not applies_to(enrollment, "current_living_situation"):
        raise ValidationError(
            "This program does not record current living situation contacts for this member."
        )
    today = clock.local_today(clock_)
    _within_enrollment(enrollment, information_date, today, "information_date")
    values, problems = rules.current_living_situation(
        {"current_living_situation": current_living_situation, **(follow_ups or {})}
    )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        contact = CurrentLivingSituation(
            enrollment=enrollment,
            client_id=enrollment.client_id,
            information_date=information_date,
            location_details=location_details.strip() or None,
            verified_by=verified_by.strip() or None,
            **values,
        )
        save_hud(contact, actor)
        audit(actor, "create", contact, client_id=enrollment.client_id)
        if (
            engagement
            and enrollment.date_of_engagement is None
            and applies_to(enrollment, "date_of_engagement")
        ):
            enrollment.date_of_engagement = information_date
            save_hud(enrollment, actor)
            audit(actor, "update", enrollment, client_id=enrollment.client_id, fields=["date_of_engagement"])
    return contact


def engagement_date_set(
    *,
    actor: Any,
    enrollment: Enrollment,
    date_of_engagement: dt.date | None,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> Enrollment:
    require_project_access(actor, enrollment.project)
    if not applies_to(enrollment, "date_of_engagement"):
        raise ValidationError("This program does not record a date of engagement for this member.")
    if date_of_engagement is not None:
        _within_enrollment(enrollment, date_of_engagement, clock.local_today(clock_), "date_of_engagement")
    with transaction.atomic():
        check_fresh(enrollment, edit_token)
        enrollment.date_of_engagement = date_of_engagement
        save_hud(enrollment, actor)
        audit(actor, "update", enrollment, client_id=enrollment.client_id, fields=["date_of_engagement"])
    return enrollment


def move_in_date_set(
    *,
    actor: Any,
    enrollment: Enrollment,
    move_in_date: dt.date | None,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> Enrollment:
    """The head of household's housing move-in date (permanent housing projects). With the
    ``edit_token`` the form was drawn with, a save over someone else's newer date raises StaleEdit."""
    require_project_access(actor, enrollment.project)
    if not applies_to(enrollment, "move_in_date"):
        raise ValidationError("The move-in date is recorded for the head of household in permanent housing.")
    if move_in_date is not None:
        _within_enrollment(enrollment, move_in_date, clock.local_today(clock_), "move_in_date")
    with transaction.atomic():
        check_fresh(enrollment, edit_token)
        enrollment.move_in_date = move_in_date
        save_hud(enrollment, actor)
        audit(actor, "update", enrollment, client_id=enrollment.client_id, fields=["move_in_date"])
    return enrollment
