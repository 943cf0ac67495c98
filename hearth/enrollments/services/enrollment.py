"""Program enrollment and its HUD household (HouseholdID, RelationshipToHoH).

Rules: a household has exactly one head (RelationshipToHoH 1); the head's project start is on or
before every other active member's; members may join an active household later; when the head leaves
while others stay, staff name a new head. These services never touch the global household.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.core.concurrency import check_state, state_token
from hearth.enrollments import selectors
from hearth.enrollments.models import CaseAssignment, Enrollment
from hearth.enrollments.services.common import (
    CaseWarning,
    audit,
    error,
    is_person,
    require_client_access,
    require_project_access,
    save_hud,
)
from hearth.hud.models import new_hud_id
from hearth.projects.models import ProjectCoC

HEAD = 1
NOT_COLLECTED = 99


@dataclass
class MemberStart:
    client: Any
    relationship: int
    disabling_condition: int = NOT_COLLECTED


def _check_start_date(project: Any, entry_date: dt.date, today: dt.date) -> None:
    if entry_date > today:
        raise error("entry_date", "The project start date may not be in the future.")
    if entry_date < project.operating_start_date:
        raise error(
            "entry_date", f"The program started operating on {project.operating_start_date:%Y-%m-%d}."
        )
    if project.operating_end_date and entry_date > project.operating_end_date:
        raise error("entry_date", f"The program stopped operating on {project.operating_end_date:%Y-%m-%d}.")


def _default_coc(project: Any) -> str | None:
    codes = sorted(set(ProjectCoC.objects.filter(project=project).values_list("coc_code", flat=True)))
    return codes[0] if len(codes) == 1 else None


def _warn_if_already_active(project: Any, client_ids: list[int], today: dt.date) -> None:
    already = selectors.active_in_project(client_ids, project, today)
    if already:
        raise CaseWarning(
            [f"{len(already)} of these people already have an active enrollment in this program."],
            active_starts=already,
        )


def _assign(
    enrollment: Enrollment, actor: Any, moment: dt.datetime, *, like: Enrollment | None = None
) -> None:
    """Assign the new enrollment to the household's staff (``like``'s), else to the actor."""
    current = CaseAssignment.objects.filter(enrollment=like).first() if like is not None else None
    if current is not None:
        CaseAssignment.objects.create(enrollment=enrollment, staff=current.staff, assigned_at=moment)
    elif is_person(actor):
        CaseAssignment.objects.create(enrollment=enrollment, staff=actor, assigned_at=moment)


def enrollment_create(
    *,
    actor: Any,
    project: Any,
    entry_date: dt.date,
    members: Sequence[MemberStart],
    allow_active_duplicate: bool = False,
    clock_: clock.Clock | None = None,
) -> list[Enrollment]:
    """Enroll a household in ``project``: one Enrollment per member, sharing a new HouseholdID.

    Raises CaseWarning (unless ``allow_active_duplicate``) when a member is already active in the
    program, and ValidationError when the household does not have exactly one head.
    """
    if not members:
        raise error("members", "Choose at least one person to enroll.")
    client_ids = [m.client.pk for m in members]
    if len(set(client_ids)) != len(client_ids):
        raise error("members", "A person is listed twice.")
    heads = [m for m in members if m.relationship == HEAD]
    if len(heads) != 1:
        raise error("members", "A household needs exactly one head of household.")
    require_project_access(actor, project)
    require_client_access(actor, client_ids)
    today = clock.local_today(clock_)
    _check_start_date(project, entry_date, today)
    if not allow_active_duplicate:
        _warn_if_already_active(project, client_ids, today)
    moment = clock.now(clock_)
    household_id = new_hud_id()
    coc = _default_coc(project)
    created = []
    with transaction.atomic():
        for member in sorted(members, key=lambda m: m.relationship != HEAD):
            enrollment = Enrollment(
                client=member.client,
                project=project,
                entry_date=entry_date,
                household_id=household_id,
                relationship_to_ho_h=member.relationship,
                disabling_condition=member.disabling_condition,
                enrollment_coc=coc if member.relationship == HEAD else None,
            )
            save_hud(enrollment, actor)
            _assign(enrollment, actor, moment)
            audit(
                actor,
                "create",
                enrollment,
                client_id=member.client.pk,
                project=project.pk,
                household_size=len(members),
            )
            created.append(enrollment)
    return created


def _active_head(members: list[selectors.Member]) -> selectors.Member | None:
    return next((m for m in members if m.active and m.is_head), None)


def household_member_add(
    *,
    actor: Any,
    household_of: Enrollment,
    client: Any,
    relationship: int,
    entry_date: dt.date,
    disabling_condition: int = NOT_COLLECTED,
    allow_active_duplicate: bool = False,
    clock_: clock.Clock | None = None,
) -> Enrollment:
    """Add a member to the active household that ``household_of`` belongs to."""
    project = household_of.project
    require_project_access(actor, project)
    require_client_access(actor, [client.pk])
    today = clock.local_today(clock_)
    members = selectors.household_members(household_of, today)
    if not any(m.active for m in members):
        raise ValidationError("This household has left the program; enroll the person as a new household.")
    head = _active_head(members)
    if head is None:
        raise ValidationError("The household has no head: name a new head of household first.")
    if relationship == HEAD:
        raise error("relationship", "The household already has a head. Add the member, then change the head.")
    if any(m.active and m.enrollment.client_id == client.pk for m in members):
        raise error("client", "This person is already in the household.")
    _check_start_date(project, entry_date, today)
    if entry_date < head.enrollment.entry_date:
        raise error(
            "entry_date",
            f"A member's project start may not be before the head of household's ({head.enrollment.entry_date:%Y-%m-%d}).",
        )
    if not allow_active_duplicate:
        _warn_if_already_active(project, [client.pk], today)
    with transaction.atomic():
        enrollment = Enrollment(
            client=client,
            project=project,
            entry_date=entry_date,
            household_id=household_of.household_id,
            relationship_to_ho_h=relationship,
            disabling_condition=disabling_condition,
        )
        save_hud(enrollment, actor)
        # A member who joins later is followed by whoever already works with the household.
        _assign(enrollment, actor, clock.now(clock_), like=head.enrollment)
        audit(actor, "create", enrollment, client_id=client.pk, project=project.pk, joined_household=True)
    return enrollment


def _set_head(
    actor: Any,
    new_head: Enrollment,
    former_head_relationship: int,
    members: list[selectors.Member],
    leaving: set[int],
) -> None:
    """Make ``new_head`` the head; the current head record(s) take ``former_head_relationship``.

    ``leaving`` holds enrollments exiting in the same step: they do not count as staying members.
    """
    if former_head_relationship in (HEAD, NOT_COLLECTED):
        raise error("former_head_relationship", "Choose the former head's relationship to the new head.")
    staying = [m for m in members if m.active and m.enrollment.pk not in leaving]
    if new_head.pk not in {m.enrollment.pk for m in staying}:
        raise error("new_head", "The new head must be a member who stays in the program.")
    later_than = [m for m in staying if m.enrollment.entry_date < new_head.entry_date]
    if later_than:
        raise error(
            "new_head",
            "The new head's project start is after another staying member's; "
            "a head's project start must be on or before every other member's.",
        )
    for m in members:
        if m.is_head and m.enrollment.pk != new_head.pk:
            m.enrollment.relationship_to_ho_h = former_head_relationship
            save_hud(m.enrollment, actor)
            audit(
                actor,
                "update",
                m.enrollment,
                client_id=m.enrollment.client_id,
                fields=["relationship_to_ho_h"],
            )
    new_head.relationship_to_ho_h = HEAD
    save_hud(new_head, actor)
    audit(actor, "update", new_head, client_id=new_head.client_id, fields=["relationship_to_ho_h"], head=True)


def _household_rows(enrollment: Enrollment, *, lock: bool = False) -> dict[str, Any]:
    rows = Enrollment.objects.filter(project_id=enrollment.project_id, household_id=enrollment.household_id)
    if lock:
        rows = rows.select_for_update()
    return {f"member {pk}": rel for pk, rel in rows.order_by("pk").values_list("pk", "relationship_to_ho_h")}


def enrollment_household_edit_token(enrollment: Enrollment) -> str:
    """The token the household page's forms carry: who is in the household and how each member
    is related to the head, as the page showed it."""
    return state_token(
        f"household.{enrollment.project_id}.{enrollment.household_id}", _household_rows(enrollment)
    )


def _check_household(enrollment: Enrollment, token: str | None) -> None:
    # Locks every member row, so two changes to one household are made one after the other.
    check_state(
        f"household.{enrollment.project_id}.{enrollment.household_id}",
        token,
        _household_rows(enrollment, lock=True),
        model=Enrollment,
        what="household",
    )


def household_head_change(
    *,
    actor: Any,
    new_head: Enrollment,
    former_head_relationship: int,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> Enrollment:
    """Name ``new_head`` head of its household (e.g. after the head left). Given the
    ``edit_token`` of the page it was chosen on, a household changed since raises StaleEdit."""
    require_project_access(actor, new_head.project)
    members = selectors.household_members(new_head, clock.local_today(clock_))
    with transaction.atomic():
        _check_household(new_head, edit_token)
        target = next(m.enrollment for m in members if m.enrollment.pk == new_head.pk)
        _set_head(actor, target, former_head_relationship, members, leaving=set())
    new_head.refresh_from_db()
    return new_head


def relationship_update(
    *, actor: Any, enrollment: Enrollment, relationship: int, edit_token: str | None = None
) -> Enrollment:
    """Change a (non-head) member's relationship to the head of the enrollment household."""
    require_project_access(actor, enrollment.project)
    if enrollment.relationship_to_ho_h == HEAD or relationship == HEAD:
        raise error("relationship", "Use 'Change head of household' to change the head.")
    with transaction.atomic():
        _check_household(enrollment, edit_token)
        enrollment.relationship_to_ho_h = relationship
        save_hud(enrollment, actor)
        audit(actor, "update", enrollment, client_id=enrollment.client_id, fields=["relationship_to_ho_h"])
    return enrollment
