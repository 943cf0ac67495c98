"""Program settings: the exit checklist and the night-by-night shelter's automatic exit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from hearth.accounts.models import Role
from hearth.core.concurrency import check_state, state_token
from hearth.enrollments.models import ExitStep, ProgramSettings
from hearth.enrollments.services.common import audit, error, save_plain


def can_configure_program(user: Any, project: Any) -> bool:
    """HMIS administrators, and agency administrators for their own agency's programs."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.role == Role.HMIS_ADMIN:
        return True
    return user.role == Role.AGENCY_ADMIN and user.organization_id == project.organization_id


def _require(actor: Any, project: Any) -> None:
    if not can_configure_program(actor, project):
        raise PermissionDenied("Only an administrator of this program's agency may change its settings.")


SETTINGS_FIELDS = ("shelter_auto_exit_nights",)


def _settings_parts(settings_: ProgramSettings | None) -> dict[str, Any]:
    return {name: getattr(settings_, name) if settings_ else None for name in SETTINGS_FIELDS}


def program_settings_edit_token(project: Any) -> str:
    """The token the settings form carries (the program may have no settings row yet)."""
    return state_token(f"program-settings.{project.pk}", _settings_parts(project_settings(project)))


def project_settings(project: Any) -> ProgramSettings | None:
    return ProgramSettings.objects.filter(project=project).first()


def program_settings_update(
    *, actor: Any, project: Any, shelter_auto_exit_nights: int | None, edit_token: str | None = None
) -> ProgramSettings:
    """Save the program's settings; given the form's ``edit_token``, settings another
    administrator saved since the form was drawn raise StaleEdit."""
    _require(actor, project)
    if shelter_auto_exit_nights is not None and not 1 <= shelter_auto_exit_nights <= 365:
        raise error("shelter_auto_exit_nights", "Choose between 1 and 365 nights.")
    with transaction.atomic():
        settings_, _ = ProgramSettings.objects.select_for_update().get_or_create(project=project)
        check_state(
            f"program-settings.{project.pk}",
            edit_token,
            _settings_parts(settings_),
            model=ProgramSettings,
            what="program's settings",
        )
        settings_.shelter_auto_exit_nights = shelter_auto_exit_nights
        save_plain(settings_)
        audit(actor, "update", settings_, client_id=None, fields=["shelter_auto_exit_nights"])
    return settings_


def exit_step_add(*, actor: Any, project: Any, text: str) -> ExitStep:
    _require(actor, project)
    text = text.strip()
    if not text:
        raise error("text", "Describe the step.")
    with transaction.atomic():
        last = ExitStep.objects.filter(project=project).aggregate(p=Max("position"))["p"]
        step = save_plain(ExitStep(project=project, text=text[:200], position=(last or 0) + 1))
        audit(actor, "create", step, client_id=None)
    return step


def exit_step_remove(*, actor: Any, step: ExitStep) -> None:
    """Retire a step (kept, inactive, since past exits name it)."""
    _require(actor, step.project)
    with transaction.atomic():
        step.active = False
        step.save(update_fields=["active"])
        audit(actor, "update", step, client_id=None, fields=["active"])
