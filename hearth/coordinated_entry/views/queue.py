"""Coordinated Entry pages. Every view of the queue is audited (it lists who is waiting)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.coordinated_entry import selectors


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    population = request.GET.get("population", "")
    if population not in selectors.POPULATION_FILTERS:
        population = ""
    page = Paginator(selectors.queue_for_user(request.user, population=population), 50).get_page(
        request.GET.get("page")
    )
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
