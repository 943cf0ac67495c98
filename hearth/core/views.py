from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.clients.access import sees_all_clients, visible_client_count
from hearth.core import clock
from hearth.enrollments.models import Enrollment
from hearth.enrollments.selectors import active_enrollments
from hearth.projects.selectors import organizations_for_user, projects_for_user, sees_whole_coc

# The dashboard's figures scan every enrollment of the agency (a CoC-wide user: of the CoC), too much
# to repeat on every visit at a million clients. They are kept five minutes per visibility scope
# (users who may see the same records see the same counts) and the page says when they were taken.
FIGURES_SECONDS = 300


def _scope(user: Any) -> str:
    return f"home-figures:{int(sees_all_clients(user))}:{int(sees_whole_coc(user))}:{user.organization_id}"


def _figures(user: Any) -> dict[str, Any]:
    projects = projects_for_user(user)
    # Project ids as a list: the planner then reads the enrollments by their project index.
    project_ids = list(projects.values_list("pk", flat=True))
    active = active_enrollments(Enrollment.objects.filter(project_id__in=project_ids))
    active_by_org = dict(
        active.values_list("project__organization_id")
        .annotate(n=Count("id"))
        .values_list("project__organization_id", "n")
    )
    projects_by_org = dict(
        projects.values_list("organization_id").annotate(n=Count("id")).values_list("organization_id", "n")
    )
    by_agency = [
        {
            "name": org.organization_name,
            "projects": projects_by_org.get(org.pk, 0),
            "active": active_by_org.get(org.pk, 0),
        }
        for org in organizations_for_user(user).order_by("organization_name")
    ]
    return {
        "client_count": visible_client_count(user),
        "active_enrollment_count": sum(active_by_org.values()),
        "project_count": sum(projects_by_org.values()),
        "by_agency": by_agency,
        "figures_at": clock.now(),
    }


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: figures for what the user may see, by agency."""
    key = _scope(request.user)
    context = cache.get(key)
    if context is None:
        context = _figures(request.user)
        cache.set(key, context, FIGURES_SECONDS)
    return render(request, "core/home.html", context)
