"""Search first (/clients/) and adding a client after the search (/clients/new/).

Searches are POSTed (or sent by htmx in the request body): names, dates of birth and SSNs never
appear in a URL, so they never reach browser history, server logs or referrer headers.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.access import can_edit_clients
from hearth.clients.forms import ClientForm, SearchForm, query_from_search_form
from hearth.clients.search import SearchResult, parse_query, search_clients
from hearth.clients.services import client_create
from hearth.clients.views.common import client_ip, require_editor

CHECK_SALT = "hearth.clients.new.checked"
CHECK_MAX_AGE = 60 * 60
# Below this score a record is not shown as a likely match when adding a client.
LIKELY_SCORE = 45


def audit_search(request: HttpRequest, *, used: list[str], results: list[SearchResult], via: str) -> None:
    """One audit row per search: which kinds of fields were used and which records were shown."""
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.SEARCH,
            ip_address=client_ip(request),
            detail={"via": via, "fields": used, "shown": [r.client.pk for r in results]},
        )


@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    results: list[SearchResult] | None = None
    if request.method == "POST":
        form = SearchForm(request.POST)
        if form.is_valid():
            query = query_from_search_form(form)
            if query is not None:
                results = search_clients(user=request.user, query=query)
                audit_search(request, used=query.used_fields(), results=results, via="search")
    else:
        form = SearchForm()
    context = {"form": form, "results": results, "can_add": can_edit_clients(request.user)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "clients/search.html#results", context)
    return render(request, "clients/search.html", context)


def _identity_digest(data: dict[str, Any]) -> str:
    """A digest of the identifying fields, so a confirmed check covers exactly what is saved."""
    parts = [
        (data.get("first_name") or "").strip().lower(),
        (data.get("last_name") or "").strip().lower(),
        str(data.get("dob") or ""),
        str(data.get("ssn") or ""),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _checked(token: str, digest: str) -> bool:
    try:
        return signing.loads(token, salt=CHECK_SALT, max_age=CHECK_MAX_AGE) == digest
    except signing.BadSignature:
        return False


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    """Add a client: the likely existing records are always shown before the new one is saved."""
    require_editor(request)
    candidates: list[SearchResult] | None = None
    check_token = ""
    if request.method == "POST":
        form = ClientForm(request.POST)
        if form.is_valid():
            data = form.profile_data()
            digest = _identity_digest(data)
            if request.POST.get("action") == "create" and _checked(
                request.POST.get("check_token", ""), digest
            ):
                client = client_create(actor=request.user, data=data, ip_address=client_ip(request))
                for warning in form.warnings:
                    messages.warning(request, warning)
                messages.success(request, "The client record was created.")
                return redirect("clients:profile", pk=client.pk)
            query = parse_query(
                first_name=data.get("first_name") or "",
                last_name=data.get("last_name") or "",
                dob=data.get("dob"),
                ssn_text=data.get("ssn") or "",
            )
            candidates = [
                r for r in search_clients(user=request.user, query=query, limit=10) if r.score >= LIKELY_SCORE
            ]
            audit_search(request, used=query.used_fields(), results=candidates, via="new_client_check")
            check_token = signing.dumps(digest, salt=CHECK_SALT)
    else:
        form = ClientForm()
    return render(
        request, "clients/new.html", {"form": form, "candidates": candidates, "check_token": check_token}
    )
