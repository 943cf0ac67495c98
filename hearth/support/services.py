"""Writes of the HMIS Support desk: tickets, replies, statuses, and the account actions Support takes
from a ticket (each recorded on the ticket and in the audit trail, in one transaction).

Notification emails never carry message text, names of clients, or passwords: they say what
happened and link to the ticket, which the reader opens after proving who they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from hearth.accounts import roles
from hearth.accounts.links import absolute
from hearth.accounts.models import AccountRequest, Role, User
from hearth.accounts.services import lifecycle
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock
from hearth.core.concurrency import check_fresh
from hearth.projects.models import Organization
from hearth.support.models import Category, Status, Ticket, TicketAction, TicketMessage

LINK_SALT = "hearth.support.requester"


def link_max_age() -> int:
    return int(getattr(settings, "SUPPORT_LINK_HOURS", 72)) * 3600


def requester_token(email: str, ticket_id: int | None = None) -> str:
    return signing.dumps({"e": email.lower(), "t": ticket_id}, salt=LINK_SALT, compress=True)


def read_requester_token(token: str) -> tuple[str, int | None] | None:
    """(email, ticket id) from an emailed link, or None if forged or expired."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=link_max_age())
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or "e" not in data:
        return None
    return str(data["e"]), data.get("t")


def requester_link(ticket: Ticket, base_url: str | None = None) -> str:
    path = reverse("support:requester_link", args=[requester_token(ticket.requester_email, ticket.pk)])
    return absolute(path, base_url)


def _mail(to: list[str], subject: str, template: str, context: dict[str, Any]) -> None:
    to = [address for address in to if address]
    if not to:
        return
    body = render_to_string(
        f"support/email/{template}.txt", {"system_name": settings.HEARTH_SYSTEM_NAME, **context}
    )
    send_mail(f"[{settings.HEARTH_SYSTEM_NAME} HMIS Support] {subject}", body, None, to)


