"""What every case-management service shares: who is acting, HUD's UserID, saving and auditing."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from hearth.audit.services import audit_record
from hearth.clients.access import can_edit_clients, clients_for_user
from hearth.projects.selectors import projects_for_user

# UserID written on records that Hearth itself writes (automatic exits, nightly rules).
SYSTEM_HUD_USER_ID = "hearth-system"


class CaseWarning(Exception):
    """A rule staff may override once they have seen it (the view asks them to confirm)."""

    def __init__(self, messages: list[str], *, active_starts: dict[int, Any] | None = None) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages
        # For "already active in this program": client id -> project start of that enrollment.
        # Ids, not names, so the exception never carries a name into a log; views name them.
        self.active_starts = active_starts or {}


def is_person(actor: Any) -> bool:
    return bool(actor is not None and getattr(actor, "is_authenticated", False))


def hud_user_id_for(actor: Any) -> str:
    """HUD UserID for records the actor writes: the account's own, else one derived from its key."""
    if not is_person(actor):
        return SYSTEM_HUD_USER_ID
    return actor.hud_user_id or f"hearth-user-{actor.pk}"


def save_hud(record: Any, actor: Any) -> Any:
    """Validate (HUD's field and cross-field rules) and save a HUD record written by ``actor``."""
    record.hud_user_id = hud_user_id_for(actor)
    record.full_clean()
    record.save()
    return record


M = TypeVar("M", bound=models.Model)


def save_plain(record: M) -> M:
    record.full_clean()
    record.save()
    return record


def audit(actor: Any, action: str, obj: models.Model, *, client_id: int | None, **detail: Any) -> None:
    audit_record(
        actor=actor if is_person(actor) else None, action=action, obj=obj, client_id=client_id, detail=detail
    )


def require_project_access(actor: Any, project: Any) -> None:
    """A person may write in a project only with an editing role in the project's agency."""
    if not is_person(actor):
        return
    if not can_edit_clients(actor) or not projects_for_user(actor).filter(pk=project.pk).exists():
        raise PermissionDenied("You may not enter data in this program.")


def require_client_access(actor: Any, client_ids: list[int]) -> None:
    if not is_person(actor):
        return
    if not can_edit_clients(actor):
        raise PermissionDenied("Your role may not change client records.")
    visible = set(clients_for_user(actor).filter(pk__in=client_ids).values_list("pk", flat=True))
    if set(client_ids) - visible:
        raise PermissionDenied("You may not see one of these clients.")


def error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})
