"""Steps shared by the account lifecycle browser tests."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.core import mail

from hearth.accounts.models import AgreementSignature, Role, UserAgreement
from hearth.accounts.seeds import seed_agreement
from hearth.core import clock
from hearth.support.helptext import seed_help
from hearth.support.models import HelpArticle
from hearth.testing import factories
from tests.browser.conftest import pass_two_factor

LA = ZoneInfo("America/Los_Angeles")
PASSWORD = "correct-horse-42"  # factories.DEFAULT_PASSWORD


def patient(page) -> None:
    """The machine running the suite may be busy (two browsers and servers per run): be patient."""
    page.set_default_timeout(45_000)


def seed() -> None:
    """Live-server tests empty the tables between tests, seeded rows included: put them back."""
    seed_agreement(UserAgreement)
    seed_help(HelpArticle)


def signed_agreement(user):
    agreement = UserAgreement.objects.order_by("-version").first()
    AgreementSignature.objects.create(user=user, agreement=agreement, signed_at=clock.now())
    return user


def support_worker(username: str = "support1"):
    """An HMIS administrator who works the Support desk, signed in recently (so active)."""
    return signed_agreement(
        factories.UserFactory(
            username=username, role=Role.HMIS_ADMIN, organization=None, email=f"{username}@hmis.example"
        )
    )


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LA)


def sign_in(page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    pass_two_factor(page, username)


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def refusal(page) -> str:
    return page.get_by_test_id("sign-in-refusal").inner_text()


def emailed_link(to: str, contains: str) -> str:
    for message in reversed(mail.outbox):
        if to in message.to:
            for link in re.findall(r"https?://\S+", message.body):
                if contains in link:
                    return link
    raise AssertionError(f"no email to {to} with a link containing {contains!r}")
