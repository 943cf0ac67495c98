"""Account changes made by HMIS Support and administrators: issue, reactivate, unlock, close,
change role, change employers. Each checks its rule, writes an audit row in the same transaction
and emails the user afterwards (never a password)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.dateformat import format as date_format

from hearth.accounts import conf, emails, roles, states
from hearth.accounts.models import SERIES_TRACKS, AccountRequest, Course, Role, TrainingCompletion, User
from hearth.accounts.passwords import temporary_password
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock
from hearth.core.concurrency import check_fresh
from hearth.projects.models import Organization


@dataclass(frozen=True)
class Reactivation:
    user: User
    deadline: dt.datetime
    # Shown once to the Support worker to read to the user; never stored or emailed.
    temporary_password: str | None = None


def _audit(actor: Any, user: User, change: str, clock_: clock.Clock | None, **detail: Any) -> None:
    audit_record(
        actor=actor,
        action=AuditEvent.Action.ACCOUNT,
        obj=user,
        detail={"change": change, **detail},
        clock_=clock_,
    )


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(clock.coc_zone()).date()


def person_completions(user: User) -> Any:
    """Training completions of the person behind ``user`` (linked, or by academy or work email)."""
    match = Q(user=user)
    for address in {user.academy_email, user.email} - {""}:
        match |= Q(academy_email__iexact=address)
    return TrainingCompletion.objects.filter(match)


def retake_after(user: User, moment: dt.datetime) -> TrainingCompletion | None:
    return (
        person_completions(user)
        .filter(course=Course.RETAKE, completed_on__gt=_local_date(moment))
        .order_by("-completed_on")
        .first()
    )


def reactivation_check(user: User, clock_: clock.Clock | None = None) -> tuple[bool, str]:
    """(allowed, explanation) for the Support worker, before acting."""
    now = clock.now(clock_)
    if states.is_closed(user):
        return False, "The account is closed; a closed account is not reactivated (issue a new one)."
    if not states.is_inactive(user, clock_):
        return (
            False,
            f"The account is {states.state_label(states.account_state(user, clock_)).lower()}, not inactive.",
        )
    last = states.last_activity(user)
    limit = conf.value("ACCOUNT_REACTIVATE_WITHOUT_RETAKE_DAYS")
    when = date_format(_local_date(last), "F j, Y")
    if now - last <= dt.timedelta(days=limit):
        return True, f"Last used {when}, within {limit} days: it can be reactivated now."
    retake = retake_after(user, last)
    if retake is None:
        return False, (
            f"Last used {when}, more than {limit} days ago: the user must first complete the RETAKE course "
            f"(a completion dated after {when})."
        )
    return True, (
        f"Last used {when}, more than {limit} days ago; RETAKE completed {date_format(retake.completed_on, 'F j, Y')}. "
        "Reactivating sets a temporary password the user must change at sign-in."
    )


def account_reactivate(
    *, user: User, actor: Any, base_url: str | None = None, clock_: clock.Clock | None = None
) -> Reactivation:
    now = clock.now(clock_)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        allowed, why = reactivation_check(user, clock_)
        if not allowed:
            raise ValidationError(why)
        needs_retake = now - states.last_activity(user) > conf.days("ACCOUNT_REACTIVATE_WITHOUT_RETAKE_DAYS")
        temporary = None
        if needs_retake and user.has_usable_password():
            temporary = temporary_password()
            user.set_password(temporary)
            user.must_change_password = True
        user.reactivated_at = now
        user.full_clean()
        user.save()
        _audit(actor, user, "reactivated", clock_, temporary_password=temporary is not None)
    deadline = clock.local_midnight_after(now)
    if user.has_usable_password():
        emails.send_reactivated(
            user, deadline=deadline, temporary_password=temporary is not None, base_url=base_url
        )
    else:
        # Never chose a password: a fresh one-time link (the first one has long expired).
        emails.send_account_setup(user, base_url)
    return Reactivation(user=user, deadline=deadline, temporary_password=temporary)


def account_unlock(
    *, user: User, actor: Any, base_url: str | None = None, clock_: clock.Clock | None = None
) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not states.is_locked(user, clock_):
            raise ValidationError("The account is not locked.")
        user.locked_at = None
        user.failed_sign_ins = 0
        user.save(update_fields=["locked_at", "failed_sign_ins"])
        _audit(actor, user, "unlocked", clock_)
    emails.send_unlocked(user, base_url)
    return user


def password_reset_send(
    *, user: User, actor: Any, base_url: str | None = None, clock_: clock.Clock | None = None
) -> None:
    """Email a reset link (or, for an account that never had a password, a new setup link)."""
    if states.is_closed(user):
        raise ValidationError("The account is closed.")
    if not user.email:
        raise ValidationError("The account has no email address to send the link to.")
    with transaction.atomic():
        _audit(actor, user, "password_reset_sent", clock_)
    if user.has_usable_password():
        emails.send_password_reset(user, base_url)
    else:
        emails.send_account_setup(user, base_url)


def account_close(*, user: User, actor: Any, reason: str, clock_: clock.Clock | None = None) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if states.is_closed(user):
            raise ValidationError("The account is already closed.")
        user.closed_at = clock.now(clock_)
        user.closed_reason = reason[:200]
        user.is_active = False
        user.save(update_fields=["closed_at", "closed_reason", "is_active"])
        _audit(actor, user, "closed", clock_, reason=reason[:200])
    return user


def account_update(
    *, user: User, actor: Any, role: str, edit_token: str | None = None, clock_: clock.Clock | None = None
) -> User:
    """Change a user's role, within what the acting administrator may grant. Given the
    ``edit_token`` of the page it was chosen on, a role changed since raises StaleEdit."""
    if role not in dict(roles.grantable_roles(actor)):
        raise PermissionDenied("You may not give that role.")
    if not roles.can(actor, roles.MANAGE_ALL_USERS) and user.role not in dict(roles.grantable_roles(actor)):
        raise PermissionDenied("Only an HMIS administrator may change this user's role.")
    with transaction.atomic():
        check_fresh(user, edit_token)
        before = user.role
        user.role = role
        user.full_clean()
        user.save(update_fields=["role"])
        _audit(actor, user, "role", clock_, role_before=before, role_after=role)
    return user


def _new_user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    academy_email: str,
    organization: Organization | None,
    role: str,
    now: dt.datetime,
    previous: User | None = None,
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "That username is taken."})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        academy_email=academy_email,
        organization=organization,
        role=role,
        hud_user_id=username[:32],
        date_joined=now,
        previous_account=previous,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def account_issue(
    *,
    account_request: AccountRequest,
    organization: Organization | None,
    role: str,
    username: str,
    email: str,
    actor: Any,
    base_url: str | None = None,
    clock_: clock.Clock | None = None,
) -> User:
    """Create the account a training completion queued; the user gets a one-time set-password link."""
    if role != Role.HMIS_ADMIN and organization is None:
        raise ValidationError({"organization": "Choose the agency the user works for."})
    now = clock.now(clock_)
    with transaction.atomic():
        request = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
        if request.status != AccountRequest.Status.PENDING:
            raise ValidationError("This request was already handled.")
        user = _new_user(
            username=username.strip(),
            first_name=request.first_name,
            last_name=request.last_name,
            email=email.strip().lower(),
            academy_email=request.academy_email,
            organization=organization,
            role=role,
            now=now,
        )
        TrainingCompletion.objects.filter(
            academy_email__iexact=request.academy_email, user__isnull=True
        ).update(user=user)
        request.status = AccountRequest.Status.ISSUED
        request.handled_by = actor
        request.handled_at = now
        request.user = user
        request.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=user,
            detail={"change": "issued", "account_request": request.pk, "role": role},
            clock_=clock_,
        )
    emails.send_account_setup(user, base_url)
    return user


def account_request_decline(
    *, account_request: AccountRequest, actor: Any, reason: str, clock_: clock.Clock | None = None
) -> AccountRequest:
    with transaction.atomic():
        request = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
        if request.status != AccountRequest.Status.PENDING:
            raise ValidationError("This request was already handled.")
        request.status = AccountRequest.Status.DECLINED
        request.decline_reason = reason[:300]
        request.handled_by = actor
        request.handled_at = clock.now(clock_)
        request.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ACCOUNT,
            obj=request,
            detail={"change": "declined"},
            clock_=clock_,
        )
    return request


def employer_change_check(user: User, clock_: clock.Clock | None = None) -> tuple[bool, str]:
    """(allowed, explanation): retraining is waived when the old account was used recently."""
    if states.is_closed(user):
        return False, "The old account is already closed."
    last = states.last_activity(user)
    waiver = conf.value("ACCOUNT_EMPLOYER_CHANGE_WAIVER_DAYS")
    when = date_format(_local_date(last), "F j, Y")
    if clock.now(clock_) - last <= dt.timedelta(days=waiver):
        return True, f"Old account last used {when}, within {waiver} days: retraining is waived."
    trained = (
        person_completions(user)
        .filter(course__in=[*SERIES_TRACKS, Course.RETAKE], completed_on__gt=_local_date(last))
        .exists()
    )
    if trained:
        return True, f"Old account last used {when}; training completed since."
    return False, (
        f"Old account last used {when}, more than {waiver} days ago: the user must complete training "
        "(RETAKE or a Basic Navigation track) before a new account is issued."
    )


def employer_change(
    *,
    user: User,
    organization: Organization,
    role: str,
    username: str,
    email: str,
    actor: Any,
    base_url: str | None = None,
    clock_: clock.Clock | None = None,
) -> User:
    """Close the old account and issue a new one at the new agency."""
    now = clock.now(clock_)
    with transaction.atomic():
        old = User.objects.select_for_update().get(pk=user.pk)
        allowed, why = employer_change_check(old, clock_)
        if not allowed:
            raise ValidationError(why)
        old.closed_at = now
        old.closed_reason = "changed employers"
        old.is_active = False
        old.save(update_fields=["closed_at", "closed_reason", "is_active"])
        _audit(actor, old, "closed", clock_, reason="changed employers")
        new = _new_user(
            username=username.strip(),
            first_name=old.first_name,
            last_name=old.last_name,
            email=email.strip().lower(),
            academy_email=old.academy_email,
            organization=organization,
            role=role,
            now=now,
            previous=old,
        )
        TrainingCompletion.objects.filter(user=old).update(user=new)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=new,
            detail={"change": "issued", "previous_account": old.pk, "role": role},
            clock_=clock_,
        )
    emails.send_account_closed(old, reason="changed employers", new_username=new.username)
    emails.send_account_setup(new, base_url)
    return new


def account_password_set(
    *, user: User, password: str, actor: Any, reason: str, clock_: clock.Clock | None = None
) -> User:
    """Save a new password the caller has validated (the forms run every password validator).

    A password chosen through an emailed link also ends a lock: whoever holds the link controls the
    account's email, which is what Support would check before unlocking.
    """
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = False
        fields = ["password", "must_change_password"]
        if reason in ("reset", "setup"):
            user.locked_at = None
            user.failed_sign_ins = 0
            fields += ["locked_at", "failed_sign_ins"]
        user.save(update_fields=fields)
        _audit(actor, user, "password", clock_, reason=reason)
    return user
