"""Writing the audit trail. Call inside the transaction of the change being audited."""

from __future__ import annotations

from typing import Any

from django.db import models

from hearth.audit.models import AuditEvent
from hearth.core import clock


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    client_id: int | None = None,
    ip_address: str | None = None,
    detail: dict[str, Any] | None = None,
    clock_: clock.Clock | None = None,
) -> AuditEvent:
    # A record given as ``obj`` names itself; ``object_type``/``object_id`` name one not loaded
    # (a refusal names what was asked for, which the user may not see).
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, str(obj.pk)
    if client_id is None and obj is not None and obj._meta.label_lower == "clients.client":
        client_id = obj.pk
    return AuditEvent.objects.create(
        at=clock.now(clock_),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        client_id=client_id,
        ip_address=ip_address,
        detail=detail or {},
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names (never values) of the fields that differ, for the audit detail."""
    return sorted(k for k in after if before.get(k) != after.get(k))
