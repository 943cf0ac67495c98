"""The Coordinated Entry API: the community queue, housing openings and referrals.

The same selectors and services as the pages, so the same sharing rules and audit apply: a
person on the queue is listed only to a user who may see their record, and every read of the
queue or of an opening's proposals writes an audit row naming whom it showed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.views.common import client_ip
from hearth.coordinated_entry import selectors, services
from hearth.coordinated_entry.models import NOTE_MAX, QueueEntry
from hearth.core.api_errors import ERROR_RESPONSES, ErrorMessage

router = Router(tags=["coordinated entry"])
RESPONSES: dict[int, Any] = {**ERROR_RESPONSES, 404: ErrorMessage}


class QueuePerson(Schema):
    entry_id: int
    client_id: int
    rank: int
    score: int
    chronic: bool
    days_homeless: int
    placed_on: dt.date
    veteran: bool
    youth: bool
    family: bool


class Opening(Schema):
    id: int
    project_id: int
    project: str
    description: str
    event_type: int = Field(description="HUD 4.20.2 referral type")
    household_type: str
    population: str
    disability_required: bool
    chronic_only: bool
    min_score: int | None
    posted_on: dt.date
    status: str


class Referral(Schema):
    id: int
    opening_id: int
    entry_id: int
    client_id: int | None = Field(description="Only where the sharing rules let the user see the person")
    status: str
    referred_on: dt.date
    result_date: dt.date | None
    decline_reason: int | None = Field(description="HUD 4.20.D referral result")
    enrollment_id: int | None
    note: str | None = Field(description="The matcher's note; only where the user may see the person")
    result_note: str | None = Field(
        description="The receiving program's note on its decision; only where the user may see the person"
    )


class ReferRequest(Schema):
    entry_id: int = Field(ge=1, le=2**62)
    note: str = Field("", max_length=NOTE_MAX, description="Note to the receiving program")


class AcceptRequest(Schema):
    entry_date: dt.date | None = None
    note: str = Field("", max_length=NOTE_MAX, description="Note for the matcher")


class DeclineRequest(Schema):
    reason: int = Field(description="HUD 4.20.D: 2 client rejected, 3 provider rejected", ge=0, le=99)
    note: str = Field("", max_length=NOTE_MAX, description="Note for the matcher")


def _person(entry: QueueEntry, rank: int) -> dict[str, Any]:
    return {
        "entry_id": entry.pk, "client_id": entry.client_id, "rank": rank, "score": entry.score,
        "chronic": entry.chronic, "days_homeless": entry.days_homeless, "placed_on": entry.placed_on,
        "veteran": entry.veteran, "youth": entry.youth, "family": entry.family,
    }  # fmt: skip


def _opening(opening: Any) -> dict[str, Any]:
    return {
        "id": opening.pk, "project_id": opening.project_id, "project": str(opening.project),
        "description": opening.description, "event_type": opening.event_type,
        "household_type": opening.household_type, "population": opening.population,
        "disability_required": opening.disability_required, "chronic_only": opening.chronic_only,
        "min_score": opening.min_score, "posted_on": opening.posted_on, "status": opening.status,
    }  # fmt: skip


def _referral(referral: Any, visible: bool) -> dict[str, Any]:
    return {
        "id": referral.pk, "opening_id": referral.opening_id, "entry_id": referral.entry_id,
        "client_id": referral.entry.client_id if visible else None, "status": referral.status,
        "referred_on": referral.referred_on, "result_date": referral.result_date,
        "decline_reason": referral.decline_reason,
        "enrollment_id": referral.enrollment_id if visible else None,
        "note": referral.note if visible else None,
        "result_note": referral.result_note if visible else None,
    }  # fmt: skip


def _refused(exc: ValidationError) -> HttpError:
    return HttpError(400, " ".join(f"{field}: {' '.join(m)}" for field, m in exc.message_dict.items()))


def _audit_shown(request: HttpRequest, what: str, client_ids: list[int], **detail: Any) -> None:
    with transaction.atomic():
        audit_record(
            actor=request.user, action=AuditEvent.Action.VIEW, ip_address=client_ip(request),
            detail={"what": what, "via": "api", "client_ids": client_ids, **detail},
        )  # fmt: skip


@router.get("/queue", response={200: list[QueuePerson], **RESPONSES}, summary="The community queue")
def queue(request: HttpRequest, population: str = "", offset: int = 0, limit: int = 50) -> Any:
    """People waiting on the queue whom the user may see, in the CoC's order. ``population`` is
    one of ``veterans``, ``youth``, ``families`` or empty for everyone; at most 200 a page."""
    if population and population not in selectors.POPULATION_FILTERS:
        raise HttpError(400, "population: choose veterans, youth, families or leave it empty.")
    offset, limit = max(0, min(offset, 10**7)), max(1, min(limit, 200))
    entries = list(selectors.queue_for_user(request.user, population=population)[offset : offset + limit])
    _audit_shown(request, "ce_queue", [e.client_id for e in entries], population=population, offset=offset)
    return [_person(e, offset + i + 1) for i, e in enumerate(entries)]


@router.get("/openings", response={200: list[Opening], **RESPONSES}, summary="Open housing openings")
def openings(request: HttpRequest) -> Any:
    return [_opening(o) for o in selectors.openings_for_user(request.user)[:500]]


@router.get(
    "/openings/{opening_id}/proposals",
    response={200: list[QueuePerson], **RESPONSES},
    summary="The best-ranked eligible people for an opening",
)
def proposals(request: HttpRequest, opening_id: int) -> Any:
    opening = selectors.opening_for_user(request.user, opening_id)
    entries = selectors.proposals(request.user, opening)
    _audit_shown(request, "ce_opening", [e.client_id for e in entries], opening=opening.pk)
    return [_person(e, i + 1) for i, e in enumerate(entries)]


@router.post(
    "/openings/{opening_id}/referrals",
    response={201: Referral, **RESPONSES},
    summary="Refer a person on the queue to an opening (a HUD 4.20 event)",
)
def refer(request: HttpRequest, opening_id: int, body: ReferRequest) -> Any:
    opening = selectors.opening_for_user(request.user, opening_id)
    entry = selectors.queue_entry_for_user(request.user, body.entry_id)
    if entry is None:
        raise HttpError(400, "entry_id: this person is not on the queue.")
    try:
        referral = services.refer(actor=request.user, opening=opening, entry=entry, note=body.note)
    except ValidationError as exc:
        raise _refused(exc) from None
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    return Status(201, _referral(referral, True))


@router.get("/referrals", response={200: list[Referral], **RESPONSES}, summary="Referrals to my programs")
def referrals(request: HttpRequest, status: str = "pending") -> Any:
    if status not in ("pending", "accepted", "declined"):
        raise HttpError(400, "status: choose pending, accepted or declined.")
    found = list(selectors.referrals_for_receiver(request.user, status=status)[:200])
    visible = selectors.visible_client_ids(request.user, [r.entry.client_id for r in found])
    _audit_shown(request, "ce_referrals", sorted(visible), status=status)
    return [_referral(r, r.entry.client_id in visible) for r in found]


def _answer(request: HttpRequest, referral_id: int, action: Any) -> Any:
    referral = selectors.referral_for_user(request.user, referral_id)
    if not (referral.receiver and selectors.may_manage_opening(request.user, referral.opening)):  # type: ignore[attr-defined]
        raise HttpError(403, "Only the receiving program answers a referral.")
    try:
        answered = action(referral)
    except ValidationError as exc:
        raise _refused(exc) from None
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    return _referral(answered, referral.visible)  # type: ignore[attr-defined]


@router.post(
    "/referrals/{referral_id}/accept",
    response={200: Referral, **RESPONSES},
    summary="Accept a referral: the opening is filled and the person enrolled",
)
def accept(request: HttpRequest, referral_id: int, body: AcceptRequest) -> Any:
    return _answer(
        request, referral_id,
        lambda r: services.accept(actor=request.user, referral=r, entry_date=body.entry_date, note=body.note),
    )  # fmt: skip


@router.post(
    "/referrals/{referral_id}/decline",
    response={200: Referral, **RESPONSES},
    summary="Decline a referral with HUD's reason; the person waits on the queue again",
)
def decline(request: HttpRequest, referral_id: int, body: DeclineRequest) -> Any:
    return _answer(
        request,
        referral_id,
        lambda r: services.decline(actor=request.user, referral=r, reason=body.reason, note=body.note),
    )
