"""Which clients another agency may see under the CoC's sharing model.

clients.access.clients_for_user calls ``shared_with_organization`` to widen an agency's view beyond
its own clients: a client is shared with an agency while one of the client's releases of information
gives permission, is current (start date <= today <= end date in the CoC's time zone, not revoked),
and names that agency or a CoC in which the agency runs a project.
"""

from __future__ import annotations

from django.db.models import Q

from hearth.core import clock


def current_releases_q(organization_id: int, today: object) -> Q:
    """A Q on ReleaseOfInformation: current releases that cover the agency."""
    from hearth.projects.models import ProjectCoC

    agency_cocs = ProjectCoC.objects.filter(project__organization_id=organization_id).values("coc_code")
    return Q(
        permission=True,
        start_date__lte=today,
        end_date__gte=today,
        revoked_at__isnull=True,
    ) & (Q(organizations__id=organization_id) | (~Q(coc_code="") & Q(coc_code__in=agency_cocs)))


def shared_with_organization(organization_id: int) -> Q:
    """A Q on Client selecting the clients shared with ``organization_id``."""
    from hearth.enrollments.models import ReleaseOfInformation

    releases = ReleaseOfInformation.objects.filter(current_releases_q(organization_id, clock.local_today()))
    return Q(pk__in=releases.values("client_id"))
