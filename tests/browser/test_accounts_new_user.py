"""A new user's way in: the academy reports a finished training series, an HMIS administrator issues
the account, the user chooses a password with the emailed one-time link, signs the user agreement
and signs in."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail

from hearth.accounts.models import AccountRequest, User
from hearth.audit.models import AuditEvent
from hearth.testing import factories
from tests.browser.accounts_steps import emailed_link, local, patient, seed, sign_in, sign_out, support_worker
from tests.browser.conftest import PHONE, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROSTER = (
    "First Name,Last Name,Email,Employer,Course,Completion Date\n"
    "Rosa,Diaz,rosa.diaz@academy.example,Harbor Interfaith,Families,2027-03-09\n"
)


def test_a_new_user_goes_from_training_to_signing_in(live_server, page):
    patient(page)
    base = live_server.url
    with time_machine.travel(local(2027, 3, 10, 9, 0), tick=True):
        seed()
        agency = factories.OrganizationFactory(organization_name="Harbor Interfaith")
        support_worker()

        # The academy's roster is uploaded; the completed series queues a new-account request.
        sign_in(page, base, "support1")
        page.goto(f"{base}/accounts/training/")
        page.get_by_label("Academy CSV file").set_input_files(
            files=[{"name": "academy-march.csv", "mimeType": "text/csv", "buffer": ROSTER.encode()}]
        )
        page.get_by_role("button", name="Upload").click()
        page.get_by_text("1 new-account request(s) queued").wait_for()
        screenshot(page, "accounts-01-training-uploaded")

        # An HMIS administrator works the queue: agency and role, then the account.
        page.get_by_role("link", name="Account requests").click()
        page.get_by_role("link", name="Issue account for Rosa Diaz").click()
        page.get_by_label("Agency").select_option(label="Harbor Interfaith")
        page.get_by_label("Role").select_option(label="Case manager")
        assert page.get_by_label("Username").input_value() == "rdiaz"
        page.get_by_label("Work email").fill("rdiaz@harbor.example")
        screenshot(page, "accounts-02-issue-account")
        page.get_by_role("button", name="Create account").click()
        page.get_by_text("Account rdiaz issued").wait_for()
        sign_out(page)

        rosa = User.objects.get(username="rdiaz")
        assert rosa.organization == agency and not rosa.has_usable_password()
        assert AccountRequest.objects.get().status == AccountRequest.Status.ISSUED
        welcome = next(m for m in mail.outbox if m.to == ["rdiaz@harbor.example"])
        assert "Password:" not in welcome.body  # a link to choose one, never a password

        # The user follows the one-time link on a phone and chooses a password.
        page.set_viewport_size(PHONE)
        page.goto(emailed_link("rdiaz@harbor.example", "/accounts/welcome/"))
        page.get_by_role("heading", name="Choose your password").wait_for()
        page.get_by_label(re.compile(r"^New password:?$")).fill("harbor-light-4471")
        page.get_by_label("New password again").fill("harbor-light-4471")
        screenshot(page, "accounts-03-choose-password-phone")
        page.get_by_role("button", name="Save password").click()
        page.get_by_role("heading", name="Password saved").wait_for()

        # First sign-in: the user agreement, then the home page.
        sign_in(page, base, "rdiaz", "harbor-light-4471")
        page.get_by_role("heading", name="HMIS user agreement").wait_for()
        screenshot(page, "accounts-04-user-agreement-phone")
        page.get_by_label("I have read the agreement").check()
        page.get_by_role("button", name="Sign the agreement and continue").click()
        page.get_by_role("heading", name="Home", level=1).wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "accounts-05-first-sign-in-phone")

        # The link was spent: it cannot set the password again.
        page.goto(emailed_link("rdiaz@harbor.example", "/accounts/welcome/"))
        page.get_by_role("heading", name="This link no longer works").wait_for()

    rosa.refresh_from_db()
    assert rosa.last_login is not None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN, actor=rosa).exists()
