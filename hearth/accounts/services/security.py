"""Per-role security policy (which roles must sign in with a two-factor code), and turning one's
own two-factor sign-in off."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import roles, two_factor
from hearth.accounts.models import Role, RolePolicy
from hearth.accounts.two_factor import ALWAYS_REQUIRED
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock


def role_policies_set(
    *, require_two_factor: dict[str, bool], actor: Any, clock_: clock.Clock | None = None
) -> list[dict[str, Any]]:
    if not roles.can(actor, roles.MANAGE_SECURITY):
        raise PermissionDenied("Only HMIS administrators change security policy.")
    refused = sorted(r for r in ALWAYS_REQUIRED if r in require_two_factor and not require_two_factor[r])
    if refused:
        raise ValidationError(
            dict.fromkeys(refused, "This role manages accounts: it always signs in with a two-factor code.")
        )
    current = dict(RolePolicy.objects.values_list("role", "require_two_factor"))
    changed = []
    with transaction.atomic():
        for role in (r for r in Role.values if r not in ALWAYS_REQUIRED):
            wanted = bool(require_two_factor.get(role, False))
            if current.get(role, False) != wanted:
                RolePolicy.objects.update_or_create(
                    role=role, defaults={"require_two_factor": wanted, "updated_at": clock.now(clock_)}
                )
                changed.append({"role": role, "require_two_factor": wanted})
        if changed:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.ACCOUNT,
                detail={"change": "role_policy", "roles": changed},
                clock_=clock_,
            )
    return changed


def two_factor_remove(*, user: Any, password: str, code: str, clock_: clock.Clock | None = None) -> None:
    """Turn off the user's own two-factor sign-in: only with their password and a current code.

    Someone who finds a signed-in screen must not be able to weaken the account; and a role that
    manages accounts keeps two-factor whatever the user wants (an HMIS administrator resets a lost
    device instead).
    """
    if two_factor.role_requires_two_factor(user.role):
        raise ValidationError("Your role requires two-factor sign-in: it cannot be turned off.")
    device = two_factor.confirmed_device(user)
    if device is None:
        raise ValidationError("Two-factor sign-in is already off.")
    errors = {}
    if not user.check_password(password or ""):
        errors["password"] = "That is not your password."
    if not two_factor.verify(device, code):
        errors["code"] = "That code is not right. Try the newest code the app shows."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        audit_record(
            actor=user,
            action=AuditEvent.Action.ACCOUNT,
            obj=user,
            detail={"change": "two_factor_disabled"},
            clock_=clock_,
        )
