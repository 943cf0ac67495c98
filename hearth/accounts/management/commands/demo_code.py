"""Print the demo administrator's current two-factor code (DEBUG only), for trying Hearth without
an authenticator app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import two_factor
from hearth.accounts.management.commands.ensure_demo_users import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the current sign-in code of demo-admin (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("The demo code is only for a DEBUG (demonstration) instance.")
        device = TOTPDevice.objects.filter(user__username="demo-admin", key=DEMO_TOTP_KEY).first()
        if device is None:
            raise CommandError("No demo administrator: run `hearth ensure_demo_users` first.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():06d}  (key {two_factor.secret_for_typing(device)})")
