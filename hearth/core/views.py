from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.clients.access import clients_for_user
from hearth.enrollments.models import Enrollment
from hearth.enrollments.selectors import active_enrollments
from hearth.projects.selectors import organizations_for_user, projects_for_user


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: figures for what the user may see, by agency."""
    user = request.user
    projects = projects_for_user(user)
    active = active_enrollments(Enrollment.objects.filter(project__in=projects))
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
    context = {
        "client_count": clients_for_user(user).count(),
        "active_enrollment_count": sum(active_by_org.values()),
        "project_count": sum(projects_by_org.values()),
        "by_agency": by_agency,
    }
    return render(request, "core/home.html", context)
