"""The help centre: seeded pages, public reading, administrators editing, safe rendering."""

from __future__ import annotations

import re

import pytest

from hearth.accounts.services import sign_in as sign_in_messages
from hearth.support.models import HelpArticle

SEEDED = {
    "sign-in-problems",
    "searching-for-participants",
    "duplicate-records",
    "enrollment-and-exit",
    "households",
    "getting-an-account",
}


def test_the_migration_seeds_the_pages(db):
    assert set(HelpArticle.objects.values_list("slug", flat=True)) >= SEEDED


def test_anyone_reads_the_pages(client, db):
    index = client.get("/support/help/")
    assert b"Problems signing in" in index.content and b"Households" in index.content
    page = client.get("/support/help/sign-in-problems/")
    assert page.status_code == 200
    assert b'<h2 id="inactive-account">Inactive account</h2>' in page.content


@pytest.mark.parametrize(
    "message",
    [
        lambda: sign_in_messages.locked_message(__import__("django.utils.timezone").utils.timezone.now()),
        sign_in_messages.throttled_message,
        sign_in_messages.closed_message,
    ],
)
def test_every_sign_in_message_links_to_a_real_help_section(client, db, message):
    html = str(message())
    links = re.findall(r'href="(/support/help/[^"#]+)#([^"]+)"', html)
    assert links
    for path, anchor in links:
        page = client.get(path)
        assert page.status_code == 200
        assert f'id="{anchor}"'.encode() in page.content


def test_the_inactive_message_links_to_a_real_help_section(client, owner):
    html = str(sign_in_messages.inactive_message(owner))
    path, anchor = re.findall(r'href="(/support/help/[^"#]+)#([^"]+)"', html)[0]
    assert f'id="{anchor}"'.encode() in client.get(path).content


def _page(**changes):
    return {
        "title": "Households",
        "slug": "households",
        "section": "enrollments",
        "summary": "",
        "position": 2,
        "published": "on",
        "body": "Text",
        **changes,
    }


def test_it_refuses_a_help_page_saved_over_another_editors_save(client, admin_user):
    client.force_login(admin_user)
    stale = client.get("/support/help/households/edit/").context["edit_token"]
    fresh = client.get("/support/help/households/edit/").context["edit_token"]
    client.post("/support/help/households/edit/", _page(body="First editor", edit_token=fresh))

    refused = client.post("/support/help/households/edit/", _page(body="Second editor", edit_token=stale))

    assert refused.status_code == 409
    assert "someone else changed this help article" in refused.content.decode()
    assert b"First editor" in client.get("/support/help/households/").content


def test_an_administrator_edits_a_page(client, admin_user):
    client.force_login(admin_user)
    token = client.get("/support/help/households/edit/").context["edit_token"]
    response = client.post(
        "/support/help/households/edit/",
        {
            "edit_token": token,
            "title": "Households",
            "slug": "households",
            "section": "enrollments",
            "summary": "",
            "position": 2,
            "published": "on",
            "body": "## New\n\nUpdated text <script>alert(1)</script> [x](javascript:alert(1))",
        },
    )
    assert response["Location"] == "/support/help/households/"
    page = client.get("/support/help/households/").content
    assert b"Updated text" in page
    assert b"<script>alert" not in page and b"javascript:" not in page


def test_an_administrator_adds_a_draft_that_only_administrators_see(client, admin_user, owner):
    client.force_login(admin_user)
    client.post(
        "/support/help/new/",
        {
            "title": "Reports",
            "slug": "reports",
            "section": "other",
            "summary": "",
            "position": 1,
            "body": "Soon.",
        },
    )
    assert client.get("/support/help/reports/").status_code == 200
    client.force_login(owner)
    assert client.get("/support/help/reports/").status_code == 404


def test_others_cannot_edit(client, owner):
    client.force_login(owner)
    assert client.get("/support/help/households/edit/").status_code == 403
    assert client.post("/support/help/new/", {"title": "x"}).status_code == 403
