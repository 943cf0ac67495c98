"""Client-level case pages: programs, notes, the global household and releases of information."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.access import clients_for_user
from hearth.core.concurrency import StaleEdit
from hearth.enrollments import services
from hearth.enrollments.forms.casework import GlobalHeadForm, GlobalMemberForm, NoteForm, RoiForm
from hearth.enrollments.forms.common import error_dict
from hearth.enrollments.models import GlobalHouseholdMember, ReleaseOfInformation
from hearth.enrollments.panel import global_household_rows, notes_for
from hearth.enrollments.uploads import limit_upload_size, refuse_if_too_large
from hearth.enrollments.views.common import audit_view, ip_of, load_client, posted, require_editor, uploaded
from hearth.projects.models import Organization


def client_programs(request: HttpRequest, client_id: int) -> HttpResponse:
    """The programs panel on a page of its own (the client record includes the same panel)."""
    client = load_client(request, client_id)
    audit_view(request, client, client_id=client.pk, page="programs")
    return render(request, "enrollments/client_programs.html", {"client": client})


@require_http_methods(["GET", "POST"])
def client_notes(request: HttpRequest, client_id: int) -> HttpResponse:
    """Every note on the client the user may read, program notes included; add a client note."""
    client = load_client(request, client_id)
    form = NoteForm(posted(request))
    if request.method == "POST":
        require_editor(request)
        if form.is_valid():
            try:
                services.note_add(
                    actor=request.user,
                    client=client,
                    body=form.cleaned_data["body"],
                    confidential=form.cleaned_data["confidential"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Note added.")
                return redirect("enrollments:client_notes", client_id=client.pk)
    audit_view(request, client, client_id=client.pk, page="notes")
    return render(
        request,
        "enrollments/client_notes.html",
        {"client": client, "notes": notes_for(request.user, client), "form": form},
    )


SEARCH = "search"


def is_member_search(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("action") == SEARCH


def member_search(request: HttpRequest, exclude_ids: set[int]) -> tuple[str, list]:
    """(query, clients) of a household member search by name, among the clients the user may see.

    The name comes in a POST body, never in the URL (URLs reach access logs), and the search is
    audited as the client search is: which fields were used and which records were shown.
    """
    if not is_member_search(request):
        return "", []
    query = (request.POST.get("q") or "").strip()[:200]
    if len(query) < 2:
        return query, []
    qs = clients_for_user(request.user)
    for part in query.split()[:3]:
        qs = qs.filter(Q(first_name__icontains=part) | Q(last_name__icontains=part))
    found = list(qs.exclude(pk__in=exclude_ids).order_by("last_name", "first_name")[:20])
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action=AuditEvent.Action.SEARCH,
            ip_address=ip_of(request),
            detail={"via": "household member search", "fields": ["name"], "shown": [c.pk for c in found]},
        )
    return query, found


@require_http_methods(["GET", "POST"])
def global_household(request: HttpRequest, client_id: int) -> HttpResponse:
    """The client's global household: who they live with, the head and each member's relationship."""
    client = load_client(request, client_id)
    membership = GlobalHouseholdMember.objects.filter(client=client).select_related("household").first()
    if request.method == "POST":
        require_editor(request)
    if request.method == "POST" and not is_member_search(request):
        action = request.POST.get("action")
        try:
            if action == "create" and membership is None:
                services.global_household_create(actor=request.user, head=client)
                messages.success(request, "Household started with this client as head.")
            elif action == "add" and membership is not None:
                other = load_client(request, int(request.POST.get("client", "0") or 0), for_edit=True)
                form = GlobalMemberForm(request.POST)
                if not form.is_valid():
                    raise ValidationError("Choose the new member's relationship to the head.")
                services.global_member_add(
                    actor=request.user,
                    household=membership.household,
                    client=other,
                    relationship=form.cleaned_data["relationship"],
                )
                messages.success(request, "Member added to the household.")
            else:
                raise ValidationError("Nothing to do.")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("enrollments:global_household", client_id=client.pk)
    in_household = (
        set(membership.household.members.values_list("client_id", flat=True)) if membership else set()
    )
    query, candidates = member_search(request, in_household | {client.pk}) if membership else ("", [])
    audit_view(request, client, client_id=client.pk, page="household")
    return render(
        request,
        "enrollments/global_household.html",
        {
            "client": client,
            "membership": membership,
            "rows": global_household_rows(request.user, client),
            "candidates": candidates,
            "query": query,
            "member_form": GlobalMemberForm(),
            "head_form": GlobalHeadForm(),
            "edit_token": services.global_household_edit_token(membership.household_id) if membership else "",
        },
    )


@require_POST
def global_member_change(request: HttpRequest, client_id: int, member_id: int) -> HttpResponse:
    """Change a member's relationship, make them head, or take them out of the household."""
    client = load_client(request, client_id)
    require_editor(request)
    membership = get_object_or_404(GlobalHouseholdMember, client=client)
    member = get_object_or_404(GlobalHouseholdMember, pk=member_id, household_id=membership.household_id)
    # The member may be a client the user cannot see: changing them needs access to them too.
    load_client(request, member.client_id, for_edit=True)
    action = request.POST.get("action")
    # Every form on the household page carries the household as it was drawn (core.concurrency).
    token = request.POST.get("edit_token") or ""
    try:
        if action == "relationship":
            form = GlobalMemberForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Choose a relationship.")
            services.global_member_update(
                actor=request.user,
                member=member,
                relationship=form.cleaned_data["relationship"],
                edit_token=token,
            )
            messages.success(request, "Relationship changed.")
        elif action == "head":
            head_form = GlobalHeadForm(request.POST)
            if not head_form.is_valid():
                raise ValidationError("Choose the current head's relationship to the new head.")
            services.global_head_set(
                actor=request.user,
                member=member,
                former_head_relationship=head_form.cleaned_data["former_head_relationship"],
                edit_token=token,
            )
            messages.success(request, "Head of household changed.")
        elif action == "remove":
            services.global_member_remove(actor=request.user, member=member, edit_token=token)
            messages.success(request, "Member taken out of the household.")
            if member.client_id == client.pk:
                return redirect("enrollments:global_household", client_id=client.pk)
        else:
            raise ValidationError("Nothing to do.")
    except StaleEdit as exc:
        # Post/redirect/get: the message shows on the household as it is now.
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("enrollments:global_household", client_id=client.pk)


