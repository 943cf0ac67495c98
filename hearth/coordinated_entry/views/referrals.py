"""Referrals as the receiving program sees them: the inbox of pending referrals to its openings,
and a referral's page, where it is accepted (the person is enrolled) or declined with HUD's reason
(the person waits on the queue again)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hearth.coordinated_entry import selectors, services
from hearth.coordinated_entry.forms import AcceptForm, DeclineForm
from hearth.coordinated_entry.models import ReferralStatus
from hearth.coordinated_entry.views.common import show_service_errors
from hearth.core import clock
from hearth.enrollments.views.common import audit_view

NOT_SHARED = (
    "Your agency may not see this person's record: no release of information covers it. Ask the "
    "matcher to record one before you accept."
)


def referral_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ReferralStatus.PENDING)
    if status not in ReferralStatus.values:
        status = ReferralStatus.PENDING
    referrals = list(selectors.referrals_for_receiver(request.user, status=status)[:200])
    visible = selectors.visible_client_ids(request.user, [r.entry.client_id for r in referrals])
    for referral in referrals:
        referral.visible = referral.entry.client_id in visible  # type: ignore[attr-defined]
    audit_view(
        request, None, client_id=None, what="ce_referrals", status=status,
        client_ids=sorted(visible),
    )  # fmt: skip
    return render(
        request,
        "coordinated_entry/referral_list.html",
        {"referrals": referrals, "status": status, "statuses": ReferralStatus.choices},
    )


def _referral_page(
    request: HttpRequest, referral: Any, *, accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
) -> HttpResponse:  # fmt: skip
    audit_view(request, referral, client_id=referral.entry.client_id, what="ce_referral")
    today = clock.local_today()
    failed = bool((accept_form and accept_form.errors) or (decline_form and decline_form.errors))
    return render(
        request,
        "coordinated_entry/referral.html",
        {
            "referral": referral,
            "entry": referral.entry,
            "opening": referral.opening,
            "pending": referral.status == ReferralStatus.PENDING,
            "may_answer": referral.receiver and selectors.may_manage_opening(request.user, referral.opening),
            "accept_form": accept_form or AcceptForm(initial={"entry_date": today}),
            "decline_form": decline_form or DeclineForm(),
            "not_shared": NOT_SHARED,
        },
        status=400 if failed else 200,
    )


def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _referral_page(request, selectors.referral_for_user(request.user, referral_id))


@require_POST
def referral_accept(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_for_user(request.user, referral_id)
    form = AcceptForm(request.POST)
    if form.is_valid():
        if not referral.visible:  # type: ignore[attr-defined]
            form.add_error(None, NOT_SHARED)
        else:
            try:
                accepted = services.accept(
                    actor=request.user,
                    referral=referral,
                    entry_date=form.cleaned_data["entry_date"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                show_service_errors(form, exc, labels={"opening": "Opening", "referral": "Referral"})
            else:
                messages.success(
                    request, "Referral accepted and the person enrolled. Complete the project start below."
                )
                return redirect("enrollments:assessment", pk=accepted.enrollment_id, stage_slug="start")
    return _referral_page(request, referral, accept_form=form)


@require_POST
def referral_decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_for_user(request.user, referral_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.decline(
                actor=request.user,
                referral=referral,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            show_service_errors(form, exc, labels={"referral": "Referral"})
        else:
            messages.success(request, "Referral declined. The person is back on the community queue.")
            return redirect("coordinated_entry:referrals")
    return _referral_page(request, referral, decline_form=form)
