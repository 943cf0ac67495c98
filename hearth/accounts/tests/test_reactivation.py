"""Reactivation by HMIS Support: at once within 90 days of the last sign-in; beyond that only after a
RETAKE completion dated after the last sign-in, with a temporary password."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from hearth.accounts.models import Course, TrainingCompletion
from hearth.accounts.services.lifecycle import account_reactivate
from hearth.accounts.states import AccountState, account_state
from hearth.accounts.tests.conftest import LA, START
from hearth.accounts.tests.helpers import sign_agreement, sign_in
from hearth.audit.models import AuditEvent
from hearth.testing import factories


@pytest.fixture
def user(db):
    user = factories.UserFactory(username="casey", email="casey@agency.example")
    sign_agreement(user)
    return user


def retake(user, on, actor):
    return TrainingCompletion.objects.create(
        first_name="Casey",
        last_name="X",
        academy_email=user.email,
        employer="A",
        course=Course.RETAKE,
        completed_on=on,
        entered_by=actor,
        created_at=START,
    )


def test_it_reactivates_at_once_within_90_days(user, admin_user, frozen):
    frozen.move_to(dt.datetime(2027, 6, 8, 9, 0, tzinfo=LA))  # 90 days after the last sign-in
    result = account_reactivate(user=user, actor=admin_user)
    assert result.temporary_password is None
    assert result.deadline == dt.datetime(2027, 6, 9, 0, 0, tzinfo=LA)
    user.refresh_from_db()
    assert account_state(user) == AccountState.REACTIVATED
    assert "Sign in today" in mail.outbox[-1].subject + mail.outbox[-1].body
    event = AuditEvent.objects.get(detail__change="reactivated")
    assert event.actor == admin_user and event.detail["temporary_password"] is False


def test_it_refuses_beyond_90_days_without_a_retake(user, admin_user, frozen):
    frozen.move_to(dt.datetime(2027, 6, 9, 11, 0, tzinfo=LA))
    with pytest.raises(ValidationError, match="RETAKE"):
        account_reactivate(user=user, actor=admin_user)
    user.refresh_from_db()
    assert user.reactivated_at is None


def test_it_ignores_a_retake_from_before_the_last_sign_in(user, admin_user, frozen):
    retake(user, dt.date(2027, 3, 10), admin_user)  # the day of the last sign-in: not after it
    frozen.move_to(dt.datetime(2027, 7, 1, 9, 0, tzinfo=LA))
    with pytest.raises(ValidationError, match="RETAKE"):
        account_reactivate(user=user, actor=admin_user)


def test_it_reactivates_after_a_retake_with_a_temporary_password(client, user, admin_user, frozen):
    retake(user, dt.date(2027, 6, 30), admin_user)
    frozen.move_to(dt.datetime(2027, 7, 1, 9, 0, tzinfo=LA))
    result = account_reactivate(user=user, actor=admin_user)
    assert result.temporary_password
    assert result.temporary_password not in mail.outbox[-1].body
    user.refresh_from_db()
    assert user.must_change_password
    assert (
        sign_in(client, "casey", result.temporary_password)["Location"] == "/accounts/sign-in/new-password/"
    )


def test_it_refuses_an_account_that_is_not_inactive(user, admin_user):
    with pytest.raises(ValidationError, match="not inactive"):
        account_reactivate(user=user, actor=admin_user)


def test_it_sends_a_new_setup_link_to_an_account_that_never_had_a_password(admin_user, frozen, db):
    user = factories.UserFactory(last_login=None, email="new@agency.example")
    user.set_unusable_password()
    user.save()
    frozen.shift(dt.timedelta(days=40))
    account_reactivate(user=user, actor=admin_user)
    assert "/accounts/welcome/" in mail.outbox[-1].body


def test_it_follows_the_90_day_setting(user, admin_user, frozen, settings):
    settings.ACCOUNT_REACTIVATE_WITHOUT_RETAKE_DAYS = 45
    frozen.move_to(dt.datetime(2027, 5, 1, 9, 0, tzinfo=LA))
    with pytest.raises(ValidationError, match="more than 45 days"):
        account_reactivate(user=user, actor=admin_user)
