"""The clients API: ``GET /api/clients/search``.

The query travels in the URL parameters as the API's contract requires; Hearth never logs it (the
audit trail records only which kinds of fields were used and which records were returned).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.search import parse_query, search_clients
from hearth.clients.search.query import QueryError
from hearth.clients.views.common import client_ip

router = Router(tags=["clients"])


class SearchParams(Schema):
    q: str = ""
    first_name: str = ""
    last_name: str = ""
    dob: str = ""
    ssn: str = ""
    limit: int = 25


class Candidate(Schema):
    id: int
    personal_id: str
    score: int
    reasons: list[str]
    first_name: str | None
    last_name: str | None
    dob: dt.date | None


@router.get("/search", response=list[Candidate], summary="Ranked records that may be the person described")
def search(request: HttpRequest, params: Query[SearchParams]) -> Any:
    """Candidates the signed-in user may see, best first, each with a 0-100 score and the reasons
    it matched. Give any of ``q`` (name, date of birth, SSN or last four, record ID in one box),
    ``first_name``, ``last_name``, ``dob`` and ``ssn`` (full, ``xxx-xx-1234`` or last four)."""
    try:
        query = parse_query(
            params.q[:200],
            first_name=params.first_name[:50],
            last_name=params.last_name[:50],
            dob=params.dob[:20],
            ssn_text=params.ssn[:11],
        )
    except QueryError as exc:
        raise HttpError(400, str(exc)) from None
    if query.is_empty:
        raise HttpError(400, "Give at least one of q, first_name, last_name, dob or ssn.")
    results = search_clients(user=request.user, query=query, limit=max(1, min(params.limit, 100)))
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.SEARCH,
            ip_address=client_ip(request),
            detail={"via": "api", "fields": query.used_fields(), "shown": [r.client.pk for r in results]},
        )
    return [
        {
            "id": r.client.pk,
            "personal_id": r.client.hud_id,
            "score": r.score,
            "reasons": r.reasons,
            "first_name": r.client.first_name,
            "last_name": r.client.last_name,
            "dob": r.client.dob,
        }
        for r in results
    ]
