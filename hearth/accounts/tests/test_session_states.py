"""A session ends when its account is locked, goes inactive or is closed after signing in."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.core import clock


def _signed_in(client, user):
    client.force_login(user)
    assert client.get("/accounts/me/").status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda user: setattr(user, "locked_at", clock.now()), id="locked"),
        pytest.param(lambda user: setattr(user, "closed_at", clock.now()), id="closed"),
        pytest.param(lambda user: setattr(user, "is_active", False), id="deactivated"),
    ],
)
def test_it_refuses_the_session_of_an_account_changed_after_sign_in(client, owner, change):
    _signed_in(client, owner)
    change(owner)
    owner.save()
    response = client.get("/accounts/me/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")
    assert client.get("/api/me").status_code == 401


def test_it_refuses_the_session_of_an_account_gone_inactive(client, owner):
    _signed_in(client, owner)
    # As if the last sign-in were 31 days ago (the idle timeout would end a real session sooner).
    long_ago = clock.now() - dt.timedelta(days=31)
    type(owner).objects.filter(pk=owner.pk).update(last_login=long_ago, date_joined=long_ago)
    assert client.get("/accounts/me/").status_code == 302


def test_it_keeps_the_session_once_a_lock_has_lifted(client, owner):
    _signed_in(client, owner)
    owner.locked_at = clock.now() - dt.timedelta(hours=2)
    owner.save()
    assert client.get("/accounts/me/").status_code == 200
