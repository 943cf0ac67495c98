"""Refusals are audited: who asked for which protected record, and was told no.

Access helpers call ``note_refusal`` just before they raise Http404 or PermissionDenied. The note
goes into a per-request list, and ``RefusalAuditMiddleware`` writes the rows once the response is
made. Writing there, rather than in the helper, keeps the row out of any transaction the view opened:
the failed request's rollback must not take the evidence of the attempt with it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from hearth.audit.models import AuditEvent
from hearth.audit.route_objects import records_of_route
from hearth.audit.services import audit_record

# Answers that mean "no" to the person asking.
REFUSED_STATUSES = frozenset({401, 403, 404})


@dataclass(frozen=True)
class Refusal:
    object_type: str
    object_id: str
    client_id: int | None


_pending: ContextVar[list[Refusal] | None] = ContextVar("hearth_refusals", default=None)


def note_refusal(object_type: str, object_id: Any, *, client_id: int | None = None) -> None:
    """Remember that the current request was refused ``object_type`` number ``object_id``.

    Outside a request (commands, imports) there is nobody to audit and the note is dropped.
    """
    pending = _pending.get()
    if pending is None:
        return
    if client_id is None and object_type == "clients.client":
        client_id = _as_int(object_id)
    refusal = Refusal(object_type=object_type, object_id=str(object_id)[:64], client_id=client_id)
    if refusal not in pending:
        pending.append(refusal)


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _route_ids(request: HttpRequest) -> dict[str, int]:
    # Only the integer parameters: they are internal keys, never names or tokens.
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match is not None else {}
    return {k: v for k, v in kwargs.items() if isinstance(v, int)}


def write_refusals(request: HttpRequest, status: int, refusals: list[Refusal]) -> None:
    from hearth.enrollments.views.common import ip_of

    match = getattr(request, "resolver_match", None)
    detail: dict[str, Any] = {
        "path": request.path,
        "method": request.method,
        "status": status,
        "route": match.view_name if match is not None else "",
        "ids": _route_ids(request),
    }
    # The records the route names, and those an access helper refused behind them (the client of
    # a file, say). A refusal naming no record at all is still written, without an object.
    rows = list(refusals)
    for label, key in records_of_route(detail["route"], match.kwargs if match is not None else {}):
        client_id = _as_int(key) if label == "clients.client" else None
        refusal = Refusal(object_type=label, object_id=key[:64], client_id=client_id)
        if refusal not in rows:
            rows.append(refusal)
    rows = rows or [Refusal(object_type="", object_id="", client_id=None)]
    with transaction.atomic():
        for refusal in rows:
            audit_record(
                actor=request.user,
                action=AuditEvent.Action.REFUSED,
                object_type=refusal.object_type,
                object_id=refusal.object_id,
                client_id=refusal.client_id,
                ip_address=ip_of(request),
                detail=detail,
            )


class RefusalAuditMiddleware:
    """Collects the refusals of a request and audits them when a signed-in user is answered no.

    Sits after AuthenticationMiddleware. Requests that resolved to no route (a mistyped address)
    are not about a record and are not written.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _pending.set([])
        try:
            response = self.get_response(request)
            refusals = list(_pending.get() or [])
        finally:
            _pending.reset(token)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(request, "resolver_match", None) is not None
            and (response.status_code in REFUSED_STATUSES or (refusals and response.status_code >= 300))
        ):
            write_refusals(request, response.status_code, refusals)
        return response
