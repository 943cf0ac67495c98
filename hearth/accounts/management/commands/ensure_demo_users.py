"""Create the demo accounts printed by bin/run (never in production: refuses when DEBUG is off)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import two_factor
from hearth.accounts.models import Role, User
from hearth.projects.models import Organization

DEMO_PASSWORD = "hearth-demo-2026"
# The demo HMIS administrator must sign in with a code like any administrator; its authenticator key
# is fixed and public so a visitor can add it to an app or ask `hearth demo_code` for the code.
DEMO_TOTP_KEY = "4865617274682064656d6f2061646d696e203236"


class Command(BaseCommand):
    help = "Create or refresh the demo-admin and demo-casemanager accounts (DEBUG only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only for a DEBUG (demonstration) instance.")
        agency = Organization.objects.order_by("pk").first()
        specs = [
            ("demo-admin", "Dana", "Admin", Role.HMIS_ADMIN, None, True),
            ("demo-casemanager", "Casey", "Manager", Role.CASE_MANAGER, agency, False),
        ]
        for username, first, last, role, org, superuser in specs:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name, user.role, user.organization = first, last, role, org
            user.email = f"{username}@example.org"
            user.is_staff = user.is_superuser = superuser
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            if two_factor.role_requires_two_factor(role):
                TOTPDevice.objects.filter(user=user).exclude(key=DEMO_TOTP_KEY).delete()
                TOTPDevice.objects.get_or_create(
                    user=user, key=DEMO_TOTP_KEY, defaults={"name": two_factor.DEVICE_NAME, "confirmed": True}
                )
        self.stdout.write("Demo accounts ready.")
