"""The requester's side of HMIS Support. Reachable without signing in: people locked out of their
account are the desk's main users. Access to a ticket comes from being signed in as its requester,
or from a verified email in the session (set by following a link emailed to that address)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.core.middleware import public
from hearth.support import services
from hearth.support.forms import FollowForm, ReplyForm, TicketForm
from hearth.support.models import Category, Ticket
from hearth.support.selectors import REQUESTER_SESSION_KEY, ticket_for_requester, tickets_for_requester


@public
@require_http_methods(["GET", "POST"])
def ticket_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    initial: dict[str, Any] = {}
    category = request.GET.get("category", "")
    if category in Category.values:
        initial["category"] = category
    if user.is_authenticated:
        initial.update(
            first_name=user.first_name, last_name=user.last_name, email=user.email, username=user.username
        )
    form = TicketForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = services.ticket_open(requester=user, base_url=request.build_absolute_uri("/"), **data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if ticket.verified_at is not None:
                messages.success(request, f"Ticket {ticket.reference} sent to HMIS Support.")
                return HttpResponseRedirect(reverse("support:ticket_detail", args=[ticket.pk]))
            return render(
                request,
                "support/ticket_check_email.html",
                {"email": ticket.requester_email, "ticket": ticket},
            )
    return render(request, "support/ticket_new.html", {"form": form})


@public
def requester_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every email to a requester: proves the address, then shows the ticket."""
    found = services.read_requester_token(token)
    if found is None:
        return render(request, "support/link_expired.html", status=400)
    email, ticket_id = found
    request.session[REQUESTER_SESSION_KEY] = email
    if ticket_id is None:
        return HttpResponseRedirect(reverse("support:my_tickets"))
    ticket = Ticket.objects.filter(pk=ticket_id, requester_email=email).first()
    if ticket is None:
        raise Http404("No such ticket.")
    try:
        if services.ticket_verify(ticket=ticket, email=email, base_url=request.build_absolute_uri("/")):
            messages.success(request, f"Thank you: ticket {ticket.reference} is now with HMIS Support.")
    except PermissionDenied:
        raise Http404("No such ticket.") from None
    return HttpResponseRedirect(reverse("support:ticket_detail", args=[ticket.pk]))


@public
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """Ask for a link to one's tickets. Same answer whether or not the address has tickets."""
    form = FollowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        services.send_follow_link(email, request.build_absolute_uri("/"))
        return render(request, "support/follow_sent.html", {"email": email})
    return render(request, "support/follow.html", {"form": form})


@public
def my_tickets(request: HttpRequest) -> HttpResponse:
    tickets = tickets_for_requester(request).order_by("-updated_at")
    verified = request.user.is_authenticated or REQUESTER_SESSION_KEY in request.session
    return render(request, "support/my_tickets.html", {"tickets": tickets, "verified": verified})


@public
@require_http_methods(["GET", "POST"])
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = ticket_for_requester(request, pk)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ticket_reply(
                ticket=ticket,
                body=form.cleaned_data["body"],
                author=request.user,
                from_support=False,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Reply sent.")
            return HttpResponseRedirect(reverse("support:ticket_detail", args=[ticket.pk]))
    context = {
        "ticket": ticket,
        "thread": ticket.messages.filter(internal=False).select_related("author"),
        "actions": ticket.actions.exclude(kind__in=["status", "assign"]),
        "form": form,
    }
    return render(request, "support/ticket_detail.html", context)
