"""The account states, computed from stored timestamps and the clock (no command needs to run)."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.accounts.states import AccountState, account_state
from hearth.accounts.tests.conftest import LA
from hearth.core import clock
from hearth.testing import factories


@pytest.fixture
def user(db):
    return factories.UserFactory()


def test_it_is_active_after_a_recent_sign_in(user):
    assert account_state(user) == AccountState.ACTIVE


def test_it_goes_inactive_30_days_after_the_last_sign_in(user, frozen):
    frozen.shift(dt.timedelta(days=30) - dt.timedelta(seconds=1))
    assert account_state(user) == AccountState.ACTIVE
    frozen.shift(dt.timedelta(seconds=1))
    assert account_state(user) == AccountState.INACTIVE


def test_it_counts_from_the_account_creation_when_never_used(db, frozen):
    user = factories.UserFactory(last_login=None)
    frozen.shift(dt.timedelta(days=31))
    assert account_state(user) == AccountState.INACTIVE


def test_it_follows_the_inactivity_setting(user, frozen, settings):
    settings.ACCOUNT_INACTIVE_AFTER_DAYS = 10
    frozen.shift(dt.timedelta(days=10, seconds=1))
    assert account_state(user) == AccountState.INACTIVE


def test_it_honours_an_injected_clock(user):
    later = clock.now() + dt.timedelta(days=45)
    assert account_state(user, lambda: later) == AccountState.INACTIVE
    assert account_state(user) == AccountState.ACTIVE


def test_it_keeps_a_reactivated_account_active_until_local_midnight(user, frozen):
    frozen.shift(dt.timedelta(days=40))
    user.reactivated_at = clock.now()  # 10:00 in Los Angeles
    assert account_state(user) == AccountState.REACTIVATED
    frozen.move_to(dt.datetime(2027, 4, 19, 23, 59, 59, tzinfo=LA))
    assert account_state(user) == AccountState.REACTIVATED
    frozen.move_to(dt.datetime(2027, 4, 20, 0, 0, 0, tzinfo=LA))
    assert account_state(user) == AccountState.INACTIVE


def test_it_uses_the_cocs_midnight_not_utcs(user, frozen):
    # 17:30 in Los Angeles is already the next day in UTC; the deadline is still local midnight.
    frozen.move_to(dt.datetime(2027, 4, 19, 17, 30, tzinfo=LA))
    user.reactivated_at = clock.now()
    frozen.move_to(dt.datetime(2027, 4, 19, 20, 0, tzinfo=LA))
    assert clock.now().astimezone(dt.UTC).date() == dt.date(2027, 4, 20)
    assert account_state(user) == AccountState.REACTIVATED


def test_it_counts_a_sign_in_after_reactivation_as_activity(user, frozen):
    frozen.shift(dt.timedelta(days=40))
    user.reactivated_at = clock.now()
    frozen.shift(dt.timedelta(hours=2))
    user.last_login = clock.now()
    frozen.shift(dt.timedelta(days=2))
    assert account_state(user) == AccountState.ACTIVE


def test_it_locks_for_an_hour(user, frozen):
    user.locked_at = clock.now()
    assert account_state(user) == AccountState.LOCKED
    frozen.shift(dt.timedelta(minutes=59, seconds=59))
    assert account_state(user) == AccountState.LOCKED
    frozen.shift(dt.timedelta(seconds=1))
    assert account_state(user) == AccountState.ACTIVE


def test_it_reports_a_closed_account_above_all(user):
    user.locked_at = clock.now()
    user.closed_at = clock.now()
    assert account_state(user) == AccountState.CLOSED


def test_it_reports_an_account_waiting_for_its_first_password(db):
    user = factories.UserFactory(last_login=None)
    user.set_unusable_password()
    assert account_state(user) == AccountState.AWAITING_PASSWORD
