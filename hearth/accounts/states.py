"""Account states, computed from stored timestamps and the clock (never from a job having run).

- Closed: the account was closed (employer change, an administrator) or deactivated.
- Locked: ACCOUNT_LOCKOUT_FAILURES failed sign-ins in a row; lifts ACCOUNT_LOCKOUT_MINUTES after the
  last of them, or when Support unlocks it.
- Reactivated: HMIS Support reactivated it today; the user must sign in before the next local
  midnight (in the CoC's time zone) or it is Inactive again.
- Inactive: no sign-in for ACCOUNT_INACTIVE_AFTER_DAYS (counted from the account's creation when it
  was never used).
- Awaiting password: issued, but the user has not set a password with the emailed link yet.
- Active: none of the above.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from hearth.accounts import conf
from hearth.core import clock


class AccountState(models.TextChoices):
    ACTIVE = "active", "Active"
    AWAITING_PASSWORD = "awaiting_password", "Awaiting password"
    REACTIVATED = "reactivated", "Reactivated (sign in today)"
    INACTIVE = "inactive", "Inactive"
    LOCKED = "locked", "Locked"
    CLOSED = "closed", "Closed"


def last_activity(user: Any) -> dt.datetime:
    """The last sign-in, or the account's creation if it was never used."""
    if user.last_login and user.last_login > user.date_joined:
        return user.last_login
    return user.date_joined


def locked_until(user: Any) -> dt.datetime | None:
    if user.locked_at is None:
        return None
    return user.locked_at + conf.minutes("ACCOUNT_LOCKOUT_MINUTES")


def is_locked(user: Any, clock_: clock.Clock | None = None) -> bool:
    until = locked_until(user)
    return until is not None and clock.now(clock_) < until


def pending_reactivation(user: Any) -> bool:
    """Reactivated by Support and not signed in since."""
    return user.reactivated_at is not None and (
        user.last_login is None or user.last_login < user.reactivated_at
    )


def reactivation_deadline(user: Any) -> dt.datetime | None:
    """The local midnight by which a reactivated user must sign in."""
    if not pending_reactivation(user):
        return None
    return clock.local_midnight_after(user.reactivated_at)


def inactive_at(user: Any) -> dt.datetime:
    """When the account goes (or went) inactive if nobody signs in."""
    return last_activity(user) + conf.days("ACCOUNT_INACTIVE_AFTER_DAYS")


def is_closed(user: Any) -> bool:
    return bool(user.closed_at is not None or not user.is_active)


def is_inactive(user: Any, clock_: clock.Clock | None = None) -> bool:
    now = clock.now(clock_)
    deadline = reactivation_deadline(user)
    if deadline is not None:
        return now >= deadline
    return now >= inactive_at(user)


def account_state(user: Any, clock_: clock.Clock | None = None) -> str:
    if is_closed(user):
        return AccountState.CLOSED
    if is_locked(user, clock_):
        return AccountState.LOCKED
    if is_inactive(user, clock_):
        return AccountState.INACTIVE
    if reactivation_deadline(user) is not None:
        return AccountState.REACTIVATED
    if not user.has_usable_password():
        return AccountState.AWAITING_PASSWORD
    return AccountState.ACTIVE


def state_label(state: str) -> str:
    return str(AccountState(state).label)
