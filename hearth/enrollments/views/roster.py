"""The nightly roster of a night-by-night shelter: check guests in with one tap (htmx)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.access import clients_for_user, sees_all_clients
from hearth.core import clock
from hearth.enrollments import selectors, services
from hearth.enrollments.models import Enrollment, Service
from hearth.enrollments.shelter import BED_NIGHT, auto_exit_nights
from hearth.projects.models import Project
from hearth.projects.selectors import projects_for_user


def _project(request: HttpRequest, project_id: int) -> Project:
    project = get_object_or_404(projects_for_user(request.user), pk=project_id)
    if not project.is_night_by_night:
        raise Http404("The roster is for night-by-night shelters.")
    return project


def _night(request: HttpRequest, today: dt.date) -> dt.date:
    raw = request.GET.get("night") or request.POST.get("night") or ""
    try:
        night = dt.date.fromisoformat(raw)
    except ValueError:
        return today
    # Staff may catch up on the last week; never a future night.
    return min(max(night, today - dt.timedelta(days=7)), today)


def _rows(
    user: Any, project: Project, night: dt.date, today: dt.date, only: list[int] | None = None
) -> list[dict[str, Any]]:
    # Clients are fetched by key in a second query: joining them made PostgreSQL scan every client.
    queryset = selectors.active_enrollments(
        Enrollment.objects.filter(project=project, entry_date__lte=night), today=today
    ).prefetch_related("client")
    if not sees_all_clients(user):
        # Shelters are listed CoC-wide, but a guest is shown only to those who may see the client.
        queryset = queryset.filter(Exists(clients_for_user(user).filter(pk=OuterRef("client_id"))))
    if only is not None:
        queryset = queryset.filter(pk__in=only)
    enrollments = sorted(queryset, key=lambda e: (e.client.last_name or "", e.client.first_name or "", e.pk))
    checked = set(
        Service.objects.filter(
            enrollment__in=enrollments, record_type=BED_NIGHT, date_provided=night
        ).values_list("enrollment_id", flat=True)
    )
    # The latest night of each guest, computed by the database: a long stay has hundreds of nights.
    last = dict(
        Service.objects.filter(enrollment__in=enrollments, record_type=BED_NIGHT)
        .order_by()
        .values("enrollment_id")
        .annotate(last=Max("date_provided"))
        .values_list("enrollment_id", "last")
    )
    return [
        {"enrollment": e, "checked_in": e.pk in checked, "last_bed_night": last.get(e.pk)}
        for e in enrollments
    ]


@require_GET
def roster_index(request: HttpRequest) -> HttpResponse:
    projects = list(projects_for_user(request.user).filter(project_type=1).order_by("project_name"))
    if len(projects) == 1:
        return redirect("enrollments:roster", project_id=projects[0].pk)
    return render(request, "enrollments/roster_index.html", {"projects": projects})


@require_GET
def roster(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    today = clock.local_today()
    night = _night(request, today)
    rows = _rows(request.user, project, night, today)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.VIEW,
            obj=project,
            ip_address=request.META.get("REMOTE_ADDR") or None,
            detail={
                "via": "roster",
                "night": night.isoformat(),
                "shown": [r["enrollment"].client_id for r in rows],
            },
        )
    return render(
        request,
        "enrollments/roster.html",
        {
            "project": project,
            "night": night,
            "today": today,
            "rows": rows,
            "checked_count": sum(1 for r in rows if r["checked_in"]),
            "previous_night": night - dt.timedelta(days=1) if night > today - dt.timedelta(days=7) else None,
            "next_night": night + dt.timedelta(days=1) if night < today else None,
            "auto_exit_nights": auto_exit_nights(project.pk),
            "can_work": selectors.can_work_in_project(request.user, project),
        },
    )


@require_POST
def check_in(request: HttpRequest, project_id: int, enrollment_id: int) -> HttpResponse:
    """Record (or, with undo=1, take back) the guest's bed night; htmx swaps in the new row."""
    project = _project(request, project_id)
    if not selectors.can_work_in_project(request.user, project):
        raise PermissionDenied("Your role may not check guests in.")
    enrollment = selectors.enrollment_for_user(request.user, enrollment_id, for_edit=True)
    if enrollment.project_id != project.pk:
        raise Http404("No such guest.")
    today = clock.local_today()
    night = _night(request, today)
    error = ""
    try:
        if request.POST.get("undo"):
            services.bed_night_undo(actor=request.user, enrollment=enrollment, night=night)
        else:
            services.bed_night_record(actor=request.user, enrollment=enrollment, night=night)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:  # type: ignore[attr-defined]
        rows = _rows(request.user, project, night, today, only=[enrollment.pk]) or [
            {"enrollment": enrollment, "checked_in": False, "last_bed_night": None}
        ]
        return render(
            request,
            "enrollments/_roster_row.html",
            {"row": rows[0], "project": project, "night": night, "error": error, "can_work": True},
        )
    if error:
        messages.error(request, error)
    return redirect(reverse("enrollments:roster", args=[project.pk]) + f"?night={night:%Y-%m-%d}")
