"""Five wrong passwords lock the account; the right password is refused while locked; an hour later
the user signs in."""

from __future__ import annotations

import pytest
import time_machine

from hearth.audit.models import AuditEvent
from hearth.testing import factories
from tests.browser.accounts_steps import local, patient, refusal, seed, sign_in, signed_agreement
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_five_bad_passwords_lock_the_account_for_an_hour(live_server, page):
    patient(page)
    base = live_server.url
    with time_machine.travel(local(2027, 3, 10, 9, 0), tick=True) as traveller:
        seed()
        casey = signed_agreement(factories.UserFactory(username="casey"))
        for attempt in range(1, 5):
            sign_in(page, base, "casey", f"not-my-password-{attempt}")
            assert "The username or password is not right" in refusal(page)
        screenshot(page, "accounts-20-wrong-password")
        sign_in(page, base, "casey", "not-my-password-5")
        text = refusal(page)
        assert "locked after 5 failed sign-ins" in text and "10:00 AM" in text
        screenshot(page, "accounts-21-locked")

        traveller.move_to(local(2027, 3, 10, 9, 40))
        sign_in(page, base, "casey")  # the right password, still locked
        assert "locked" in refusal(page)

        traveller.move_to(local(2027, 3, 10, 10, 1))  # an hour after the fifth failure
        sign_in(page, base, "casey")
        page.get_by_role("heading", name="Home", level=1).wait_for()
        screenshot(page, "accounts-22-signed-in-after-an-hour")

    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED, object_id=str(casey.pk)).count()
        == 6
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN, actor=casey).count() == 1
