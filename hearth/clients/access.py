"""The only way to load a client record: through the acting user's access.

A user sees a client when the user is an HMIS administrator, when the client's record was created
by the user's agency, or when the client has an enrollment in one of the agency's projects.
(Sharing with other agencies under a release of information extends ``clients_for_user``.)
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from hearth.accounts.models import Role
from hearth.audit.refusals import note_refusal
from hearth.clients.models import Client
from hearth.core import clock

EDITOR_ROLES = {Role.CASE_MANAGER, Role.AGENCY_ADMIN, Role.HMIS_ADMIN}


def sees_all_clients(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.HMIS_ADMIN))


def clients_for_user(user: Any) -> QuerySet[Client]:
    from hearth.enrollments.models import Enrollment
    from hearth.enrollments.sharing import shared_with_organization

    if not user.is_authenticated:
        return Client.objects.none()
    if sees_all_clients(user):
        return Client.objects.all()
    if user.organization_id is None:
        return Client.objects.none()
    enrolled_here = Enrollment.objects.filter(
        client_id=OuterRef("pk"), project__organization_id=user.organization_id
    )
    return Client.objects.filter(
        Q(owner_organization_id=user.organization_id)
        | Exists(enrolled_here)
        | shared_with_organization(user.organization_id)
    )


def visible_client_count(user: Any) -> int:
    """``clients_for_user(user).count()``, computed so that it stays fast at a million clients.

    The OR of the three sharing rules makes the database test every client record against each
    rule; the union of the three id sets reads only the agency's own rows through their indexes.
    """
    from hearth.enrollments.models import Enrollment
    from hearth.enrollments.sharing import shared_with_organization

    if not user.is_authenticated or not (sees_all_clients(user) or user.organization_id):
        return 0
    if sees_all_clients(user):
        return Client.objects.count()
    from hearth.projects.models import Project

    org = user.organization_id
    owned = Client.objects.filter(owner_organization_id=org).values_list("pk")
    # The agency's few project ids as a list, so the planner reads enrollments by project index.
    project_ids = list(Project.objects.filter(organization_id=org).values_list("pk", flat=True))
    enrolled = Client.objects.filter(
        pk__in=Enrollment.objects.filter(project_id__in=project_ids).values("client_id")
    ).values_list("pk")
    shared = Client.objects.filter(shared_with_organization(org)).values_list("pk")
    return owned.union(enrolled, shared).count()


def visible_clients_q(user: Any, field: str = "client_id") -> Q:
    """A Q on a model with a client key ``field`` that keeps the rows of clients ``user`` may see:
    the same rules as clients_for_user, written as three uncorrelated IN lists (each read once
    through its index and hashed) so a long list such as the CE queue is filtered without testing
    every row against correlated subqueries."""
    from hearth.enrollments.models import Enrollment, ReleaseOfInformation
    from hearth.enrollments.sharing import current_releases_q
    from hearth.projects.models import Project

    if not user.is_authenticated or not (sees_all_clients(user) or user.organization_id):
        return Q(pk__in=[])
    if sees_all_clients(user):
        return Q()
    org = user.organization_id
    project_ids = list(Project.objects.filter(organization_id=org).values_list("pk", flat=True))
    releases = ReleaseOfInformation.objects.filter(current_releases_q(org, clock.local_today()))
    return (
        Q(**{f"{field}__in": Client.objects.filter(owner_organization_id=org).values("pk")})
        | Q(**{f"{field}__in": Enrollment.objects.filter(project_id__in=project_ids).values("client_id")})
        | Q(**{f"{field}__in": releases.values("client_id")})
    )


def can_edit_clients(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role in EDITOR_ROLES))


def client_for_user(user: Any, client_id: int, *, for_edit: bool = False) -> Client:
    """The client with internal key ``client_id`` if ``user`` may see it (and edit it, if asked).

    Raises Http404 both when the record does not exist and when it is out of the user's view, so
    the answer never reveals that a record exists.
    """
    try:
        client = clients_for_user(user).get(pk=client_id)
    except (Client.DoesNotExist, ValueError, TypeError):
        note_refusal("clients.client", client_id)
        raise Http404("No such client.") from None
    if for_edit and not can_edit_clients(user):
        note_refusal("clients.client", client_id)
        raise PermissionDenied("Your role may not change client records.")
    return client
