"""The duplicate review queue, the merge preview and merge history (HMIS administrators only)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.access import clients_for_user
from hearth.clients.completeness import rank_for_dominance
from hearth.clients.duplicates import AUTO_LINK_THRESHOLD
from hearth.clients.merge import client_merge, client_unmerge, merge_edit_token
from hearth.clients.merge_enrollments import preview_consolidations
from hearth.clients.merge_plan import GROUP_KEYS, plan_profile
from hearth.clients.models import Client, ClientMerge, DuplicatePair
from hearth.clients.references import references_to
from hearth.clients.review import duplicate_set, pair_decide
from hearth.clients.services import client_viewed
from hearth.clients.views.common import client_ip, require_hmis_admin
from hearth.core.concurrency import StaleEdit

STATUS_FILTERS = {s.value: s.label for s in DuplicatePair.Status}


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    require_hmis_admin(request)
    status = request.GET.get("status", DuplicatePair.Status.OPEN)
    if status not in STATUS_FILTERS:
        status = DuplicatePair.Status.OPEN
    pairs = DuplicatePair.objects.filter(status=status).select_related("client_a", "client_b")
    page = Paginator(pairs.order_by("-match_probability", "id"), 50).get_page(request.GET.get("page"))
    shown = sorted({pk for pair in page.object_list for pk in (pair.client_a_id, pair.client_b_id)})
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.VIEW,
            ip_address=client_ip(request),
            detail={"page": "duplicate_queue", "shown": shown},
        )
    return render(
        request,
        "clients/duplicates.html",
        {"page": page, "status": status, "statuses": STATUS_FILTERS, "auto_link": AUTO_LINK_THRESHOLD},
    )


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    require_hmis_admin(request)
    pair = get_object_or_404(DuplicatePair, pk=pk)
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        try:
            pair_decide(actor=request.user, pair=pair, decision=decision, ip_address=client_ip(request))
        except (ValueError, PermissionDenied) as exc:
            messages.error(request, str(exc))
            return redirect("clients:duplicate_review", pk=pair.pk)
        messages.success(request, f"Marked: {DuplicatePair.Status(decision).label.lower()}.")
        return redirect("clients:duplicates")
    records = duplicate_set(pair)
    ranked = rank_for_dominance(records)
    with transaction.atomic():
        for record in records:
            client_viewed(
                actor=request.user, client=record, ip_address=client_ip(request), what="duplicate_review"
            )
    return render(
        request,
        "clients/duplicate_review.html",
        {"pair": pair, "ranked": ranked, "auto_link": AUTO_LINK_THRESHOLD},
    )


def _merge_request(request: HttpRequest) -> tuple[Client, list[Client], dict[str, int]]:
    try:
        dominant_id = int(request.POST.get("dominant", ""))
        other_ids = sorted({int(v) for v in request.POST.getlist("records")} - {dominant_id})
    except ValueError:
        raise Http404("No such records.") from None
    clients = clients_for_user(request.user).in_bulk([dominant_id, *other_ids])
    if dominant_id not in clients or not other_ids or any(pk not in clients for pk in other_ids):
        raise ValidationError("Choose the dominant record and at least one other live record to merge.")
    choices: dict[str, int] = {}
    for key in GROUP_KEYS:
        value = request.POST.get(f"keep_{key}")
        if value and value.isdigit() and int(value) in clients:
            choices[key] = int(value)
    return clients[dominant_id], [clients[pk] for pk in other_ids], choices


def _rows_to_move(others: list[Client]) -> list[tuple[str, int]]:
    counts = []
    ids = [c.pk for c in others]
    for ref in references_to(Client):
        n = ref.model._base_manager.filter(**{f"{ref.field.attname}__in": ids}).count()
        if n:
            counts.append((str(ref.model._meta.verbose_name_plural), n))
    return counts


@require_POST
def merge_preview(request: HttpRequest) -> HttpResponse:
    require_hmis_admin(request)
    try:
        dominant, others, choices = _merge_request(request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(request.POST.get("back") or "clients:duplicates")
    if request.POST.get("confirm") == "yes":
        try:
            merge = client_merge(
                actor=request.user,
                dominant=dominant,
                others=others,
                choices=choices,
                reference=request.POST.get("reference", "").strip(),
                ip_address=client_ip(request),
                edit_token=request.POST.get("edit_token") or "",
            )
        except StaleEdit as exc:
            # A record was saved after the preview: show the preview again with today's values.
            messages.error(request, str(exc))
            dominant.refresh_from_db()
            for other in others:
                other.refresh_from_db()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("clients:duplicates")
        else:
            messages.success(
                request,
                f"{len(others) + 1} records merged (merge #{merge.pk}). It can be undone from the merge history.",
            )
            return redirect("clients:profile", pk=dominant.pk)
    plans = plan_profile(dominant, others, choices)
    ranked = rank_for_dominance([dominant, *others])
    with transaction.atomic():
        for record in [dominant, *others]:
            client_viewed(
                actor=request.user, client=record, ip_address=client_ip(request), what="merge_preview"
            )
    context: dict[str, Any] = {
        "dominant": dominant,
        "others": others,
        "records": [dominant, *others],
        "plans": plans,
        "ranked": ranked,
        "moves": _rows_to_move(others),
        "consolidations": preview_consolidations([dominant.pk, *[o.pk for o in others]]),
        "reference": request.POST.get("reference", ""),
        "back": request.POST.get("back", ""),
        "edit_token": merge_edit_token(dominant, others),
    }
    return render(request, "clients/merge_preview.html", context)


@require_GET
def merges(request: HttpRequest) -> HttpResponse:
    require_hmis_admin(request)
    page = Paginator(ClientMerge.objects.select_related("performed_by", "undone_by"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "clients/merges.html", {"page": page})


@require_http_methods(["GET", "POST"])
def merge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_hmis_admin(request)
    merge = get_object_or_404(ClientMerge, pk=pk)
    if request.method == "POST":
        try:
            client_unmerge(actor=request.user, merge=merge, ip_address=client_ip(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("clients:merge_detail", pk=merge.pk)
        messages.success(request, f"Merge #{merge.pk} was undone: the records are separate again.")
        return redirect("clients:profile", pk=merge.dominant_id)
    return render(request, "clients/merge_detail.html", {"merge": merge})