def send_follow_link(email: str, base_url: str | None = None) -> None:
    """Email a link to all of an address's tickets (only if it has any; the page says the same either way)."""
    email = email.lower()
    if not Ticket.objects.filter(requester_email=email).exists():
        return
    link = absolute(reverse("support:requester_link", args=[requester_token(email)]), base_url)
    _mail([email], "Your tickets", "follow", {"link": link, "hours": link_max_age() // 3600})


def _desk_link(ticket: Ticket, base_url: str | None) -> str:
    return absolute(reverse("support:desk_ticket", args=[ticket.pk]), base_url)


def _notify_support(ticket: Ticket, what: str, base_url: str | None) -> None:
    to = (
        [ticket.assigned_to.email]
        if ticket.assigned_to and ticket.assigned_to.email
        else [settings.HEARTH_SUPPORT_EMAIL]
    )
    _mail(
        to,
        f"{ticket.reference} {what}",
        "to_support",
        {
            "ticket": ticket,
            "what": what,
            "link": _desk_link(ticket, base_url),
            "client_links": client_links(ticket, base_url),
        },
    )


def _notify_requester(ticket: Ticket, what: str, base_url: str | None) -> None:
    _mail(
        [ticket.requester_email],
        f"{ticket.reference} {what}",
        "to_requester",
        {"ticket": ticket, "what": what, "link": requester_link(ticket, base_url)},
    )


def client_links(ticket: Ticket, base_url: str | None = None) -> list[str]:
    """Links to the duplicate records by Hearth client number only (never names)."""
    return [
        absolute(reverse("clients:profile", args=[client_id]), base_url) for client_id in ticket.client_ids()
    ]


def match_account(ticket: Ticket) -> User | None:
    """The account a ticket is about: by username, else by the requester's verified email."""
    if ticket.username:
        user = User.objects.filter(username__iexact=ticket.username.strip()).order_by("-date_joined").first()
        if user is not None:
            return user
    return (
        User.objects.filter(
            Q(email__iexact=ticket.requester_email) | Q(academy_email__iexact=ticket.requester_email)
        )
        .order_by("closed_at", "-date_joined")
        .first()
    )


def _action(
    ticket: Ticket, kind: str, actor: Any, now: dt.datetime, target: User | None = None, **detail: Any
) -> TicketAction:
    return TicketAction.objects.create(
        ticket=ticket,
        kind=kind,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        target_user=target,
        at=now,
        detail=detail,
    )


def _expedite(ticket: Ticket, now: dt.datetime) -> None:
    if ticket.category != Category.NEW_ACCOUNT or not ticket.academy_email:
        return
    updated = AccountRequest.objects.filter(
        academy_email__iexact=ticket.academy_email, status=AccountRequest.Status.PENDING, expedite=False
    ).update(expedite=True)
    if updated:
        _action(ticket, TicketAction.Kind.EXPEDITE, None, now)


def ticket_open(
    *,
    category: str,
    subject: str,
    body: str,
    first_name: str,
    last_name: str,
    email: str,
    requester: Any = None,
    username: str = "",
    academy_email: str = "",
    agency_name: str = "",
    client_identifiers: str = "",
    base_url: str | None = None,
    clock_: clock.Clock | None = None,
) -> Ticket:
    """Open a ticket. Signed in with the same email: verified at once; otherwise a link is emailed."""
    now = clock.now(clock_)
    signed_in = requester if getattr(requester, "is_authenticated", False) else None
    email = email.strip().lower()
    verified = signed_in is not None and (signed_in.email or "").lower() == email
    with transaction.atomic():
        ticket = Ticket(
            category=category,
            subject=subject.strip(),
            requester_email=email,
            requester_first_name=first_name.strip(),
            requester_last_name=last_name.strip(),
            requester=signed_in,
            username=username.strip(),
            academy_email=academy_email.strip().lower(),
            agency_name=agency_name.strip(),
            client_identifiers=client_identifiers.strip(),
            created_at=now,
            updated_at=now,
            verified_at=now if verified else None,
        )
        ticket.full_clean()
        ticket.save()
        ticket.account = match_account(ticket)
        ticket.save(update_fields=["account"])
        TicketMessage.objects.create(ticket=ticket, author=signed_in, body=body.strip(), created_at=now)
        if verified:
            _expedite(ticket, now)
        audit_record(
            actor=signed_in,
            action=AuditEvent.Action.CREATE,
            obj=ticket,
            detail={"category": category},
            clock_=clock_,
        )
    if verified:
        _notify_support(ticket, "new ticket", base_url)
        _notify_requester(ticket, "received", base_url)
    else:
        _mail(
            [email],
            "Confirm your email to send your ticket",
            "verify",
            {"ticket": ticket, "link": requester_link(ticket, base_url), "hours": link_max_age() // 3600},
        )
    return ticket


def ticket_verify(
    *, ticket: Ticket, email: str, base_url: str | None = None, clock_: clock.Clock | None = None
) -> bool:
    """The requester followed the emailed link: the ticket enters the queue (once)."""
    if ticket.requester_email != email.lower():
        raise PermissionDenied("This link is for another email address.")
    if ticket.verified_at is not None:
        return False
    now = clock.now(clock_)
    with transaction.atomic():
        ticket.verified_at = now
        ticket.updated_at = now
        ticket.save(update_fields=["verified_at", "updated_at"])
        _expedite(ticket, now)
    _notify_support(ticket, "new ticket", base_url)
    return True


def ticket_reply(
    *,
    ticket: Ticket,
    body: str,
    author: Any,
    from_support: bool,
    internal: bool = False,
    base_url: str | None = None,
    clock_: clock.Clock | None = None,
) -> TicketMessage:
    if not body.strip():
        raise ValidationError({"body": "Write a message."})
    if from_support and not roles.can(author, roles.WORK_SUPPORT_DESK):
        raise PermissionDenied("Only HMIS Support replies as Support.")
    if ticket.status == Status.CLOSED:
        raise ValidationError("This ticket is closed. Open a new ticket.")
    now = clock.now(clock_)
    signed_in = author if getattr(author, "is_authenticated", False) else None
    with transaction.atomic():
        message = TicketMessage.objects.create(
            ticket=ticket,
            author=signed_in,
            from_support=from_support,
            internal=internal and from_support,
            body=body.strip(),
            created_at=now,
        )
        if from_support and not internal and ticket.status == Status.NEW:
            ticket.status = Status.OPEN
        if not from_support and ticket.status in (Status.WAITING, Status.RESOLVED):
            ticket.status = Status.OPEN
            ticket.resolved_at = None
        ticket.updated_at = now
        ticket.save(update_fields=["status", "updated_at", "resolved_at"])
    if from_support and not internal:
        _notify_requester(ticket, "has a reply from HMIS Support", base_url)
    elif not from_support:
        _notify_support(ticket, "has a reply from the requester", base_url)
    return message


def ticket_set_status(
    *,
    ticket: Ticket,
    status: str,
    actor: Any,
    base_url: str | None = None,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> Ticket:
    if not roles.can(actor, roles.WORK_SUPPORT_DESK):
        raise PermissionDenied("Only HMIS Support changes a ticket's status.")
    if status not in Status.values:
        raise ValidationError({"status": "Not a status."})
    now = clock.now(clock_)
    with transaction.atomic():
        # A status chosen on a page drawn before another worker's change is refused.
        check_fresh(ticket, edit_token)
        if status == ticket.status:
            return ticket
        before = ticket.status
        ticket.status = status
        ticket.resolved_at = (
            now if status == Status.RESOLVED else (ticket.resolved_at if status == Status.CLOSED else None)
        )
        ticket.updated_at = now
        ticket.save(update_fields=["status", "resolved_at", "updated_at"])
        _action(ticket, TicketAction.Kind.STATUS, actor, now, before=before, after=status)
    if status in (Status.WAITING, Status.RESOLVED):
        _notify_requester(ticket, "is " + Status(status).label.lower(), base_url)
    return ticket


def ticket_assign(
    *,
    ticket: Ticket,
    assignee: User | None,
    actor: Any,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> Ticket:
    if not roles.can(actor, roles.WORK_SUPPORT_DESK):
        raise PermissionDenied("Only HMIS Support assigns tickets.")
    if assignee is not None and not roles.can(assignee, roles.WORK_SUPPORT_DESK):
        raise ValidationError({"assigned_to": "Tickets go to HMIS Support staff only."})
    now = clock.now(clock_)
    with transaction.atomic():
        check_fresh(ticket, edit_token)
        ticket.assigned_to = assignee
        if ticket.status == Status.NEW:
            ticket.status = Status.OPEN
        ticket.updated_at = now
        ticket.save(update_fields=["assigned_to", "status", "updated_at"])
        _action(
            ticket,
            TicketAction.Kind.ASSIGN,
            actor,
            now,
            target=None,
            assignee=assignee.username if assignee else "",
        )
    return ticket


def ticket_match_account(*, ticket: Ticket, username: str, actor: Any) -> Ticket:
    if not roles.can(actor, roles.WORK_SUPPORT_DESK):
        raise PermissionDenied("Only HMIS Support works tickets.")
    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise ValidationError({"username": "No account with that username."})
    ticket.account = user
    ticket.save(update_fields=["account"])
    return ticket


def _resolve_with_message(ticket: Ticket, actor: Any, text: str, now: dt.datetime) -> None:
    TicketMessage.objects.create(ticket=ticket, author=actor, from_support=True, body=text, created_at=now)
    ticket.status = Status.RESOLVED
    ticket.resolved_at = now
    ticket.updated_at = now
    ticket.save(update_fields=["status", "resolved_at", "updated_at", "account"])


def _require_desk(actor: Any, ticket: Ticket) -> User:
    if not roles.can(actor, roles.WORK_SUPPORT_DESK):
        raise PermissionDenied("Only HMIS Support acts on tickets.")
    if ticket.verified_at is None:
        raise ValidationError("The requester has not confirmed their email address yet.")
    if ticket.account is None:
        raise ValidationError("Match the ticket to an account first.")
    return ticket.account


def ticket_reactivate(
    *, ticket: Ticket, actor: Any, base_url: str | None = None, clock_: clock.Clock | None = None
) -> lifecycle.Reactivation:
    user = _require_desk(actor, ticket)
    now = clock.now(clock_)
    with transaction.atomic():
        result = lifecycle.account_reactivate(user=user, actor=actor, base_url=base_url, clock_=clock_)
        _action(
            ticket,
            TicketAction.Kind.REACTIVATE,
            actor,
            now,
            target=user,
            temporary_password=result.temporary_password is not None,
        )
        text = "We reactivated your account. Sign in today, before midnight, or it becomes inactive again."
        if result.temporary_password:
            text += " HMIS Support will give you a temporary password by phone; you will choose a new one at sign-in."
        _resolve_with_message(ticket, actor, text, now)
    _notify_requester(ticket, "is resolved: account reactivated", base_url)
    return result


def ticket_unlock(
    *, ticket: Ticket, actor: Any, base_url: str | None = None, clock_: clock.Clock | None = None
) -> User:
    user = _require_desk(actor, ticket)
    now = clock.now(clock_)
    with transaction.atomic():
        lifecycle.account_unlock(user=user, actor=actor, base_url=base_url, clock_=clock_)
        _action(ticket, TicketAction.Kind.UNLOCK, actor, now, target=user)
        _resolve_with_message(ticket, actor, "We unlocked your account. You can sign in now.", now)
    _notify_requester(ticket, "is resolved: account unlocked", base_url)
    return user


def ticket_password_reset(
    *, ticket: Ticket, actor: Any, base_url: str | None = None, clock_: clock.Clock | None = None
) -> User:
    user = _require_desk(actor, ticket)
    now = clock.now(clock_)
    with transaction.atomic():
        lifecycle.password_reset_send(user=user, actor=actor, base_url=base_url, clock_=clock_)
        _action(ticket, TicketAction.Kind.PASSWORD_RESET, actor, now, target=user)
        _resolve_with_message(
            ticket, actor, "We emailed a link to choose a new password to the address on your account.", now
        )
    _notify_requester(ticket, "is resolved: password reset link sent", base_url)
    return user


def ticket_issue_account(
    *,
    ticket: Ticket,
    actor: Any,
    organization: Organization | None,
    role: str,
    username: str,
    email: str,
    base_url: str | None = None,
    clock_: clock.Clock | None = None,
) -> User:
    if not roles.can(actor, roles.WORK_SUPPORT_DESK) or not roles.can(actor, roles.MANAGE_ALL_USERS):
        raise PermissionDenied("Only HMIS administrators issue accounts.")
    request = AccountRequest.objects.filter(
        academy_email__iexact=ticket.academy_email or ticket.requester_email,
        status=AccountRequest.Status.PENDING,
    ).first()
    if request is None:
        raise ValidationError(
            "No completed Basic Navigation Training Series is waiting for this academy email; "
            "the account is issued once the academy reports the completion."
        )
    now = clock.now(clock_)
    with transaction.atomic():
        user = lifecycle.account_issue(
            account_request=request,
            organization=organization,
            role=role,
            username=username,
            email=email,
            actor=actor,
            base_url=base_url,
            clock_=clock_,
        )
        ticket.account = user
        _action(ticket, TicketAction.Kind.ISSUE_ACCOUNT, actor, now, target=user, account_request=request.pk)
        _resolve_with_message(
            ticket, actor, "Your account is ready: we emailed a link to choose your password.", now
        )
    _notify_requester(ticket, "is resolved: account issued", base_url)
    return user


def ticket_employer_change(
    *,
    ticket: Ticket,
    actor: Any,
    organization: Organization,
    role: str,
    username: str,
    base_url: str | None = None,
    clock_: clock.Clock | None = None,
) -> User:
    """Close the old account and issue one at the new agency, to the ticket's (new work) email."""
    old = _require_desk(actor, ticket)
    if not roles.can(actor, roles.MANAGE_ALL_USERS):
        raise PermissionDenied("Only HMIS administrators issue accounts.")
    now = clock.now(clock_)
    with transaction.atomic():
        new = lifecycle.employer_change(
            user=old,
            organization=organization,
            role=role,
            username=username,
            email=ticket.requester_email,
            actor=actor,
            base_url=base_url,
            clock_=clock_,
        )
        ticket.account = new
        _action(ticket, TicketAction.Kind.EMPLOYER_CHANGE, actor, now, target=new, old_account=old.pk)
        _resolve_with_message(
            ticket,
            actor,
            "We closed your old account and issued a new one: a link to choose its password is on its way.",
            now,
        )
    _notify_requester(ticket, "is resolved: new account issued", base_url)
    return new


def tickets_autoclose(*, clock_: clock.Clock | None = None) -> int:
    """Resolved tickets nobody answered for SUPPORT_AUTOCLOSE_DAYS are closed."""
    now = clock.now(clock_)
    cutoff = now - dt.timedelta(days=int(getattr(settings, "SUPPORT_AUTOCLOSE_DAYS", 7)))
    return Ticket.objects.filter(status=Status.RESOLVED, resolved_at__lt=cutoff).update(
        status=Status.CLOSED, updated_at=now
    )


def support_staff() -> Any:
    return User.objects.filter(Q(role=Role.HMIS_ADMIN) | Q(is_superuser=True), is_active=True).order_by(
        "username"
    )


# What a desk worker changes on a ticket page, and what an editor changes on a help page.
TICKET_EDIT_FIELDS = ("status", "assigned_to_id")
HELP_EDIT_FIELDS = ("title", "slug", "section", "summary", "body", "position", "published")


def help_article_save(
    *, article: Any, actor: Any, edit_token: str | None = None, clock_: clock.Clock | None = None
) -> Any:
    """Save a help page an administrator edited (the form has filled ``article``'s fields).
    Given the form's ``edit_token``, a page another editor saved since raises StaleEdit."""
    if not roles.can(actor, roles.EDIT_HELP):
        raise PermissionDenied("Only HMIS administrators edit the help centre.")
    with transaction.atomic():
        check_fresh(article, edit_token)
        created = article.pk is None
        article.updated_at = clock.now(clock_)
        article.updated_by = actor
        article.full_clean()
        article.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
            obj=article,
            detail={"slug": article.slug},
            clock_=clock_,
        )
    return article
