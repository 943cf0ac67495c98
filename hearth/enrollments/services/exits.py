"""Leaving a program: one member, several, or the whole household.

Checks: the program's exit checklist is confirmed; the exit date is not before any leaving member's
project start and not in the future; an exit dated before the member's last service needs staff to
confirm; a head who leaves while others stay hands over to a new head in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery

from hearth.core import clock
from hearth.enrollments import selectors, shelter
from hearth.enrollments.models import Enrollment, Exit, ExitStep, ExitStepConfirmation, Service
from hearth.enrollments.services.common import (
    CaseWarning,
    audit,
    error,
    require_project_access,
    save_hud,
)
from hearth.enrollments.services.enrollment import _set_head

NO_EXIT_INTERVIEW = 30
BATCH = 500


@dataclass
class MemberExit:
    enrollment: Enrollment
    destination: int
    destination_subsidy_type: int | None = None
    other_destination: str = ""


def exit_steps(project: Any) -> list[ExitStep]:
    return list(ExitStep.objects.filter(project=project, active=True))


def household_exit(
    *,
    actor: Any,
    exits: Sequence[MemberExit],
    exit_date: dt.date,
    confirmed_steps: Collection[int] = (),
    new_head: Enrollment | None = None,
    former_head_relationship: int | None = None,
    accept_before_last_service: bool = False,
    clock_: clock.Clock | None = None,
) -> list[Exit]:
    """Exit the chosen members of one household on ``exit_date``."""
    if not exits:
        raise error("members", "Choose at least one member to exit.")
    first = exits[0].enrollment
    project = first.project
    require_project_access(actor, project)
    today = clock.local_today(clock_)
    members = selectors.household_members(first, today)
    by_pk = {m.enrollment.pk: m for m in members}
    leaving = {x.enrollment.pk for x in exits}
    if len(leaving) != len(exits) or not leaving <= set(by_pk):
        raise error("members", "Every member exited together must be in the same household.")
    if any(not by_pk[pk].active for pk in leaving):
        raise error("members", "A chosen member has already left the program.")

    if exit_date > today:
        raise error("exit_date", "The exit date may not be in the future.")
    for pk in leaving:
        entry = by_pk[pk].enrollment.entry_date
        if exit_date < entry:
            raise error("exit_date", f"The exit date is before a member's project start ({entry:%Y-%m-%d}).")

    steps = exit_steps(project)
    missing = [s.text for s in steps if s.pk not in set(confirmed_steps)]
    if missing:
        raise error("steps", "Confirm every exit step first: " + "; ".join(missing))

    staying_active = [m for m in members if m.active and m.enrollment.pk not in leaving]
    head_leaving = any(by_pk[pk].is_head for pk in leaving)
    if head_leaving and staying_active and (new_head is None or former_head_relationship is None):
        raise error("new_head", "The head of household is leaving while others stay: name a new head.")

    if not accept_before_last_service:
        late = []
        for pk in leaving:
            last, last_night = selectors.last_service_dates(by_pk[pk].enrollment)
            if last is not None and exit_date < last:
                late.append(f"The exit date is before the last service recorded ({last:%Y-%m-%d}).")
            # HUD dates bed nights up to the night before the exit: a guest who slept here on a
            # night leaves the next day at the earliest.
            if last_night is not None and exit_date <= last_night:
                late.append(
                    f"The exit date is on or before the last bed night ({last_night:%Y-%m-%d}); "
                    "a guest leaves the day after their last night."
                )
        if late:
            raise CaseWarning(sorted(set(late)))

    moment = clock.now(clock_)
    created = []
    with transaction.atomic():
        for item in exits:
            enrollment = by_pk[item.enrollment.pk].enrollment
            record = Exit(
                enrollment=enrollment,
                client_id=enrollment.client_id,
                exit_date=exit_date,
                destination=item.destination,
                destination_subsidy_type=item.destination_subsidy_type if item.destination == 435 else None,
                other_destination=(item.other_destination or None) if item.destination == 17 else None,
            )
            save_hud(record, actor)
            for step in steps:
                ExitStepConfirmation.objects.create(
                    enrollment=enrollment,
                    step=step,
                    text=step.text,
                    confirmed_by=actor if getattr(actor, "pk", None) else None,
                    confirmed_at=moment,
                )
            audit(actor, "create", record, client_id=enrollment.client_id, enrollment=enrollment.pk)
            created.append(record)
        if head_leaving and staying_active:
            assert new_head is not None and former_head_relationship is not None
            target = by_pk.get(new_head.pk)
            if target is None:
                raise error("new_head", "The new head must be a member of this household.")
            _set_head(actor, target.enrollment, former_head_relationship, members, leaving=leaving)
    return created


def enrollment_exit(
    *,
    actor: Any,
    enrollment: Enrollment,
    exit_date: dt.date,
    destination: int,
    destination_subsidy_type: int | None = None,
    other_destination: str = "",
    confirmed_steps: Collection[int] = (),
    new_head: Enrollment | None = None,
    former_head_relationship: int | None = None,
    accept_before_last_service: bool = False,
    clock_: clock.Clock | None = None,
) -> Exit:
    """Exit one member (see household_exit for the rules)."""
    return household_exit(
        actor=actor,
        exits=[MemberExit(enrollment, destination, destination_subsidy_type, other_destination)],
        exit_date=exit_date,
        confirmed_steps=confirmed_steps,
        new_head=new_head,
        former_head_relationship=former_head_relationship,
        accept_before_last_service=accept_before_last_service,
        clock_=clock_,
    )[0]


def apply_shelter_exits(*, clock_: clock.Clock | None = None) -> list[Exit]:
    """Write the Exit of every night-by-night stay that has lapsed (see hearth.enrollments.shelter).

    Safe to run at any time and any number of times: the exit date comes from the stored bed nights,
    not from when this runs. The checklist is a staff step and does not apply to these exits.
    """
    today = clock.local_today(clock_)
    lapsed = list(
        Enrollment.objects.filter(shelter.lapsed_q(today))
        .exclude(pk__in=Exit.objects.values("enrollment_id"))
        # A subquery on the live manager: a reverse join would also count check-ins undone (soft-
        # deleted), giving a later exit date than the one the selectors compute.
        .annotate(
            last_night=Subquery(
                Service.objects.filter(enrollment_id=OuterRef("pk"), record_type=shelter.BED_NIGHT)
                .order_by()
                .values("enrollment_id")
                .annotate(d=Max("date_provided"))
                .values("d")
            )
        )
        .select_related("project")
        .order_by("pk")
    )
    nights: dict[int, int] = {}
    created = []
    # Each exit stands alone; batches keep a long first run from holding one huge transaction.
    for start in range(0, len(lapsed), BATCH):
        with transaction.atomic():
            for enrollment in lapsed[start : start + BATCH]:
                if enrollment.project_id not in nights:
                    nights[enrollment.project_id] = shelter.auto_exit_nights(enrollment.project_id)
                exit_date = shelter.lapse_exit_date(
                    enrollment, today, nights=nights[enrollment.project_id], last=enrollment.last_night
                )
                if exit_date is None:  # a bed night arrived since the query
                    continue
                record = Exit(
                    enrollment=enrollment,
                    client_id=enrollment.client_id,
                    exit_date=exit_date,
                    destination=NO_EXIT_INTERVIEW,
                )
                save_hud(record, None)
                audit(None, "create", record, client_id=enrollment.client_id, rule="shelter_auto_exit")
                created.append(record)
    return created


def exit_problem_fields(exc: ValidationError) -> dict[str, list[str]]:
    return getattr(exc, "message_dict", {"__all__": exc.messages})
