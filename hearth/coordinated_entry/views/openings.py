"""Housing openings: the list, posting one, and an opening's page with the best-ranked eligible
people on the queue, whom a matcher refers from there."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from hearth.accounts import roles
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.access import can_edit_clients
from hearth.coordinated_entry import selectors, services
from hearth.coordinated_entry.forms import OpeningForm, ReferForm
from hearth.coordinated_entry.models import OpeningStatus
from hearth.coordinated_entry.views.common import show_service_errors
from hearth.enrollments.views.common import ip_of, posted

PROPOSALS = 10


def opening_list(request: HttpRequest) -> HttpResponse:
    openings = selectors.openings_for_user(request.user)
    return render(
        request,
        "coordinated_entry/opening_list.html",
        {"openings": openings, "may_post": can_edit_clients(request.user)},
    )


@require_http_methods(["GET", "POST"])
def opening_new(request: HttpRequest) -> HttpResponse:
    if not can_edit_clients(request.user):
        raise PermissionDenied("Your role may not post openings.")
    form = OpeningForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opening = services.opening_post(
                actor=request.user,
                project=data["project"],
                description=data["description"],
                event_type=data["event_type"],
                household_type=data["household_type"],
                population=data["population"],
                disability_required=data["disability_required"],
                chronic_only=data["chronic_only"],
                min_score=data["min_score"],
            )
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, "Opening posted. The best-ranked eligible people are listed below.")
            return redirect("coordinated_entry:opening", opening_id=opening.pk)
    return render(request, "coordinated_entry/opening_new.html", {"form": form})


def _opening_page(request: HttpRequest, opening_id: int, refer_form: ReferForm | None = None) -> HttpResponse:
    opening = selectors.opening_for_user(request.user, opening_id)
    is_open = opening.status == OpeningStatus.OPEN
    proposals = selectors.proposals(request.user, opening, limit=PROPOSALS) if is_open else []
    history = selectors.referral_history(request.user, opening)
    pending = next((r for r in history if r.status == "pending"), None)
    shown = [e.client_id for e in proposals] + [r.entry.client_id for r in history if r.visible]  # type: ignore[attr-defined]
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.VIEW,
            obj=opening,
            ip_address=ip_of(request),
            detail={"what": "ce_opening", "client_ids": shown},
        )
    return render(
        request,
        "coordinated_entry/opening.html",
        {
            "opening": opening,
            "proposals": proposals,
            "history": history,
            "pending": pending,
            "is_open": is_open,
            "may_refer": is_open and pending is None and roles.can(request.user, roles.MATCH_CE),
            "may_manage": selectors.may_manage_opening(request.user, opening),
            "refer_form": refer_form,
            "rule": selectors.active_rule(),
        },
        status=400 if refer_form is not None and refer_form.errors else 200,
    )


def opening_detail(request: HttpRequest, opening_id: int) -> HttpResponse:
    return _opening_page(request, opening_id)


@require_POST
def opening_refer(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = selectors.opening_for_user(request.user, opening_id)
    form = ReferForm(request.POST)
    if form.is_valid():
        # Only a person the matcher may see can be referred; anyone else is "not on the queue".
        entry = selectors.queue_entry_for_user(request.user, form.cleaned_data["entry"])
        if entry is None:
            form.add_error("entry", "This person is not waiting on the queue.")
        else:
            try:
                services.refer(
                    actor=request.user, opening=opening, entry=entry, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                show_service_errors(
                    form, exc, labels={"entry": "Person", "opening": "Opening", "note": "Note"}
                )
            else:
                messages.success(request, "Referral sent to the program. It waits for their answer.")
                return redirect("coordinated_entry:opening", opening_id=opening.pk)
    return _opening_page(request, opening_id, refer_form=form)


@require_POST
def opening_close(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = selectors.opening_for_user(request.user, opening_id)
    try:
        services.opening_close(actor=request.user, opening=opening)
    except ValidationError as exc:
        for problems in exc.message_dict.values():
            for message in problems:
                messages.error(request, message)
    else:
        messages.success(request, "Opening closed.")
    return redirect("coordinated_entry:opening", opening_id=opening.pk)
