"""Changing employers: the old account is closed and a new one issued; retraining is waived when
the old account was used within 90 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from hearth.accounts.models import Course, Role, TrainingCompletion
from hearth.accounts.services.lifecycle import employer_change
from hearth.accounts.states import AccountState, account_state
from hearth.accounts.tests.conftest import LA, START
from hearth.testing import factories


@pytest.fixture
def old(owner):
    owner.email = "casey@old.example"
    owner.save()
    return owner


def change(old, agency, actor):
    return employer_change(
        user=old,
        organization=agency,
        role=Role.CASE_MANAGER,
        username="casey2",
        email="casey@new.example",
        actor=actor,
    )


def test_it_closes_the_old_account_and_issues_a_new_one(old, partner_agency, admin_user, frozen):
    frozen.shift(dt.timedelta(days=60))
    new = change(old, partner_agency, admin_user)
    old.refresh_from_db()
    assert account_state(old) == AccountState.CLOSED and old.closed_reason == "changed employers"
    assert new.organization == partner_agency and new.previous_account == old
    assert account_state(new) == AccountState.AWAITING_PASSWORD
    recipients = [m.to[0] for m in mail.outbox]
    assert "casey@new.example" in recipients and "casey@old.example" in recipients
    setup = next(m for m in mail.outbox if m.to == ["casey@new.example"])
    assert "/accounts/welcome/" in setup.body


def test_it_requires_retraining_after_90_days_unused(old, partner_agency, admin_user, frozen):
    frozen.move_to(dt.datetime(2027, 6, 9, 11, 0, tzinfo=LA))
    with pytest.raises(ValidationError, match="must complete training"):
        change(old, partner_agency, admin_user)
    old.refresh_from_db()
    assert old.closed_at is None


def test_it_accepts_training_completed_since_the_last_sign_in(old, partner_agency, admin_user, frozen):
    TrainingCompletion.objects.create(
        first_name="C",
        last_name="X",
        academy_email="casey@old.example",
        employer="Partner Agency",
        course=Course.BNT_STREET_OUTREACH,
        completed_on=dt.date(2027, 6, 1),
        entered_by=admin_user,
        created_at=START,
    )
    frozen.move_to(dt.datetime(2027, 6, 9, 11, 0, tzinfo=LA))
    assert change(old, partner_agency, admin_user).organization == partner_agency


def test_it_follows_the_waiver_setting(old, partner_agency, admin_user, frozen, settings):
    settings.ACCOUNT_EMPLOYER_CHANGE_WAIVER_DAYS = 30
    frozen.shift(dt.timedelta(days=31))
    with pytest.raises(ValidationError):
        change(old, partner_agency, admin_user)


def test_it_refuses_a_taken_username_and_changes_nothing(old, partner_agency, admin_user):
    factories.UserFactory(username="casey2")
    with pytest.raises(ValidationError):
        change(old, partner_agency, admin_user)
    old.refresh_from_db()
    assert old.closed_at is None
