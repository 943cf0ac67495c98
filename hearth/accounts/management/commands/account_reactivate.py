"""Reactivate an account from the server's shell: the way back in when no HMIS administrator can
sign in (their own accounts went inactive). Day-to-day reactivation happens on a Support ticket."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hearth.accounts.models import User
from hearth.accounts.services.lifecycle import account_reactivate


class Command(BaseCommand):
    help = "Reactivate an inactive account (same rules as Support: RETAKE beyond 90 days)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError("No such user.")
        try:
            result = account_reactivate(user=user, actor=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Reactivated {user.username}; sign in before {result.deadline:%Y-%m-%d %H:%M %Z}.")
        if result.temporary_password:
            self.stdout.write(f"Temporary password (must be changed at sign-in): {result.temporary_password}")
