"""The sign-in steps after the password: forced new password, user agreement, two-factor code.
Until the last step the visitor is not signed in."""

from __future__ import annotations

import datetime as dt

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.models import AgreementSignature, Role, RolePolicy
from hearth.accounts.tests.helpers import sign_agreement, sign_in
from hearth.audit.models import AuditEvent
from hearth.core import clock
from hearth.testing import factories


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.fixture
def user(db):
    return factories.UserFactory(username="casey")


def test_it_asks_for_the_agreement_at_first_sign_in(client, user):
    response = sign_in(client, "casey")
    assert response["Location"] == "/accounts/sign-in/agreement/"
    assert client.get("/").status_code == 302  # not signed in yet
    page = client.get("/accounts/sign-in/agreement/")
    assert b"HMIS user agreement" in page.content
    response = client.post("/accounts/sign-in/agreement/", {"accept": "on"}, REMOTE_ADDR="203.0.113.7")
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    signature = AgreementSignature.objects.get(user=user)
    assert signature.ip_address == "203.0.113.7"


def test_it_refuses_to_continue_without_accepting(client, user):
    sign_in(client, "casey")
    response = client.post("/accounts/sign-in/agreement/", {})
    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert client.get("/").status_code == 302


def test_it_asks_again_a_year_later(client, user, frozen):
    sign_agreement(user)
    frozen.shift(dt.timedelta(days=365))
    user.last_login = clock.now()  # an account in regular use
    user.save()
    assert sign_in(client, "casey")["Location"] == "/accounts/sign-in/agreement/"


def test_it_does_not_ask_within_the_year(client, user, frozen):
    sign_agreement(user)
    frozen.shift(dt.timedelta(days=364))
    user.last_login = clock.now()
    user.save()
    assert sign_in(client, "casey")["Location"] == "/"


def test_it_forces_a_new_password_after_a_temporary_one(client, user):
    sign_agreement(user)
    user.set_password("Tmp4-abcd-EFGH")
    user.must_change_password = True
    user.save()
    assert sign_in(client, "casey", "Tmp4-abcd-EFGH")["Location"] == "/accounts/sign-in/new-password/"
    assert client.get("/").status_code == 302
    bad = client.post(
        "/accounts/sign-in/new-password/", {"new_password1": "short1", "new_password2": "short1"}
    )
    assert b"too short" in bad.content
    reused = client.post(
        "/accounts/sign-in/new-password/",
        {"new_password1": "Tmp4-abcd-EFGH", "new_password2": "Tmp4-abcd-EFGH"},
    )
    assert b"not used recently" in reused.content
    response = client.post(
        "/accounts/sign-in/new-password/",
        {"new_password1": "blue-river-7731", "new_password2": "blue-river-7731"},
    )
    assert response["Location"] == "/"
    user.refresh_from_db()
    assert not user.must_change_password
    assert user.check_password("blue-river-7731")


def test_it_forgets_a_half_finished_sign_in_after_15_minutes(client, user, frozen):
    sign_in(client, "casey")
    frozen.shift(dt.timedelta(minutes=16))
    response = client.post("/accounts/sign-in/agreement/", {"accept": "on"})
    assert response["Location"] == "/accounts/sign-in/"
    assert not AgreementSignature.objects.filter(user=user).exists()


def test_it_refuses_the_step_pages_without_a_password_first(client, user):
    for step in ("code", "new-password", "agreement"):
        assert client.get(f"/accounts/sign-in/{step}/")["Location"] == "/accounts/sign-in/"


def test_it_asks_for_a_code_when_the_user_has_an_authenticator(client, user):
    sign_agreement(user)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    assert sign_in(client, "casey")["Location"] == "/accounts/sign-in/code/"
    response = client.post("/accounts/sign-in/code/", {"code": code_for(device)})
    assert response["Location"] == "/"
    assert AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN).detail == {"two_factor": True}
    assert client.get("/").status_code == 200


def test_it_counts_wrong_codes_as_failed_sign_ins(client, user):
    sign_agreement(user)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, "casey")
    for _ in range(4):
        assert b"That code is not right" in client.post("/accounts/sign-in/code/", {"code": "000000"}).content
    response = client.post("/accounts/sign-in/code/", {"code": "000000"})
    assert response.status_code == 403
    assert b"locked" in response.content
    user.refresh_from_db()
    assert user.locked_at is not None


def test_it_walks_a_user_through_setup_when_their_role_requires_it(client, user):
    sign_agreement(user)
    RolePolicy.objects.create(role=Role.CASE_MANAGER, require_two_factor=True)
    assert sign_in(client, "casey")["Location"] == "/accounts/sign-in/code/"
    page = client.get("/accounts/sign-in/code/")
    assert b"Set up two-factor sign-in" in page.content
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/accounts/sign-in/code/", {"code": code_for(device)})["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed


def test_it_does_not_ask_other_roles_for_a_code(client, user):
    sign_agreement(user)
    RolePolicy.objects.create(role=Role.HMIS_ADMIN, require_two_factor=True)
    assert sign_in(client, "casey")["Location"] == "/"


def test_it_refuses_authenticate_for_accounts_that_need_a_code(client, user):
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    assert not client.login(username="casey", password="correct-horse-42")
