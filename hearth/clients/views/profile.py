"""The client record (/clients/<pk>/) and its edit page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hearth.clients import ssn
from hearth.clients.access import can_edit_clients, client_for_user
from hearth.clients.completeness import completeness
from hearth.clients.forms import EARLIEST_PLAUSIBLE_DOB, RACE_LABELS, AliasFormSet, ClientForm, ContactFormSet
from hearth.clients.models import Client, ClientAlias, ClientContact, ClientMerge, DuplicatePair
from hearth.clients.services import (
    alias_delete,
    alias_save,
    client_update,
    client_viewed,
    contact_delete,
    contact_save,
    profile_edit_token,
)
from hearth.clients.views.common import client_ip
from hearth.core.concurrency import StaleEdit


def _merged_target(pk: int) -> int | None:
    """The live record a merged-away record now lives in, if any."""
    current = Client.all_objects.filter(pk=pk).values_list("merged_into_id", flat=True).first()
    for _ in range(6):
        if current is None:
            return None
        row = Client.all_objects.filter(pk=current).values_list("merged_into_id", "date_deleted").first()
        if row is None:
            return None
        if row[0] is None:
            return current if row[1] is None else None
        current = row[0]
    return None


def _flags(client: Client) -> list[str]:
    found = [f"SSN: {p}" for p in ssn.problems(client.ssn)]
    if client.dob and client.dob < EARLIEST_PLAUSIBLE_DOB:
        found.append("Date of birth is before 1915.")
    if client.dob and client.date_created and client.dob > client.date_created.date():
        found.append("Date of birth is after the record was created.")
    return found


@require_GET
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        client = client_for_user(request.user, pk)
    except Http404:
        target = _merged_target(pk)
        if target is None:
            raise
        client_for_user(request.user, target)  # 404 unless the user may see where it went
        messages.info(request, "That record was merged into this one.")
        return redirect("clients:profile", pk=target)
    client_viewed(actor=request.user, client=client, ip_address=client_ip(request))
    user: Any = request.user
    context: dict[str, Any] = {
        "client": client,
        "ssn_masked": ssn.masked(client.ssn),
        "races": [label for name, label in RACE_LABELS.items() if getattr(client, name) == 1],
        "flags": _flags(client),
        "aliases": ClientAlias.objects.filter(client=client),
        "contacts": ClientContact.objects.filter(client=client),
        "can_edit": can_edit_clients(user),
        "completeness": completeness(client),
    }
    if user.is_hmis_admin:
        context["open_pairs"] = DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).filter(
            client_a=client
        ) | DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN, client_b=client)
        context["merges"] = ClientMerge.objects.filter(dominant=client)
    return render(request, "clients/profile.html", context)


def _save_aliases(request: HttpRequest, client: Client, formset: Any) -> None:
    ip = client_ip(request)
    for form in formset.forms:
        existing = form.instance if form.instance.pk else None
        if form in formset.deleted_forms:
            if existing is not None:
                alias_delete(actor=request.user, alias=existing, ip_address=ip)
        elif form.has_changed():
            alias_save(
                actor=request.user, client=client, alias=existing, data=form.cleaned_data, ip_address=ip
            )


def _save_contacts(request: HttpRequest, client: Client, formset: Any) -> None:
    ip = client_ip(request)
    for form in formset.forms:
        existing = form.instance if form.instance.pk else None
        if form in formset.deleted_forms:
            if existing is not None:
                contact_delete(actor=request.user, contact=existing, ip_address=ip)
        elif form.has_changed():
            contact_save(
                actor=request.user, client=client, contact=existing, data=form.cleaned_data, ip_address=ip
            )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    client = client_for_user(request.user, pk, for_edit=True)
    if request.method == "POST":
        form = ClientForm(request.POST, instance=client)
        aliases = AliasFormSet(request.POST, instance=client, prefix="aliases")
        contacts = ContactFormSet(request.POST, instance=client, prefix="contacts")
        token = request.POST.get("edit_token") or ""
        if form.is_valid() and aliases.is_valid() and contacts.is_valid():
            try:
                with transaction.atomic():
                    changed = client_update(
                        actor=request.user,
                        client=client,
                        data=form.profile_data(),
                        ip_address=client_ip(request),
                        edit_token=token,
                    )
                    _save_aliases(request, client, aliases)
                    _save_contacts(request, client, contacts)
            except StaleEdit as stale:
                client.refresh_from_db()
                form.add_error(None, str(stale))
                return _edit_page(request, client, form, aliases, contacts, status=409)
            for warning in form.warnings:
                messages.warning(request, warning)
            messages.success(
                request,
                "Saved."
                if changed or aliases.has_changed() or contacts.has_changed()
                else "Nothing changed.",
            )
            return redirect("clients:profile", pk=client.pk)
    else:
        client_viewed(actor=request.user, client=client, ip_address=client_ip(request), what="edit")
        form = ClientForm(instance=client)
        aliases = AliasFormSet(instance=client, prefix="aliases")
        contacts = ContactFormSet(instance=client, prefix="contacts")
    return _edit_page(request, client, form, aliases, contacts)


def _edit_page(
    request: HttpRequest, client: Client, form: Any, aliases: Any, contacts: Any, *, status: int = 200
) -> HttpResponse:
    # The token is made from the record as it is now, so a refused save can be repeated knowingly.
    context = {
        "client": client,
        "form": form,
        "aliases": aliases,
        "contacts": contacts,
        "edit_token": profile_edit_token(client),
    }
    return render(request, "clients/edit.html", context, status=status)
