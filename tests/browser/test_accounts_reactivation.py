"""31 days idle: sign-in is refused with a way back; the user opens a ticket without signing in,
HMIS Support reactivates the account from the ticket, and the user signs in the same day. In the
second case the user waits past midnight and is refused again."""

from __future__ import annotations

import pytest
import time_machine

from hearth.accounts.states import AccountState, account_state
from hearth.support import services
from hearth.support.models import Category, Status, Ticket, TicketAction
from hearth.testing import factories
from tests.browser.accounts_steps import (
    emailed_link,
    local,
    patient,
    refusal,
    seed,
    sign_in,
    signed_agreement,
    support_worker,
)
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def reactivate_on_the_desk(chromium, base, ticket, shot: str | None = None) -> None:
    """An HMIS Support worker, in their own browser, reactivates the account from the ticket."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    try:
        sign_in(desk, base, "support1")
        desk.get_by_role("link", name="Support desk").click()
        desk.get_by_role("link", name=ticket.reference).click()
        desk.get_by_text("it can be reactivated now").wait_for()
        if shot:
            screenshot(desk, f"{shot}-desk-ticket")
        desk.get_by_role("button", name="Reactivate account").click()
        desk.get_by_text("Account reactivated").wait_for()
        assert desk.get_by_test_id("ticket-status").inner_text() == "Resolved"
        if shot:
            screenshot(desk, f"{shot}-desk-reactivated")
    finally:
        context.close()


def test_an_idle_user_is_refused_asks_support_and_signs_in_the_same_day(live_server, page, chromium):
    patient(page)
    base = live_server.url
    with time_machine.travel(local(2027, 3, 10, 9, 0), tick=True) as traveller:
        seed()
        casey = signed_agreement(
            factories.UserFactory(username="casey", email="casey@harbor.example", first_name="Casey")
        )

        traveller.move_to(local(2027, 4, 10, 9, 0))  # 31 days without signing in
        support_worker()
        sign_in(page, base, "casey")
        assert "Your account is inactive" in refusal(page)
        screenshot(page, "accounts-10-inactive-refused")

        # The refusal links to a reactivation ticket; no sign-in needed.
        page.get_by_role("link", name="open a reactivation ticket with HMIS Support").click()
        assert page.get_by_label("What do you need help with?").input_value() == "reactivate"
        page.get_by_label("First name").fill("Casey")
        page.get_by_label("Last name").fill("Rivera")
        page.get_by_label("Your email address").fill("casey@harbor.example")
        page.get_by_label("Your Hearth username").fill("casey")
        page.get_by_label("Subject").fill("Account inactive")
        page.get_by_label("Details").fill("I was on leave for a month. Please reactivate my account.")
        screenshot(page, "accounts-11-ticket-form")
        page.get_by_role("button", name="Send to HMIS Support").click()
        page.get_by_role("heading", name="Check your email").wait_for()

        # The requester proves the address with the emailed link; the ticket reaches the desk.
        page.goto(emailed_link("casey@harbor.example", "/support/link/"))
        page.get_by_text("is now with HMIS Support").wait_for()
        screenshot(page, "accounts-12-ticket-confirmed")
        ticket = Ticket.objects.get()
        assert ticket.account == casey and ticket.verified_at is not None

        traveller.move_to(local(2027, 4, 10, 14, 0))
        reactivate_on_the_desk(chromium, base, ticket, shot="accounts-13")
        assert ticket.actions.filter(kind=TicketAction.Kind.REACTIVATE, target_user=casey).exists()

        # The requester follows the ticket's emailed link (their earlier visit has long timed out),
        # sees the outcome, then signs in the same evening.
        page.goto(emailed_link("casey@harbor.example", "/support/link/"))
        assert page.get_by_test_id("ticket-status").inner_text() == "Resolved"
        traveller.move_to(local(2027, 4, 10, 21, 30))
        sign_in(page, base, "casey")
        page.get_by_role("heading", name="Home", level=1).wait_for()
        screenshot(page, "accounts-14-signed-in-same-day")

    casey.refresh_from_db()
    assert account_state(casey) == AccountState.ACTIVE


def test_a_reactivated_user_who_waits_past_midnight_is_refused(live_server, page, chromium):
    patient(page)
    base = live_server.url
    with time_machine.travel(local(2027, 3, 10, 9, 0), tick=True) as traveller:
        seed()
        signed_agreement(factories.UserFactory(username="casey", email="casey@harbor.example"))
        traveller.move_to(local(2027, 4, 10, 9, 0))
        support_worker()
        ticket = services.ticket_open(
            category=Category.REACTIVATE,
            subject="Account inactive",
            body="Please reactivate.",
            first_name="Casey",
            last_name="Rivera",
            email="casey@harbor.example",
            username="casey",
        )
        services.ticket_verify(ticket=ticket, email="casey@harbor.example")

        traveller.move_to(local(2027, 4, 10, 16, 0))
        reactivate_on_the_desk(chromium, base, ticket)
        assert Ticket.objects.get().status == Status.RESOLVED

        traveller.move_to(local(2027, 4, 11, 0, 5))  # five past midnight: too late
        sign_in(page, base, "casey")
        text = refusal(page)
        assert "reactivated but not signed in to the same day" in text
        screenshot(page, "accounts-15-refused-after-midnight")
        assert page.get_by_role("link", name="open a reactivation ticket with HMIS Support").is_visible()
