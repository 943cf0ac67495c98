"""The nightly pass over all accounts (`hearth apply_account_rules`).

Sign-in enforces every rule by itself; this pass does what needs a schedule: the reminder emails
before an account goes inactive, an audit row for each change of state (so the trail shows when an
account went inactive or its reactivation lapsed), clearing expired locks, and pruning old sign-in
attempts.

Accounts are read in chunks and written with narrow UPDATEs (each touches only the columns this pass
owns, and lock clearing re-checks the lock in its WHERE clause), so a sign-in happening meanwhile
never has its counters overwritten with stale values.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from hearth.accounts import conf, emails, states
from hearth.accounts.models import SignInAttempt, User
from hearth.audit.models import AuditEvent
from hearth.core import clock

CHUNK = 1000


@dataclass
class RulesReport:
    checked: int = 0
    reminders: int = 0
    state_changes: int = 0
    locks_cleared: int = 0
    attempts_pruned: int = 0


def reminder_due(user: User, clock_: clock.Clock | None = None) -> bool:
    if states.account_state(user, clock_) != states.AccountState.ACTIVE or not user.email:
        return False
    last = states.last_activity(user)
    if user.inactivity_reminder_sent_at is not None and user.inactivity_reminder_sent_at >= last:
        return False  # already reminded since the last sign-in
    goes_inactive = states.inactive_at(user)
    return goes_inactive - conf.days("ACCOUNT_REMINDER_DAYS_BEFORE") <= clock.now(clock_) < goes_inactive


def _chunk(after: int) -> list[User]:
    return list(User.objects.filter(pk__gt=after).order_by("pk")[:CHUNK])


def apply_account_rules(*, clock_: clock.Clock | None = None) -> RulesReport:
    now = clock.now(clock_)
    report = RulesReport()
    lock_expired_before = now - conf.minutes("ACCOUNT_LOCKOUT_MINUTES")
    with transaction.atomic():
        report.locks_cleared = User.objects.filter(locked_at__lte=lock_expired_before).update(
            locked_at=None, failed_sign_ins=0
        )
    last_pk = 0
    while batch := _chunk(last_pk):
        last_pk = batch[-1].pk
        report.checked += len(batch)
        recorded: list[User] = []
        reminded: list[User] = []
        events: list[AuditEvent] = []
        for user in batch:
            state = states.account_state(user, clock_)
            if state != user.recorded_state:
                if user.recorded_state:  # the first pass only records what it found
                    events.append(
                        AuditEvent(
                            at=now,
                            action=AuditEvent.Action.ACCOUNT,
                            object_type=User._meta.label_lower,
                            object_id=str(user.pk),
                            detail={"change": "state", "from": user.recorded_state, "to": state},
                        )
                    )
                user.recorded_state = state
                recorded.append(user)
            if reminder_due(user, clock_):
                user.inactivity_reminder_sent_at = now
                reminded.append(user)
        with transaction.atomic():
            # One UPDATE per state rather than bulk_update's CASE per row: far cheaper at this size.
            by_state: dict[str, list[int]] = {}
            for user in recorded:
                by_state.setdefault(user.recorded_state, []).append(user.pk)
            for state, ids in by_state.items():
                User.objects.filter(pk__in=ids).update(recorded_state=state)
            User.objects.filter(pk__in=[u.pk for u in reminded]).update(inactivity_reminder_sent_at=now)
            AuditEvent.objects.bulk_create(events)
        report.state_changes += len(events)
        for user in reminded:
            emails.send_inactivity_reminder(
                user, last_activity=states.last_activity(user), inactive_at=states.inactive_at(user)
            )
        report.reminders += len(reminded)
    stale = now - conf.days("ACCOUNT_ATTEMPTS_KEEP_DAYS")
    report.attempts_pruned, _ = SignInAttempt.objects.filter(at__lt=stale).delete()
    return report
