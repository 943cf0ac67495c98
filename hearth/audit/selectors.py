"""Reading the audit trail: HMIS administrators search all of it; agency administrators the events
of their own agency's users."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from hearth.accounts import roles
from hearth.audit.models import AuditEvent
from hearth.core import clock


def events_for_user(user: Any) -> QuerySet[AuditEvent]:
    if roles.can(user, roles.VIEW_AUDIT_ALL):
        return AuditEvent.objects.all()
    if roles.can(user, roles.VIEW_AUDIT_AGENCY) and user.organization_id is not None:
        return AuditEvent.objects.filter(actor__organization_id=user.organization_id)
    return AuditEvent.objects.none()


def _local_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clock.coc_zone())


def search(
    events: QuerySet[AuditEvent],
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    client_id: int | None = None,
    ip_address: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Filter events. Dates are local days in the CoC's time zone, both ends included."""
    if actor:
        # Failed sign-ins have no actor; the username typed is in the detail.
        events = events.filter(Q(actor__username__iexact=actor) | Q(detail__username=actor.lower()))
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if client_id is not None:
        events = events.filter(client_id=client_id)
    if ip_address:
        events = events.filter(ip_address=ip_address)
    if date_from:
        events = events.filter(at__gte=_local_day_start(date_from))
    if date_to:
        events = events.filter(at__lt=_local_day_start(date_to + dt.timedelta(days=1)))
    return events.select_related("actor")
