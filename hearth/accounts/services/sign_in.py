"""Checking a username and password against the account rules.

Every rule is enforced here at sign-in from stored timestamps, so it holds even if the nightly
`apply_account_rules` never ran. The order matters: rate limits first (no password check at all),
then the lock (a locked account refuses even the right password), then the password, and only with
the right password are inactive or closed accounts named, so a stranger learns nothing about an
account by guessing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from hearth.accounts import conf, links, states
from hearth.accounts.models import SignInAttempt, User
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock

INVALID = "invalid"
LOCKED = "locked"
THROTTLED = "throttled"
INACTIVE = "inactive"
CLOSED = "closed"


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    refusal: str = ""
    message: SafeString | str = ""

    @property
    def ok(self) -> bool:
        return self.user is not None and not self.refusal


def username_key(username: str) -> str:
    return (username or "").strip().lower()


def _local_time(moment: dt.datetime) -> str:
    local = moment.astimezone(clock.coc_zone())
    today = clock.local_today()
    text = date_format(local, "g:i A")
    return text if local.date() == today else f"{text} on {date_format(local, 'M j')}"


def invalid_message() -> SafeString:
    return format_html(
        'The username or password is not right. <a href="{}">Forgot your password?</a> '
        "After {} failed tries in a row the account is locked for {} minutes.",
        reverse("accounts:password_reset"),
        conf.value("ACCOUNT_LOCKOUT_FAILURES"),
        conf.value("ACCOUNT_LOCKOUT_MINUTES"),
    )


def locked_message(until: dt.datetime) -> SafeString:
    return format_html(
        "This account is locked after {} failed sign-ins in a row. It unlocks by itself at {}. "
        'HMIS Support can unlock it sooner: <a href="{}">ask HMIS Support to unlock it</a>. '
        '<a href="{}">Help with signing in</a>.',
        conf.value("ACCOUNT_LOCKOUT_FAILURES"),
        _local_time(until),
        links.new_ticket_url("unlock"),
        links.help_url("locked-account"),
    )


def throttled_message() -> SafeString:
    return format_html(
        'Too many sign-in attempts. Wait {} minutes and try again. <a href="{}">Help with signing in</a>.',
        conf.value("ACCOUNT_RATE_LIMIT_WINDOW_MINUTES"),
        links.help_url("too-many-attempts"),
    )


def inactive_message(user: User) -> SafeString:
    if states.pending_reactivation(user):
        reason = "It was reactivated but not signed in to the same day, so it is inactive again."
    else:
        reason = f"Nobody has signed in to it for {conf.value('ACCOUNT_INACTIVE_AFTER_DAYS')} days."
    return format_html(
        'Your account is inactive. {} To reactivate it, <a href="{}">open a reactivation ticket with HMIS '
        'Support</a> (you can do this without signing in). <a href="{}">How reactivation works</a>.',
        reason,
        links.new_ticket_url("reactivate"),
        links.help_url("inactive-account"),
    )


def closed_message() -> SafeString:
    return format_html(
        'This account is closed. If you changed employers or need it back, <a href="{}">open a ticket with '
        'HMIS Support</a>. <a href="{}">Help with signing in</a>.',
        links.new_ticket_url("employer_change"),
        links.help_url("closed-account"),
    )


def _record(
    key: str, ip_address: str | None, now: dt.datetime, outcome: str, *, user: User | None, reason: str
) -> None:
    SignInAttempt.objects.create(username=key[:150], ip_address=ip_address, at=now, outcome=outcome)
    if outcome != SignInAttempt.Outcome.SUCCEEDED:
        audit_record(
            actor=None,
            action=AuditEvent.Action.SIGN_IN_FAILED,
            obj=user,
            ip_address=ip_address,
            detail={"username": key[:150], "reason": reason},
            clock_=lambda: now,
        )


def _rate_limited(key: str, ip_address: str | None, now: dt.datetime) -> bool:
    since = now - conf.minutes("ACCOUNT_RATE_LIMIT_WINDOW_MINUTES")
    recent = SignInAttempt.objects.filter(at__gt=since)
    # Good sign-ins do not count: staff who sign in and out all day must never be refused.
    per_username = recent.filter(username=key).exclude(outcome=SignInAttempt.Outcome.SUCCEEDED)
    if per_username.count() >= conf.value("ACCOUNT_RATE_LIMIT_PER_USERNAME"):
        return True
    # Failures only: an agency's office shares one address and its staff sign in all morning.
    return bool(
        ip_address
        and recent.filter(ip_address=ip_address, outcome=SignInAttempt.Outcome.FAILED).count()
        >= conf.value("ACCOUNT_RATE_LIMIT_PER_IP")
    )


def _unknown_username_lock(key: str, now: dt.datetime) -> dt.datetime | None:
    """Unknown usernames 'lock' like real ones, so the answers do not reveal which accounts exist."""
    window = conf.minutes("ACCOUNT_LOCKOUT_MINUTES")
    limit = conf.value("ACCOUNT_LOCKOUT_FAILURES")
    failures = list(
        SignInAttempt.objects.filter(username=key, outcome=SignInAttempt.Outcome.FAILED, at__gt=now - window)
        .order_by("at")
        .values_list("at", flat=True)
    )
    if len(failures) >= limit:
        return failures[limit - 1] + window
    return None


def record_failure(user: User, *, now: dt.datetime, ip_address: str | None) -> dt.datetime | None:
    """Count a failed sign-in (wrong password or code); lock at the limit. Returns the lock's end."""
    if user.locked_at is not None and not states.is_locked(user, lambda: now):
        user.locked_at = None  # an expired lock: the count starts again
        user.failed_sign_ins = 0
    user.failed_sign_ins += 1
    fields = ["failed_sign_ins", "locked_at"]
    if user.failed_sign_ins >= conf.value("ACCOUNT_LOCKOUT_FAILURES") and user.locked_at is None:
        user.locked_at = now
        audit_record(
            actor=None,
            action=AuditEvent.Action.ACCOUNT,
            obj=user,
            ip_address=ip_address,
            detail={"change": "locked", "failures": user.failed_sign_ins},
            clock_=lambda: now,
        )
    user.save(update_fields=fields)
    return states.locked_until(user) if user.locked_at else None


