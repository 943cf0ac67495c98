"""Signing in: success, failures, lockout, rate limits and account states, enforced at sign-in from
stored timestamps (the nightly command never runs in these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.accounts.models import SignInAttempt
from hearth.accounts.services.lifecycle import account_unlock
from hearth.accounts.tests.conftest import LA
from hearth.accounts.tests.helpers import IP, sign_agreement, sign_in
from hearth.audit.models import AuditEvent
from hearth.core import clock
from hearth.testing import factories


@pytest.fixture
def user(db):
    user = factories.UserFactory(username="casey")
    sign_agreement(user)
    return user


def test_it_signs_in_and_records_it_with_the_ip(client, user):
    response = sign_in(client, "casey")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN)
    assert event.actor == user
    assert event.ip_address == IP


def test_it_follows_a_safe_next_and_ignores_another_site(client, user):
    assert (
        client.post(
            "/accounts/sign-in/",
            {"username": "casey", "password": "correct-horse-42", "next": "/accounts/me/"},
        )["Location"]
        == "/accounts/me/"
    )
    client.logout()
    response = client.post(
        "/accounts/sign-in/",
        {"username": "casey", "password": "correct-horse-42", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_it_refuses_a_wrong_password_and_records_the_failure_with_the_ip(client, user):
    response = sign_in(client, "casey", "wrong-password-1")
    assert response.status_code == 200
    assert b"The username or password is not right" in response.content
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert event.ip_address == IP
    assert event.object_id == str(user.pk)
    assert event.detail == {"username": "casey", "reason": "wrong_password"}
    assert client.get("/").status_code == 302


def test_it_locks_after_five_failures_in_a_row_and_refuses_even_the_right_password(client, user):
    for _ in range(4):
        assert b"not right" in sign_in(client, "casey", "wrong-password-1").content
    response = sign_in(client, "casey", "wrong-password-1")
    assert response.status_code == 403
    assert b"locked after 5 failed sign-ins" in response.content
    assert b"11:00 AM" in response.content  # unlocks an hour after the fifth failure
    response = sign_in(client, "casey")
    assert response.status_code == 403
    assert b"locked" in response.content
    user.refresh_from_db()
    assert user.locked_at is not None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT, detail__change="locked").count() == 1


def test_it_unlocks_by_itself_after_an_hour(client, user, frozen):
    for _ in range(5):
        sign_in(client, "casey", "wrong-password-1")
    frozen.shift(dt.timedelta(minutes=59))
    assert sign_in(client, "casey").status_code == 403
    frozen.shift(dt.timedelta(minutes=1))
    assert sign_in(client, "casey").status_code == 302
    user.refresh_from_db()
    assert user.failed_sign_ins == 0 and user.locked_at is None


def test_it_gives_five_fresh_tries_after_a_lock_expires(client, user, frozen):
    for _ in range(5):
        sign_in(client, "casey", "wrong-password-1")
    frozen.shift(dt.timedelta(hours=1))
    assert b"not right" in sign_in(client, "casey", "wrong-password-1").content
    user.refresh_from_db()
    assert user.failed_sign_ins == 1 and user.locked_at is None


def test_it_unlocks_at_once_when_support_unlocks(client, user, admin_user):
    for _ in range(5):
        sign_in(client, "casey", "wrong-password-1")
    account_unlock(user=user, actor=admin_user)
    assert sign_in(client, "casey").status_code == 302


def test_it_counts_only_failures_in_a_row(client, user):
    for _ in range(4):
        sign_in(client, "casey", "wrong-password-1")
    assert sign_in(client, "casey").status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "casey", "wrong-password-1")
    user.refresh_from_db()
    assert user.failed_sign_ins == 4 and user.locked_at is None


def test_it_follows_the_lockout_settings(client, user, settings, frozen):
    settings.ACCOUNT_LOCKOUT_FAILURES = 3
    settings.ACCOUNT_LOCKOUT_MINUTES = 10
    for _ in range(3):
        sign_in(client, "casey", "wrong-password-1")
    assert sign_in(client, "casey").status_code == 403
    frozen.shift(dt.timedelta(minutes=10))
    assert sign_in(client, "casey").status_code == 302


def test_it_answers_an_unknown_username_like_a_real_one(client, user):
    for _ in range(4):
        assert b"not right" in sign_in(client, "nobody", "wrong-password-1").content
    assert b"locked after 5 failed sign-ins" in sign_in(client, "nobody", "wrong-password-1").content
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED, detail__username="nobody").count()
        == 5
    )


def test_it_rate_limits_attempts_per_username(client, user, settings, frozen):
    settings.ACCOUNT_RATE_LIMIT_PER_USERNAME = 3
    for _ in range(3):
        sign_in(client, "casey", "wrong-password-1", ip=f"198.51.100.{_ + 20}")
    response = sign_in(client, "casey")
    assert response.status_code == 429
    assert b"Too many sign-in attempts" in response.content
    frozen.shift(dt.timedelta(minutes=15))
    assert sign_in(client, "casey").status_code == 302


def test_it_does_not_count_good_sign_ins_toward_the_username_limit(client, user, settings, frozen):
    settings.ACCOUNT_RATE_LIMIT_PER_USERNAME = 10
    for _ in range(12):
        assert sign_in(client, "casey").status_code == 302
        client.logout()
        frozen.shift(dt.timedelta(seconds=30))
    assert SignInAttempt.objects.filter(outcome=SignInAttempt.Outcome.SUCCEEDED).count() == 12


def test_it_rate_limits_failures_per_ip(client, user, settings):
    settings.ACCOUNT_RATE_LIMIT_PER_IP = 6
    for n in range(6):
        sign_in(client, f"someone{n}", "wrong-password-1", ip="198.51.100.9")
    assert sign_in(client, "casey", ip="198.51.100.9").status_code == 429
    assert sign_in(client, "casey", ip="198.51.100.10").status_code == 302
    assert SignInAttempt.objects.filter(outcome=SignInAttempt.Outcome.THROTTLED).count() == 1


def test_it_refuses_an_account_idle_for_31_days_and_says_how_to_reactivate(client, user, frozen):
    frozen.shift(dt.timedelta(days=31))
    response = sign_in(client, "casey")
    assert response.status_code == 403
    content = response.content.decode()
    assert "Your account is inactive" in content
    assert 'href="/support/tickets/new/?category=reactivate"' in content
    assert 'href="/support/help/sign-in-problems/#inactive-account"' in content
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.SIGN_IN_FAILED, detail__reason="inactive"
    ).exists()


def test_it_does_not_reveal_an_inactive_account_to_a_wrong_password(client, user, frozen):
    frozen.shift(dt.timedelta(days=31))
    response = sign_in(client, "casey", "wrong-password-1")
    assert b"inactive" not in response.content
    assert b"not right" in response.content


def test_it_lets_a_reactivated_user_in_the_same_day(client, user, frozen):
    frozen.move_to(dt.datetime(2027, 4, 12, 9, 0, tzinfo=LA))
    user.reactivated_at = clock.now()
    user.save()
    frozen.move_to(dt.datetime(2027, 4, 12, 23, 59, tzinfo=LA))
    assert sign_in(client, "casey").status_code == 302


def test_it_refuses_a_reactivated_user_after_midnight(client, user, frozen):
    frozen.move_to(dt.datetime(2027, 4, 12, 9, 0, tzinfo=LA))
    user.reactivated_at = clock.now()
    user.save()
    frozen.move_to(dt.datetime(2027, 4, 13, 0, 0, tzinfo=LA))
    response = sign_in(client, "casey")
    assert response.status_code == 403
    assert b"reactivated but not signed in to the same day" in response.content


def test_it_refuses_a_closed_account(client, user, admin_user):
    from hearth.accounts.services.lifecycle import account_close

    account_close(user=user, actor=admin_user, reason="left the agency")
    response = sign_in(client, "casey")
    assert response.status_code == 403
    assert b"This account is closed" in response.content


def test_it_tells_the_user_why_they_were_signed_out(client):
    assert b"signed out after a period without activity" in client.get("/accounts/sign-in/?timeout=1").content


def test_it_applies_the_rules_to_other_callers_of_authenticate(client, user, frozen):
    assert client.login(username="casey", password="correct-horse-42")
    client.logout()
    frozen.shift(dt.timedelta(days=31))
    assert not client.login(username="casey", password="correct-horse-42")


def test_it_sends_the_admin_site_sign_in_through_hearths_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=%2Fadmin%2F"


def test_it_sends_a_signed_in_user_who_is_not_staff_home_from_the_admin_site(client, user):
    sign_in(client, "casey")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert response.status_code == 200
    assert b"only for HMIS administrators" in response.content


def test_it_records_sign_out(client, user):
    sign_in(client, "casey")
    client.post("/accounts/sign-out/")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT, actor=user).exists()
