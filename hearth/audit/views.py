"""Searching the audit trail (read-only: there is no page that changes or deletes an event)."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from hearth.accounts import roles
from hearth.audit.forms import AuditSearchForm
from hearth.audit.models import AuditEvent
from hearth.audit.selectors import events_for_user, search
from hearth.audit.services import audit_record


class _Echo:
    def write(self, value: str) -> str:
        return value


@roles.require(roles.VIEW_AUDIT_AGENCY)
def audit_search(request: HttpRequest) -> HttpResponseBase:
    form = AuditSearchForm(request.GET or None)
    events = events_for_user(request.user)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        events = search(events, **filters)
    elif form.is_bound:
        events = events.none()
    else:
        events = events.select_related("actor")
    if request.GET.get("format") == "csv" and form.is_bound and form.is_valid():
        # Exporting the trail is itself audited (it may list which clients someone looked at).
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.EXPORT,
            detail={"what": "audit", "filters": sorted(filters)},
        )
        writer = csv.writer(_Echo())
        rows = (
            writer.writerow(
                [
                    e.at.isoformat(),
                    e.actor.username if e.actor else "",
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.client_id or "",
                    e.ip_address or "",
                ]
            )
            for e in events.iterator()
        )
        header = writer.writerow(
            ["at", "username", "action", "object_type", "object_id", "client_id", "ip_address"]
        )
        response = StreamingHttpResponse(
            (r for part in ([header], rows) for r in part), content_type="text/csv"
        )
        response["Content-Disposition"] = 'attachment; filename="audit.csv"'
        return response
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/search.html", {"form": form, "page": page, "query": query.urlencode()})
