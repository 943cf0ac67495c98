"""The clients API: ``POST /api/clients/search``.

The query travels in a JSON body, never in the URL, so names, dates of birth and SSNs stay out of
access logs and browser history. Hearth never logs it either: the audit trail records only which
kinds of fields were used and which records were returned.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.search import parse_query, search_clients
from hearth.clients.search.query import QueryError
from hearth.clients.views.common import client_ip
from hearth.core.api_errors import ERROR_RESPONSES

router = Router(tags=["clients"])


class SearchRequest(Schema):
    q: str = Field("", description="One box: name, date of birth, SSN or last four, record ID")
    first_name: str = ""
    last_name: str = ""
    dob: str = Field("", description="Date of birth, e.g. 1968-07-04 or 07/04/1968")
    ssn: str = Field("", description="Full SSN, xxx-xx-1234 or the last four")
    limit: int = Field(25, description="At most this many candidates (1-100)")


class Candidate(Schema):
    id: int
    personal_id: str
    score: int
    reasons: list[str]
    first_name: str | None
    last_name: str | None
    dob: dt.date | None


@router.post(
    "/search",
    response={200: list[Candidate], **ERROR_RESPONSES},
    summary="Ranked records that may be the person described",
)
def search(request: HttpRequest, body: SearchRequest) -> Any:
    """Candidates the signed-in user may see, best first, each with a 0-100 score and the reasons
    it matched. Give any of ``q`` (name, date of birth, SSN or last four, record ID in one box),
    ``first_name``, ``last_name``, ``dob`` and ``ssn`` (full, ``xxx-xx-1234`` or last four) in the
    JSON body; a query the search cannot read is answered 400 with a ``detail`` naming the field."""
    try:
        query = parse_query(
            body.q[:200],
            first_name=body.first_name[:50],
            last_name=body.last_name[:50],
            dob=body.dob[:20],
            ssn_text=body.ssn[:11],
        )
    except QueryError as exc:
        raise HttpError(400, str(exc)) from None
    if query.is_empty:
        raise HttpError(400, "Give at least one of q, first_name, last_name, dob or ssn.")
    results = search_clients(user=request.user, query=query, limit=max(1, min(body.limit, 100)))
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
