"""Helpers the case-management views share."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hearth.audit.services import audit_record
from hearth.clients.access import can_edit_clients, client_for_user
from hearth.core import clock
from hearth.enrollments import annual, selectors
from hearth.enrollments.elements import applies_to
from hearth.enrollments.models import Enrollment, Service
from hearth.enrollments.services.assessments import stage_recorded
from hearth.projects.selectors import projects_for_user


def ip_of(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def audit_view(request: HttpRequest, obj: Any, *, client_id: int | None, **detail: Any) -> None:
    """Record that the user viewed client data (HUD's audit trail covers views too)."""
    audit_record(
        actor=request.user,
        action="view",
        obj=obj,
        client_id=client_id,
        ip_address=ip_of(request),
        detail=detail,
    )


def load_client(request: HttpRequest, client_id: int, *, for_edit: bool = False) -> Any:
    return client_for_user(request.user, client_id, for_edit=for_edit)


def load_enrollment(request: HttpRequest, pk: int, *, for_edit: bool = False) -> Enrollment:
    return selectors.enrollment_for_user(request.user, pk, for_edit=for_edit)


def require_editor(request: HttpRequest) -> None:
    if not can_edit_clients(request.user):
        raise PermissionDenied("Your role may not change client records.")


def can_work(request: HttpRequest, enrollment: Enrollment) -> bool:
    return selectors.can_work_in_project(request.user, enrollment.project)


def details_context(request: HttpRequest, enrollment: Enrollment, tab: str) -> dict[str, Any]:
    """What the Program Details header shows above every tab."""
    today = clock.local_today()
    members = selectors.household_members(enrollment, today)
    me = next(m for m in members if m.enrollment.pk == enrollment.pk)
    assignment = getattr(enrollment, "case_assignment", None)
    for m in members:
        m.start_done = stage_recorded(m.enrollment, 1) or m.enrollment.disabling_condition != 99  # type: ignore[attr-defined]
        m.exit_done = (not m.active) and stage_recorded(m.enrollment, 3)  # type: ignore[attr-defined]
    return {
        "enrollment": enrollment,
        "client": enrollment.client,
        "project": enrollment.project,
        "tab": tab,
        "today": today,
        "members": members,
        "me": me,
        "needs_head": selectors.household_needs_head(members),
        "annual": annual.household_annual_status(enrollment, today),
        "assignment": assignment,
        "can_work": can_work(request, enrollment),
        "contacts_apply": applies_to(enrollment, "current_living_situation"),
        "move_in_applies": applies_to(enrollment, "move_in_date"),
        "engagement_applies": applies_to(enrollment, "date_of_engagement"),
        "night_by_night": enrollment.project.is_night_by_night,
        "services": Service.objects.filter(enrollment=enrollment).order_by("-date_provided", "-id")[:10],
        "staff_choices": _staff(enrollment) if can_work(request, enrollment) else [],
        "in_my_projects": projects_for_user(request.user).filter(pk=enrollment.project_id).exists(),
    }


def _staff(enrollment: Enrollment) -> list[Any]:
    return list(
        get_user_model()
        .objects.filter(organization_id=enrollment.project.organization_id, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


def posted(request: HttpRequest) -> Any:
    """The POST data for a form: bound (even when empty) on a POST, unbound otherwise."""
    return request.POST if request.method == "POST" else None


def uploaded(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None
