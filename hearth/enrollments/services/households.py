"""Global households: the grouping kept on the client record.

These services touch only the global household. Nothing here reads or writes an enrollment, so a
relationship set here never changes a program enrollment's household (and the reverse holds for the
enrollment services).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.core.concurrency import check_state, state_token
from hearth.enrollments.models import GlobalHousehold, GlobalHouseholdMember
from hearth.enrollments.models.households import SELF
from hearth.enrollments.services.common import audit, error, require_client_access, save_plain


def _touch(household: GlobalHousehold, clock_: clock.Clock | None) -> None:
    household.updated_at = clock.now(clock_)
    household.save(update_fields=["updated_at"])


def global_household_create(*, actor: Any, head: Any, clock_: clock.Clock | None = None) -> GlobalHousehold:
    """A new global household with ``head`` as its head."""
    require_client_access(actor, [head.pk])
    if GlobalHouseholdMember.objects.filter(client=head).exists():
        raise error("client", "This client is already in a household.")
    moment = clock.now(clock_)
    with transaction.atomic():
        household = GlobalHousehold.objects.create(
            created_at=moment, updated_at=moment, created_by=actor if getattr(actor, "pk", None) else None
        )
        member = save_plain(
            GlobalHouseholdMember(household=household, client=head, relationship=SELF, joined_at=moment)
        )
        audit(actor, "create", household, client_id=head.pk, member=member.pk, relationship=SELF)
    return household


def global_member_add(
    *,
    actor: Any,
    household: GlobalHousehold,
    client: Any,
    relationship: int,
    clock_: clock.Clock | None = None,
) -> GlobalHouseholdMember:
    require_client_access(actor, [client.pk])
    if relationship == SELF:
        raise error(
            "relationship", "The household already has a head. Add the member, then make them the head."
        )
    if GlobalHouseholdMember.objects.filter(client=client).exists():
        raise error("client", "This client is already in a household.")
    with transaction.atomic():
        member = save_plain(
            GlobalHouseholdMember(
                household=household, client=client, relationship=relationship, joined_at=clock.now(clock_)
            )
        )
        _touch(household, clock_)
        audit(actor, "create", member, client_id=client.pk, household=household.pk, relationship=relationship)
    return member


def _members(household_id: int, *, lock: bool = False) -> dict[str, Any]:
    rows = GlobalHouseholdMember.objects.filter(household_id=household_id)
    if lock:
        rows = rows.select_for_update()
    return {f"member {pk}": rel for pk, rel in rows.order_by("pk").values_list("pk", "relationship")}


def global_household_edit_token(household_id: int) -> str:
    """The token the household page's forms carry: its members and their relationships."""
    return state_token(f"global-household.{household_id}", _members(household_id))


def _check_members(household_id: int, token: str | None) -> None:
    # Locks every member row, so two changes to one household are made one after the other.
    check_state(
        f"global-household.{household_id}",
        token,
        _members(household_id, lock=True),
        model=GlobalHouseholdMember,
        what="household",
    )


def global_member_update(
    *,
    actor: Any,
    member: GlobalHouseholdMember,
    relationship: int,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> GlobalHouseholdMember:
    """Change a member's relationship to the head (use global_head_set to change the head).
    Given the ``edit_token`` of the page, a household changed since raises StaleEdit."""
    require_client_access(actor, [member.client_id])
    if member.is_head:
        raise error("relationship", "Name another member as head first.")
    if relationship == SELF:
        raise error("relationship", "Use 'Make head of household' to change the head.")
    with transaction.atomic():
        _check_members(member.household_id, edit_token)
        member.relationship = relationship
        save_plain(member)
        _touch(member.household, clock_)
        audit(actor, "update", member, client_id=member.client_id, fields=["relationship"])
    return member


def global_head_set(
    *,
    actor: Any,
    member: GlobalHouseholdMember,
    former_head_relationship: int,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> GlobalHouseholdMember:
    """Make ``member`` the head; the former head takes ``former_head_relationship``."""
    require_client_access(actor, [member.client_id])
    if member.is_head:
        return member
    if former_head_relationship == SELF:
        raise error("former_head_relationship", "Choose the former head's relationship to the new head.")
    with transaction.atomic():
        _check_members(member.household_id, edit_token)
        former = (
            GlobalHouseholdMember.objects.select_for_update()
            .filter(household=member.household, relationship=SELF)
            .first()
        )
        if former is not None:
            former.relationship = former_head_relationship
            save_plain(former)
            audit(actor, "update", former, client_id=former.client_id, fields=["relationship"])
        member.relationship = SELF
        save_plain(member)
        _touch(member.household, clock_)
        audit(actor, "update", member, client_id=member.client_id, fields=["relationship"], head=True)
    return member


def global_member_remove(
    *,
    actor: Any,
    member: GlobalHouseholdMember,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> None:
    """Take a member out; the head leaves last (the household then no longer exists)."""
    require_client_access(actor, [member.client_id])
    household = member.household
    others = household.members.exclude(pk=member.pk)
    if member.is_head and others.exists():
        raise ValidationError("Name another member as head before removing the head.")
    with transaction.atomic():
        _check_members(household.pk, edit_token)
        audit(actor, "delete", member, client_id=member.client_id, household=household.pk)
        member.delete()
        if not others.exists():
            audit(actor, "delete", household, client_id=None)
            household.delete()
        else:
            _touch(household, clock_)
