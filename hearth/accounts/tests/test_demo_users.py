"""The demo accounts that bin/run prints, and the demo administrator's two-factor code."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import two_factor
from hearth.accounts.models import User


def test_it_gives_the_demo_admin_a_confirmed_authenticator(db, settings):
    settings.DEBUG = True
    call_command("ensure_demo_users", stdout=io.StringIO())
    call_command("ensure_demo_users", stdout=io.StringIO())  # a second run keeps one device
    admin = User.objects.get(username="demo-admin")
    assert TOTPDevice.objects.filter(user=admin).count() == 1
    assert two_factor.confirmed_device(admin) is not None
    assert not TOTPDevice.objects.filter(user__username="demo-casemanager").exists()


def test_it_prints_a_code_the_sign_in_accepts(db, settings):
    settings.DEBUG = True
    call_command("ensure_demo_users", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]
    device = two_factor.confirmed_device(User.objects.get(username="demo-admin"))
    assert device is not None and two_factor.verify(device, code)


def test_it_refuses_outside_a_demonstration_instance(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_code", stdout=io.StringIO())
