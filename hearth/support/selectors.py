"""Reads of tickets: Support staff see all; a requester sees their own (signed in, or by a verified
email held in the session after following an emailed link)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from hearth.accounts import roles
from hearth.audit.refusals import note_refusal
from hearth.support.models import Ticket

REQUESTER_SESSION_KEY = "support_requester_email"


def requester_email(request: HttpRequest) -> str | None:
    value = request.session.get(REQUESTER_SESSION_KEY)
    return str(value) if value else None


def tickets_for_requester(request: HttpRequest) -> QuerySet[Ticket]:
    user: Any = request.user
    match = Q(pk__in=[])
    if user.is_authenticated:
        match |= Q(requester=user)
        if user.email:
            match |= Q(requester_email__iexact=user.email, verified_at__isnull=False)
    email = requester_email(request)
    if email:
        match |= Q(requester_email=email)
    return Ticket.objects.filter(match)


def ticket_for_requester(request: HttpRequest, pk: int) -> Ticket:
    try:
        return tickets_for_requester(request).get(pk=pk)
    except (Ticket.DoesNotExist, ValueError, TypeError):
        note_refusal("support.ticket", pk)
        raise Http404("No such ticket.") from None


def desk_tickets(user: Any) -> QuerySet[Ticket]:
    if not roles.can(user, roles.WORK_SUPPORT_DESK):
        return Ticket.objects.none()
    return Ticket.objects.filter(verified_at__isnull=False).select_related("assigned_to", "account")
