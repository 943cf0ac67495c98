"""The account, Support and audit pages fit a 390px phone (nothing scrolls sideways)."""

from __future__ import annotations

import pytest

from hearth.support import services
from hearth.support.models import Category
from hearth.testing import factories
from tests.browser.accounts_steps import patient, seed, sign_in, support_worker
from tests.browser.conftest import PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC_PAGES = [
    "/accounts/sign-in/",
    "/accounts/password-reset/",
    "/support/tickets/new/?category=merge_duplicates",
    "/support/help/",
    "/support/help/sign-in-problems/",
]
STAFF_PAGES = [
    "/accounts/training/",
    "/accounts/requests/",
    "/accounts/users/",
    "/accounts/me/",
    "/accounts/security/",
    "/support/desk/",
    "/audit/",
]


def test_the_pages_fit_a_phone(live_server, page):
    patient(page)
    seed()
    factories.UserFactory(username="casey")
    support_worker()
    ticket = services.ticket_open(
        category=Category.MERGE_DUPLICATES,
        subject="Two records for one person",
        body="Same person twice.",
        first_name="Casey",
        last_name="Rivera",
        email="casey@harbor.example",
        client_identifiers="1024, 2048",
    )
    services.ticket_verify(ticket=ticket, email="casey@harbor.example")
    page.set_viewport_size(PHONE)
    for path in PUBLIC_PAGES:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    sign_in(page, live_server.url, "support1")
    for path in [*STAFF_PAGES, f"/support/desk/{ticket.pk}/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
            ".map(e => e.tagName + '.' + e.className + ' ' + (e.id || '')).slice(0, 5)"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (path, wide)
    screenshot(page, "accounts-40-desk-ticket-phone")
