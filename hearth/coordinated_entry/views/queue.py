"""Coordinated Entry pages. Every view of the queue is audited (it lists who is waiting)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.access import sees_all_clients
from hearth.coordinated_entry import selectors
from hearth.coordinated_entry.models import QueueEntry


def _queue_page(request: HttpRequest, population: str) -> Page:
    entries = selectors.queue_for_user(request.user, population=population)
    if sees_all_clients(request.user):
        return Paginator(entries, 50).get_page(request.GET.get("page"))
    # Through the sharing rules the filter is the costly part: read the visible people's keys once,
    # in queue order, page through them and fetch only the page's rows (not a count, then a page).
    keys = list(entries.values_list("pk", flat=True))
    page: Any = Paginator(keys, 50).get_page(request.GET.get("page"))
    rows = QueueEntry.objects.select_related("client").in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return page  # type: ignore[no-any-return]


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    population = request.GET.get("population", "")
    if population not in selectors.POPULATION_FILTERS:
        population = ""
    page = _queue_page(request, population)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.VIEW,
            detail={"what": "ce_queue", "population": population, "page": page.number},
        )
    return render(
        request,
        "coordinated_entry/queue.html",
        {
            "page": page,
            "rule": selectors.active_rule(),
            "population": population,
            "populations": [
                ("", "Everyone"),
                ("veterans", "Veterans"),
                ("youth", "Youth"),
                ("families", "Families"),
            ],
        },
    )
