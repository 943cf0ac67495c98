"""Services (HUD Services.csv) and the bed nights of night-by-night shelters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from hearth.core import clock
from hearth.enrollments import selectors
from hearth.enrollments.models import Enrollment, Service
from hearth.enrollments.services.common import audit, error, require_project_access, save_hud

BED_NIGHT = 200


def _check_date(enrollment: Enrollment, day: dt.date, today: dt.date, *, bed_night: bool) -> None:
    if day > today:
        raise error("date_provided", "The date may not be in the future.")
    if day < enrollment.entry_date:
        raise error(
            "date_provided", f"The date is before the project start ({enrollment.entry_date:%Y-%m-%d})."
        )
    exit_date = selectors.exit_date_of(enrollment, today)
    if exit_date is not None:
        # HUD dates bed nights up to the night before the exit; other services up to the exit day.
        if bed_night and day >= exit_date:
            raise error("date_provided", f"The stay ended on {exit_date:%Y-%m-%d}; enroll the guest again.")
        if not bed_night and day > exit_date:
            raise error("date_provided", f"The date is after the exit ({exit_date:%Y-%m-%d}).")


def service_record(
    *,
    actor: Any,
    enrollment: Enrollment,
    date_provided: dt.date,
    record_type: int,
    type_provided: int,
    sub_type_provided: int | None = None,
    other_type_provided: str = "",
    fa_amount: Decimal | None = None,
    fa_start_date: dt.date | None = None,
    fa_end_date: dt.date | None = None,
    referral_outcome: int | None = None,
    moving_on_other_type: str = "",
    clock_: clock.Clock | None = None,
) -> Service:
    require_project_access(actor, enrollment.project)
    if record_type == BED_NIGHT:
        return bed_night_record(actor=actor, enrollment=enrollment, night=date_provided, clock_=clock_)[0]
    _check_date(enrollment, date_provided, clock.local_today(clock_), bed_night=False)
    with transaction.atomic():
        service = Service(
            enrollment=enrollment,
            client_id=enrollment.client_id,
            date_provided=date_provided,
            record_type=record_type,
            type_provided=type_provided,
            sub_type_provided=sub_type_provided,
            other_type_provided=other_type_provided or None,
            fa_amount=fa_amount,
            fa_start_date=fa_start_date,
            fa_end_date=fa_end_date,
            referral_outcome=referral_outcome,
            moving_on_other_type=moving_on_other_type or None,
        )
        save_hud(service, actor)
        audit(actor, "create", service, client_id=enrollment.client_id, record_type=record_type)
    return service


def bed_night_record(
    *, actor: Any, enrollment: Enrollment, night: dt.date, clock_: clock.Clock | None = None
) -> tuple[Service, bool]:
    """Check a guest in for ``night``; (the bed night, whether it is new). Checking in twice is harmless."""
    require_project_access(actor, enrollment.project)
    if not enrollment.project.is_night_by_night:
        raise error("record_type", "Bed nights are recorded only in night-by-night shelters.")
    _check_date(enrollment, night, clock.local_today(clock_), bed_night=True)
    with transaction.atomic():
        existing = (
            Service.objects.select_for_update()
            .filter(enrollment=enrollment, record_type=BED_NIGHT, date_provided=night)
            .first()
        )
        if existing is not None:
            return existing, False
        service = Service(
            enrollment=enrollment,
            client_id=enrollment.client_id,
            date_provided=night,
            record_type=BED_NIGHT,
            type_provided=BED_NIGHT,
        )
        save_hud(service, actor)
        audit(actor, "create", service, client_id=enrollment.client_id, record_type=BED_NIGHT)
    return service, True


def bed_night_undo(
    *, actor: Any, enrollment: Enrollment, night: dt.date, clock_: clock.Clock | None = None
) -> bool:
    """Take back a check-in made by mistake (the record is soft-deleted, as HUD's DateDeleted)."""
    require_project_access(actor, enrollment.project)
    with transaction.atomic():
        found = list(
            Service.objects.filter(enrollment=enrollment, record_type=BED_NIGHT, date_provided=night)
        )
        for service in found:
            service.soft_delete(at=clock.now(clock_))
            audit(actor, "delete", service, client_id=enrollment.client_id, record_type=BED_NIGHT)
    return bool(found)
