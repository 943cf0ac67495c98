"""Reads of staff accounts, always through the acting user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from hearth.accounts import roles
from hearth.accounts.models import User
from hearth.audit.refusals import note_refusal


def users_for_user(actor: Any) -> QuerySet[User]:
    """HMIS administrators see every account; agency administrators their own agency's."""
    if roles.can(actor, roles.MANAGE_ALL_USERS):
        return User.objects.all()
    if roles.can(actor, roles.MANAGE_AGENCY_USERS) and actor.organization_id is not None:
        return User.objects.filter(organization_id=actor.organization_id)
    return User.objects.none()


def user_for_manager(actor: Any, user_id: int) -> User:
    """The account ``user_id`` if ``actor`` manages it; 404 otherwise (its existence stays hidden)."""
    try:
        return users_for_user(actor).select_related("organization").get(pk=user_id)
    except (User.DoesNotExist, ValueError, TypeError):
        note_refusal("accounts.user", user_id)
        raise Http404("No such account.") from None
