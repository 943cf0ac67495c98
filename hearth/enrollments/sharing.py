"""Which clients another agency may see under the CoC's sharing model.

clients.access.clients_for_user calls ``shared_with_organization`` to widen an agency's view to the
clients whose release of information covers it. Until releases of information exist, nothing is
shared beyond the agency's own enrollments.
"""

from __future__ import annotations

from django.db.models import Q


def shared_with_organization(organization_id: int) -> Q:
    """A Q on Client selecting the clients shared with ``organization_id``."""
    return Q(pk__in=[])