def _roi_organizations(request: HttpRequest):  # type: ignore[no-untyped-def]
    qs = Organization.objects.order_by("organization_name")
    user: Any = request.user
    if user.organization_id:
        qs = qs.exclude(pk=user.organization_id)
    return qs


@limit_upload_size
@require_http_methods(["GET", "POST"])
def roi_new(request: HttpRequest, client_id: int) -> HttpResponse:
    """Record a release of information collected on paper or verbally."""
    from django.conf import settings

    client = load_client(request, client_id, for_edit=True)
    coc = settings.HEARTH_COC_CODE.split(",")[0].strip()
    form = RoiForm(
        posted(request), uploaded(request), organizations=_roi_organizations(request), coc_code=coc
    )
    if request.method == "POST" and not refuse_if_too_large(request, form, "document") and form.is_valid():
        data = form.cleaned_data
        document = None
        try:
            with transaction.atomic():
                if data.get("document"):
                    document = services.file_upload(
                        actor=request.user,
                        client=client,
                        upload=data["document"],
                        description="Release of information",
                    )
                services.roi_create(
                    actor=request.user,
                    client=client,
                    data=services.RoiInput(
                        permission=data["permission"],
                        start_date=data["start_date"],
                        end_date=data["end_date"],
                        documentation=data["documentation"],
                        coc_code=coc if data["share_with_coc"] else "",
                        organizations=list(data["organizations"]),
                        documentation_note=data.get("documentation_note") or "",
                        file=document,
                    ),
                )
        except ValidationError as exc:
            if document is not None:
                document.file.delete(save=False)  # the upload rolled back with the release
            for name, problems in error_dict(exc).items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, "Release of information recorded.")
            return redirect(reverse("enrollments:client_programs", args=[client.pk]) + "#releases")
    return render(request, "enrollments/roi_form.html", {"client": client, "form": form})


@require_POST
def roi_revoke(request: HttpRequest, client_id: int, roi_id: int) -> HttpResponse:
    client = load_client(request, client_id, for_edit=True)
    roi = get_object_or_404(ReleaseOfInformation, pk=roi_id, client=client)
    services.roi_revoke(actor=request.user, roi=roi)
    messages.success(request, "The release was revoked: sharing under it has stopped.")
    return redirect(reverse("enrollments:client_programs", args=[client.pk]) + "#releases")
