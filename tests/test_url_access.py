"""Deny by default: every URL refuses an anonymous visitor, except the few meant to be public."""

from __future__ import annotations

import pytest

from tests.urlwalk import all_paths

# Pages a person who cannot sign in must still reach.
PUBLIC_NAMES = {
    "accounts:login",
    "accounts:logout",
    # Sign-in steps after the password (the visitor is not signed in until the last one).
    "accounts:sign_in_two_factor",
    "accounts:sign_in_new_password",
    "accounts:sign_in_agreement",
    # Emailed one-time links and self-service password reset.
    "accounts:password_reset",
    "accounts:password_reset_confirm",
    "accounts:account_setup",
    "accounts:password_set_done",
    "admin_sign_in",
    # HMIS Support for people who cannot sign in, and the help centre linked from sign-in errors.
    "support:my_tickets",
    "support:ticket_new",
    "support:follow",
    "support:ticket_detail",
    "support:requester_link",
    "support:help_index",
    "support:help_article",
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
            assert response.status_code in (301, 302, 401, 403, 404, 405), (
                method,
                path,
                name,
                response.status_code,
            )
            if response.status_code in (301, 302):
                assert "/accounts/sign-in/" in response["Location"] or response["Location"].startswith(
                    "/admin/login"
                ), (
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


# Pages only HMIS administrators (and, for some, agency administrators) may open: a case manager,
# whether the owner of the client or an outsider, is refused.
ADMIN_ONLY_NAMES = {
    "accounts:training",
    "accounts:training_upload",
    "accounts:request_list",
    "accounts:request_detail",
    "accounts:user_list",
    "accounts:user_detail",
    "accounts:user_action",
    "accounts:security",
    "support:desk",
    "support:desk_ticket",
    "support:desk_action",
    "support:help_new",
    "support:help_edit",
    "audit:search",
}
# Walking these would end the walk's own session.
SKIP_NAMES = {"accounts:logout"}


def _walk_as(client, user, ids, monkeypatch):
    """Every URL, GET and POST (no data), with each id of the fixed cast in its integer parameters."""
    import tests.urlwalk as urlwalk

    client.force_login(user)
    seen = set()
    for value in sorted(ids):
        monkeypatch.setitem(urlwalk.CONVERTER_SAMPLES, "int", str(value))
        for path, name in all_paths():
            if name in SKIP_NAMES or path.startswith(PUBLIC_PREFIXES) or (path, name) in seen:
                continue
            seen.add((path, name))
            for method in ("get", "post"):
                yield method, path, name, getattr(client, method)(path)


def _cast_ids(client_record, owner, project):
    enrollment = client_record.enrollment_set.first() if hasattr(client_record, "enrollment_set") else None
    ids = {1, client_record.pk, owner.pk, project.pk, project.organization_id}
    if enrollment is not None:
        ids.add(enrollment.pk)
    return ids


@pytest.mark.django_db
def test_it_never_shows_or_changes_the_owners_client_for_an_outsider(
    client, outsider, owner, project, client_record, monkeypatch
):
    checked = 0
    names = (client_record.first_name.encode(), client_record.last_name.encode())
    for method, path, name, response in _walk_as(
        client, outsider, _cast_ids(client_record, owner, project), monkeypatch
    ):
        assert response.status_code < 500, (method, path, name, response.status_code)
        if response.status_code == 200 and not response.streaming:
            for text in names:
                assert text not in response.content, (method, path, name)
        if name in ADMIN_ONLY_NAMES:
            assert response.status_code in (403, 404, 405), (method, path, name, response.status_code)
        checked += 1
    client_record.refresh_from_db()
    assert client_record.last_name == "Lopez" and client_record.date_deleted is None
    assert checked > 20


@pytest.mark.django_db
def test_it_serves_the_owner_and_refuses_them_the_administrators_pages(
    client, owner, project, client_record, monkeypatch
):
    checked = 0
    for method, path, name, response in _walk_as(
        client, owner, _cast_ids(client_record, owner, project), monkeypatch
    ):
        assert response.status_code < 500, (method, path, name, response.status_code)
        if name in ADMIN_ONLY_NAMES:
            assert response.status_code in (403, 404, 405), (method, path, name, response.status_code)
        checked += 1
    assert checked > 20
    assert client.get("/").status_code == 200
    assert client.get("/accounts/me/").status_code == 200
