"""The user's own account page: two-factor setup and removal, password change, keepalive."""

from __future__ import annotations

import datetime as dt

from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.models import Role, RolePolicy
from hearth.accounts.tests.test_sign_in_steps import code_for
from hearth.audit.models import AuditEvent


def test_it_shows_the_account(client, owner):
    client.force_login(owner)
    response = client.get("/accounts/me/")
    assert b"Owner Agency" in response.content and b"Goes inactive" in response.content


def test_it_sets_up_and_removes_an_authenticator(client, owner, frozen):
    client.force_login(owner)
    assert b"<svg" in client.get("/accounts/me/two-factor/").content
    device = TOTPDevice.objects.get(user=owner)
    assert b"not right" in client.post("/accounts/me/two-factor/", {"code": "000000"}).content
    frozen.shift(dt.timedelta(seconds=30))  # django-otp slows guessing down after a wrong code
    device.refresh_from_db()
    client.post("/accounts/me/two-factor/", {"code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    frozen.shift(dt.timedelta(seconds=30))
    device.refresh_from_db()
    response = client.post(
        "/accounts/me/two-factor/remove/", {"password": "correct-horse-42", "code": code_for(device)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert AuditEvent.objects.filter(actor=owner, detail__change="two_factor_disabled").exists()


def test_it_refuses_to_remove_the_authenticator_without_the_password(client, owner, frozen):
    device = TOTPDevice.objects.create(user=owner, name="app", confirmed=True)
    client.force_login(owner)
    response = client.post("/accounts/me/two-factor/remove/", {"password": "nope", "code": code_for(device)})
    assert response.status_code == 400 and b"not your password" in response.content
    assert TOTPDevice.objects.filter(user=owner).exists()


def test_it_refuses_to_remove_the_authenticator_without_a_current_code(client, owner):
    TOTPDevice.objects.create(user=owner, name="app", confirmed=True)
    client.force_login(owner)
    response = client.post(
        "/accounts/me/two-factor/remove/", {"password": "correct-horse-42", "code": "000000"}
    )
    assert response.status_code == 400 and b"code is not right" in response.content
    assert TOTPDevice.objects.filter(user=owner).exists()


def test_it_refuses_a_bare_post_that_removes_the_authenticator(client, owner):
    TOTPDevice.objects.create(user=owner, name="app", confirmed=True)
    client.force_login(owner)
    assert client.post("/accounts/me/two-factor/remove/").status_code == 400
    assert TOTPDevice.objects.filter(user=owner).exists()


def test_it_keeps_the_authenticator_of_an_hmis_admin(client, admin_user, frozen):
    device = TOTPDevice.objects.create(user=admin_user, name="app", confirmed=True)
    admin_user.set_password("correct-horse-42")
    admin_user.save()
    client.force_login(admin_user)
    response = client.post(
        "/accounts/me/two-factor/remove/", {"password": "correct-horse-42", "code": code_for(device)}
    )
    assert b"cannot be turned off" in response.content
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_it_keeps_the_authenticator_when_the_role_requires_it(client, owner):
    RolePolicy.objects.create(role=Role.CASE_MANAGER, require_two_factor=True)
    TOTPDevice.objects.create(user=owner, name="app", confirmed=True)
    client.force_login(owner)
    client.post("/accounts/me/two-factor/remove/")
    assert TOTPDevice.objects.filter(user=owner).exists()


def test_it_changes_the_password(client, owner):
    client.force_login(owner)
    wrong = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "lake-view-7781", "new_password2": "lake-view-7781"},
    )
    assert b"current password is not right" in wrong.content
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "correct-horse-42",
            "new_password1": "lake-view-7781",
            "new_password2": "lake-view-7781",
        },
    )
    assert response["Location"] == "/accounts/me/"
    owner.refresh_from_db()
    assert owner.check_password("lake-view-7781")
    assert client.get("/accounts/me/").status_code == 200  # still signed in


def test_keepalive_answers_a_signed_in_user(client, owner):
    client.force_login(owner)
    assert client.post("/accounts/session/keepalive/").status_code == 204
