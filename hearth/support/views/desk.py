"""The HMIS Support desk: the queue, and a ticket with the actions Support takes from it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hearth.accounts import roles, states
from hearth.accounts.models import AccountRequest
from hearth.accounts.services import lifecycle
from hearth.accounts.services.training import request_status_for
from hearth.accounts.views.training import suggested_username
from hearth.accounts.views.users import temporary_password_page
from hearth.core.concurrency import StaleEdit, edit_token
from hearth.support import services
from hearth.support.forms import (
    AssignForm,
    DeskReplyForm,
    EmployerChangeForm,
    IssueForm,
    MatchAccountForm,
    StatusForm,
)
from hearth.support.models import Category, Status, Ticket
from hearth.support.selectors import desk_tickets


@roles.require(roles.WORK_SUPPORT_DESK)
def desk(request: HttpRequest) -> HttpResponse:
    tickets = desk_tickets(request.user)
    status = request.GET.get("status", "active")
    if status == "active":
        tickets = tickets.exclude(status__in=[Status.RESOLVED, Status.CLOSED])
    elif status in Status.values:
        tickets = tickets.filter(status=status)
    category = request.GET.get("category", "")
    if category in Category.values:
        tickets = tickets.filter(category=category)
    if request.GET.get("mine"):
        tickets = tickets.filter(assigned_to_id=request.user.pk)
    query = request.GET.get("q", "").strip()
    if query:
        number = query.upper().removeprefix("HS-").lstrip("0")
        match = Q(requester_email__icontains=query) | Q(username__icontains=query)
        if number.isdigit():
            match |= Q(pk=int(number))
        tickets = tickets.filter(match)
    page = Paginator(tickets.order_by("-updated_at"), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "category": category,
        "q": query,
        "mine": bool(request.GET.get("mine")),
        "statuses": Status.choices,
        "categories": Category.choices,
    }
    return render(request, "support/desk.html", context)


def _ticket(request: HttpRequest, pk: int) -> Ticket:
    try:
        return desk_tickets(request.user).get(pk=pk)
    except (Ticket.DoesNotExist, ValueError):
        raise Http404("No such ticket.") from None


@roles.require(roles.WORK_SUPPORT_DESK)
def desk_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = _ticket(request, pk)
    account = ticket.account
    state = states.account_state(account) if account else None
    context: dict[str, Any] = {
        "ticket": ticket,
        "thread": ticket.messages.select_related("author"),
        "actions": ticket.actions.select_related("actor", "target_user"),
        "reply_form": DeskReplyForm(),
        "status_form": StatusForm(initial={"status": ticket.status}),
        "assign_form": AssignForm(
            initial={"assigned_to": ticket.assigned_to}, staff=services.support_staff()
        ),
        "match_form": MatchAccountForm(
            initial={"username": account.username if account else ticket.username}
        ),
        "account": account,
        "state": state,
        "state_label": states.state_label(state) if state else "",
        "email_matches": bool(
            account and ticket.requester_email in {account.email.lower(), account.academy_email.lower()}
        ),
        "client_links": [(cid, reverse("clients:profile", args=[cid])) for cid in ticket.client_ids()],
    }
    if account and state == states.AccountState.INACTIVE:
        context["reactivation"] = lifecycle.reactivation_check(account)
    if ticket.category == Category.NEW_ACCOUNT:
        account_request = request_status_for(ticket.academy_email or ticket.requester_email)
        context["account_request"] = account_request
        if account_request and account_request.status == AccountRequest.Status.PENDING:
            context["issue_form"] = IssueForm(
                initial={
                    "organization": account_request.organization,
                    "username": suggested_username(account_request.first_name, account_request.last_name),
                    "email": ticket.requester_email,
                }
            )
    if ticket.category == Category.EMPLOYER_CHANGE and account and not states.is_closed(account):
        context["employer_change"] = lifecycle.employer_change_check(account)
        context["employer_form"] = EmployerChangeForm(
            initial={
                "username": suggested_username(account.first_name, account.last_name),
                "role": account.role,
            }
        )
    context["edit_token"] = edit_token(ticket, services.TICKET_EDIT_FIELDS)
    return render(request, "support/desk_ticket.html", context)


def _form_problems(form: Any) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(map(str, errors))}"
        for name, errors in form.errors.items()
    ]


@roles.require(roles.WORK_SUPPORT_DESK)
@require_POST
def desk_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    ticket = _ticket(request, pk)
    actor: Any = request.user
    base = request.build_absolute_uri("/")
    try:
        if action == "reply":
            reply = DeskReplyForm(request.POST)
            if not reply.is_valid():
                raise ValidationError("Write a reply.")
            services.ticket_reply(
                ticket=ticket,
                body=reply.cleaned_data["body"],
                author=actor,
                from_support=True,
                internal=reply.cleaned_data["internal"],
                base_url=base,
            )
            messages.success(request, "Note saved." if reply.cleaned_data["internal"] else "Reply sent.")
        elif action == "status":
            status_form = StatusForm(request.POST)
            if not status_form.is_valid():
                raise ValidationError("Choose a status.")
            services.ticket_set_status(
                ticket=ticket,
                status=status_form.cleaned_data["status"],
                actor=actor,
                base_url=base,
                edit_token=request.POST.get("edit_token") or "",
            )
            messages.success(request, "Status changed.")
        elif action == "assign":
            assign = AssignForm(request.POST, staff=services.support_staff())
            if not assign.is_valid():
                raise ValidationError("Choose a Support worker.")
            services.ticket_assign(
                ticket=ticket,
                assignee=assign.cleaned_data["assigned_to"],
                actor=actor,
                edit_token=request.POST.get("edit_token") or "",
            )
            messages.success(request, "Assignment saved.")
        elif action == "match":
            match = MatchAccountForm(request.POST)
            if not match.is_valid():
                raise ValidationError("Give a username.")
            services.ticket_match_account(ticket=ticket, username=match.cleaned_data["username"], actor=actor)
            messages.success(request, "Ticket matched to the account.")
        elif action == "reactivate":
            result = services.ticket_reactivate(ticket=ticket, actor=actor, base_url=base)
            if result.temporary_password:
                return temporary_password_page(
                    request,
                    result.user,
                    result.temporary_password,
                    reverse("support:desk_ticket", args=[ticket.pk]),
                )
            messages.success(request, "Account reactivated; the user must sign in before midnight today.")
        elif action == "unlock":
            services.ticket_unlock(ticket=ticket, actor=actor, base_url=base)
            messages.success(request, "Account unlocked.")
        elif action == "reset":
            services.ticket_password_reset(ticket=ticket, actor=actor, base_url=base)
            messages.success(request, "Password reset link emailed to the address on the account.")
        elif action == "issue":
            issue = IssueForm(request.POST)
            if not issue.is_valid():
                raise ValidationError(_form_problems(issue))
            user = services.ticket_issue_account(
                ticket=ticket, actor=actor, base_url=base, **issue.cleaned_data
            )
            messages.success(request, f"Account {user.username} issued; the set-password link was emailed.")
        elif action == "employer_change":
            change = EmployerChangeForm(request.POST)
            if not change.is_valid():
                raise ValidationError(_form_problems(change))
            user = services.ticket_employer_change(
                ticket=ticket, actor=actor, base_url=base, **change.cleaned_data
            )
            messages.success(
                request, f"Old account closed; {user.username} issued and its set-password link emailed."
            )
        else:
            raise Http404("No such action.")
    except StaleEdit as stale:
        messages.error(request, str(stale))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or "Not allowed.")
    return HttpResponseRedirect(reverse("support:desk_ticket", args=[ticket.pk]))
