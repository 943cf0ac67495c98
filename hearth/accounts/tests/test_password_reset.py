"""Self-service password reset by email: a one-time link that expires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from hearth.accounts.tests.helpers import links_in_last_email, path_of, sign_agreement, sign_in
from hearth.audit.models import AuditEvent
from hearth.core import clock
from hearth.testing import factories


@pytest.fixture
def user(db):
    user = factories.UserFactory(username="casey", email="casey@agency.example")
    sign_agreement(user)
    return user


def reset_link(client):
    client.post("/accounts/password-reset/", {"email": "casey@agency.example"})
    return path_of(links_in_last_email("casey@agency.example")[0])


def test_it_emails_a_link_and_no_password(client, user):
    response = client.post("/accounts/password-reset/", {"email": "CASEY@agency.example"})
    assert b"If an account uses" in response.content
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/accounts/password-reset/" in body
    assert "correct-horse-42" not in body


def test_it_answers_the_same_for_an_unknown_address(client, user):
    response = client.post("/accounts/password-reset/", {"email": "nobody@agency.example"})
    assert b"If an account uses" in response.content
    assert mail.outbox == []


def test_it_sets_a_new_password_through_the_link_once(client, user):
    link = reset_link(client)
    form = client.get(link, follow=True)
    assert b"Choose a new password" in form.content
    set_url = form.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "river-stone-8812", "new_password2": "river-stone-8812"}
    )
    assert response["Location"] == "/accounts/password-set/"
    user.refresh_from_db()
    assert user.check_password("river-stone-8812")
    assert AuditEvent.objects.filter(detail__change="password", detail__reason="reset").exists()
    assert b"no longer works" in client.get(link, follow=True).content
    assert sign_in(client, "casey", "river-stone-8812")["Location"] == "/"


def test_it_expires_the_link_after_an_hour(client, user, frozen):
    link = reset_link(client)
    frozen.shift(dt.timedelta(minutes=61))
    assert b"no longer works" in client.get(link, follow=True).content


def test_it_applies_the_password_rules(client, user):
    link = reset_link(client)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "casey12345", "new_password2": "casey12345"})
    assert b"may not contain your username" in response.content


def test_it_ends_a_lock_once_the_password_is_reset(client, user):
    user.locked_at = clock.now()
    user.failed_sign_ins = 5
    user.save()
    link = reset_link(client)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "river-stone-8812", "new_password2": "river-stone-8812"})
    user.refresh_from_db()
    assert user.locked_at is None


def test_it_sends_nothing_for_a_closed_account(client, user, admin_user):
    from hearth.accounts.services.lifecycle import account_close

    account_close(user=user, actor=admin_user, reason="left")
    client.post("/accounts/password-reset/", {"email": "casey@agency.example"})
    assert mail.outbox == []
