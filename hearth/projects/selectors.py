"""Reads of agencies and projects, always through the acting user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hearth.accounts.models import Role
from hearth.projects.models import Organization, Project

# Roles that see every agency's projects (not every client: client visibility is in clients.access).
COC_WIDE_ROLES = {Role.HMIS_ADMIN, Role.REPORT_ANALYST}


def sees_whole_coc(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in COC_WIDE_ROLES))


def organizations_for_user(user: Any) -> QuerySet[Organization]:
    if not user.is_authenticated:
        return Organization.objects.none()
    if sees_whole_coc(user):
        return Organization.objects.all()
    if user.organization_id is None:
        return Organization.objects.none()
    return Organization.objects.filter(pk=user.organization_id)


def projects_for_user(user: Any) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    if sees_whole_coc(user):
        return Project.objects.all()
    return Project.objects.filter(organization_id=user.organization_id)


def funded_project_ids(projects: Any, funders: Any, *, start: Any, end: Any) -> set[int]:
    """The projects (ids or objects) with one of the ``funders`` (2.06.1) for part of start..end."""
    from hearth.projects.models import Funder

    return set(
        Funder.objects.filter(
            project__in=projects, funder__in=funders, start_date__lte=end, date_deleted__isnull=True
        )
        .exclude(end_date__lt=start)
        .values_list("project_id", flat=True)
    )