def check_sign_in(
    *, username: str, password: str, ip_address: str | None, clock_: clock.Clock | None = None
) -> SignInResult:
    """Check the credentials and the account's state. Writes attempts, counters and audit rows."""
    now = clock.now(clock_)
    key = username_key(username)
    with transaction.atomic():
        if _rate_limited(key, ip_address, now):
            _record(key, ip_address, now, SignInAttempt.Outcome.THROTTLED, user=None, reason=THROTTLED)
            return SignInResult(None, THROTTLED, throttled_message())
        name = username.strip()
        users = User.objects.select_for_update()
        user = users.filter(username=name).first() or users.filter(username__iexact=name).first()
        if user is None:
            until = _unknown_username_lock(key, now)
            if until is not None:
                _record(key, ip_address, now, SignInAttempt.Outcome.REFUSED, user=None, reason=LOCKED)
                return SignInResult(None, LOCKED, locked_message(until))
            make_password(password)  # spend the same time as a real check
            _record(key, ip_address, now, SignInAttempt.Outcome.FAILED, user=None, reason="unknown_username")
            until = _unknown_username_lock(key, now)
            if until is not None:
                return SignInResult(None, LOCKED, locked_message(until))
            return SignInResult(None, INVALID, invalid_message())

        if states.is_locked(user, lambda: now):
            _record(key, ip_address, now, SignInAttempt.Outcome.REFUSED, user=user, reason=LOCKED)
            return SignInResult(None, LOCKED, locked_message(states.locked_until(user)))  # type: ignore[arg-type]
        if not user.check_password(password):
            until = record_failure(user, now=now, ip_address=ip_address)
            _record(key, ip_address, now, SignInAttempt.Outcome.FAILED, user=user, reason="wrong_password")
            if until is not None:
                return SignInResult(None, LOCKED, locked_message(until))
            return SignInResult(None, INVALID, invalid_message())

        # The right password: the run of failures is over, whatever the account's state.
        if user.failed_sign_ins or user.locked_at:
            user.failed_sign_ins = 0
            user.locked_at = None
            user.save(update_fields=["failed_sign_ins", "locked_at"])
        if states.is_closed(user):
            _record(key, ip_address, now, SignInAttempt.Outcome.REFUSED, user=user, reason=CLOSED)
            return SignInResult(None, CLOSED, closed_message())
        if states.is_inactive(user, lambda: now):
            _record(key, ip_address, now, SignInAttempt.Outcome.REFUSED, user=user, reason=INACTIVE)
            return SignInResult(None, INACTIVE, inactive_message(user))
        SignInAttempt.objects.create(
            username=key[:150], ip_address=ip_address, at=now, outcome=SignInAttempt.Outcome.SUCCEEDED
        )
        return SignInResult(user)


def refusal_now(user: User, clock_: clock.Clock | None = None) -> SignInResult | None:
    """Re-check the state when the later sign-in steps finish (time passes between them)."""
    now = clock.now(clock_)
    if states.is_closed(user):
        return SignInResult(None, CLOSED, closed_message())
    if states.is_locked(user, lambda: now):
        return SignInResult(None, LOCKED, locked_message(states.locked_until(user)))  # type: ignore[arg-type]
    if states.is_inactive(user, lambda: now):
        return SignInResult(None, INACTIVE, inactive_message(user))
    return None


def record_sign_in(
    user: User, *, ip_address: str | None, two_factor: bool, clock_: clock.Clock | None = None
) -> None:
    audit_record(
        actor=user,
        action=AuditEvent.Action.SIGN_IN,
        obj=user,
        ip_address=ip_address,
        detail={"two_factor": two_factor},
        clock_=clock_,
    )


def record_second_factor_failure(
    user: User, *, ip_address: str | None, clock_: clock.Clock | None = None
) -> dt.datetime | None:
    """A wrong authenticator code counts like a wrong password (six digits are guessable too)."""
    now = clock.now(clock_)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        until = record_failure(locked, now=now, ip_address=ip_address)
        _record(
            username_key(user.username),
            ip_address,
            now,
            SignInAttempt.Outcome.FAILED,
            user=user,
            reason="wrong_code",
        )
    return until
