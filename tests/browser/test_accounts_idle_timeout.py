"""The idle-session warning: it appears before the session ends, "Stay signed in" keeps the session,
and with no answer the user is signed out and told why. (Periods shortened to seconds.)"""

from __future__ import annotations

import pytest

from hearth.testing import factories
from tests.browser.accounts_steps import patient, seed, sign_in, signed_agreement
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_idle_warning_keeps_or_ends_the_session(live_server, page, settings):
    patient(page)
    settings.SESSION_COOKIE_AGE = 12
    settings.SESSION_IDLE_WARNING_SECONDS = 8
    seed()
    signed_agreement(factories.UserFactory(username="casey"))
    sign_in(page, live_server.url, "casey")
    page.get_by_role("heading", name="Home", level=1).wait_for()

    dialog = page.get_by_role("alertdialog", name="Are you still there?")
    dialog.wait_for(timeout=10_000)
    stay = dialog.get_by_role("button", name="Stay signed in")
    assert page.evaluate("document.activeElement.textContent") == "Stay signed in"
    screenshot(page, "accounts-30-idle-warning")
    stay.click()
    dialog.wait_for(state="hidden")

    # The keepalive restarted the server's clock: the user is still signed in after the old deadline.
    page.wait_for_timeout(5_000)
    assert page.get_by_role("heading", name="Home", level=1).is_visible()

    # No answer this time: signed out, with the reason.
    page.wait_for_url("**/accounts/sign-in/?timeout=1", timeout=20_000)
    page.get_by_text("You were signed out after a period without activity").wait_for()
    screenshot(page, "accounts-31-signed-out-idle")
    page.goto(f"{live_server.url}/")
    assert "/accounts/sign-in/" in page.url
