"""Per-role security policy (which roles must sign in with a two-factor code)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from hearth.accounts import roles
from hearth.accounts.models import Role, RolePolicy
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock


def role_policies_set(
    *, require_two_factor: dict[str, bool], actor: Any, clock_: clock.Clock | None = None
) -> list[dict[str, Any]]:
    if not roles.can(actor, roles.MANAGE_SECURITY):
        raise PermissionDenied("Only HMIS administrators change security policy.")
    current = dict(RolePolicy.objects.values_list("role", "require_two_factor"))
    changed = []
    with transaction.atomic():
        for role in Role.values:
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
