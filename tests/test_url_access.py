"""Deny by default: every URL refuses an anonymous visitor, except the few meant to be public."""

from __future__ import annotations

import pytest

from tests.urlwalk import all_paths

# Pages a person who cannot sign in must still reach.
PUBLIC_NAMES = {
    "accounts:login",
}
PUBLIC_PREFIXES = ("/static/",)


@pytest.mark.django_db
def test_it_refuses_every_non_public_url_to_an_anonymous_visitor(client):
    checked = 0
    for path, name in all_paths():
        if name in PUBLIC_NAMES or path.startswith(PUBLIC_PREFIXES):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code in (301, 302, 401, 403, 404, 405), (method, path, name, response.status_code)
            if response.status_code in (301, 302):
                assert "/accounts/sign-in/" in response["Location"] or response["Location"].startswith("/admin/login"), (
                    path,
                    response["Location"],
                )
            checked += 1
    assert checked > 10


@pytest.mark.django_db
def test_it_serves_the_sign_in_page_to_anyone(client):
    response = client.get("/accounts/sign-in/")
    assert response.status_code == 200
    assert b"Sign in" in response.content


@pytest.mark.django_db
def test_it_answers_the_api_with_401_when_not_signed_in(client):
    response = client.get("/api/me")
    assert response.status_code == 401
