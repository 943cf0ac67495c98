"""`hearth apply_account_rules`: reminders before inactivity, state changes into the audit trail,
expired locks, pruning of old sign-in attempts."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from hearth.accounts.models import SignInAttempt
from hearth.accounts.services.rules import apply_account_rules
from hearth.audit.models import AuditEvent
from hearth.core import clock
from hearth.testing import factories


@pytest.fixture
def user(db):
    return factories.UserFactory(username="casey", email="casey@agency.example")


def test_it_reminds_five_days_before_the_account_goes_inactive_and_only_once(user, frozen):
    frozen.shift(dt.timedelta(days=24, hours=23))
    assert apply_account_rules().reminders == 0
    frozen.shift(dt.timedelta(hours=1))
    assert apply_account_rules().reminders == 1
    message = mail.outbox[-1]
    assert message.to == ["casey@agency.example"]
    assert "will become inactive on Friday, April 9, 2027" in message.body
    frozen.shift(dt.timedelta(days=1))
    assert apply_account_rules().reminders == 0


def test_it_reminds_again_after_the_next_sign_in(user, frozen):
    frozen.shift(dt.timedelta(days=26))
    apply_account_rules()
    user.last_login = clock.now()
    user.save()
    frozen.shift(dt.timedelta(days=26))
    assert apply_account_rules().reminders == 1


def test_it_follows_the_reminder_setting(user, frozen, settings):
    settings.ACCOUNT_REMINDER_DAYS_BEFORE = 2
    frozen.shift(dt.timedelta(days=27))
    assert apply_account_rules().reminders == 0
    frozen.shift(dt.timedelta(days=1))
    assert apply_account_rules().reminders == 1


def test_it_records_each_change_of_state_once(user, frozen):
    apply_account_rules()
    frozen.shift(dt.timedelta(days=31))
    assert apply_account_rules().state_changes == 1
    event = AuditEvent.objects.get(detail__change="state")
    assert (event.detail["from"], event.detail["to"], event.object_id) == ("active", "inactive", str(user.pk))
    assert apply_account_rules().state_changes == 0


def test_it_clears_expired_locks(user, frozen):
    user.locked_at = clock.now()
    user.failed_sign_ins = 5
    user.save()
    assert apply_account_rules().locks_cleared == 0
    frozen.shift(dt.timedelta(hours=1))
    assert apply_account_rules().locks_cleared == 1
    user.refresh_from_db()
    assert user.failed_sign_ins == 0


def test_it_prunes_old_sign_in_attempts(db, frozen):
    SignInAttempt.objects.create(username="x", at=clock.now(), outcome="failed")
    frozen.shift(dt.timedelta(days=8))
    SignInAttempt.objects.create(username="y", at=clock.now(), outcome="failed")
    assert apply_account_rules().attempts_pruned == 1
    assert list(SignInAttempt.objects.values_list("username", flat=True)) == ["y"]


def test_the_command_reports_what_it_did(user, frozen):
    frozen.shift(dt.timedelta(days=26))
    out = StringIO()
    call_command("apply_account_rules", stdout=out)
    assert "1 reminder(s) sent" in out.getvalue()
