"""The idle session timeout (20 minutes by default) and its warning."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from hearth.accounts.tests.helpers import sign_agreement, sign_in


def test_it_ends_a_session_after_20_minutes_without_a_request(client, owner, frozen):
    assert settings.SESSION_COOKIE_AGE == 20 * 60
    sign_agreement(owner)
    sign_in(client, "owner")
    frozen.shift(dt.timedelta(minutes=19))
    assert client.get("/").status_code == 200  # a request restarts the clock
    frozen.shift(dt.timedelta(minutes=19))
    assert client.get("/").status_code == 200
    frozen.shift(dt.timedelta(minutes=20, seconds=1))
    assert client.get("/")["Location"].startswith("/accounts/sign-in/")


def test_pages_carry_the_warning_script_with_the_timeout(client, owner):
    client.force_login(owner)
    content = client.get("/").content.decode()
    assert 'src="/static/hearth/idle-timeout.js"' in content
    assert 'data-idle-seconds="1200"' in content and 'data-warning-seconds="120"' in content


def test_the_sign_in_page_has_no_warning_script(client):
    assert b"idle-timeout.js" not in client.get("/accounts/sign-in/").content
