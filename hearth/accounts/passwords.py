"""Password rules beyond Django's built-in validators, and temporary passwords.

Listed in AUTH_PASSWORD_VALIDATORS, so every form that sets a password (set-password link, reset,
change, forced change) applies them through django.contrib.auth.password_validation.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, is_password_usable
from django.core.exceptions import ValidationError

from hearth.accounts import conf
from hearth.core import clock


class LettersAndDigitsValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
            raise ValidationError(
                "Use both letters and digits in the password.", code="password_letters_digits"
            )

    def get_help_text(self) -> str:
        return "Your password must contain both letters and digits."


class NotUsernameOrSystemNameValidator:
    """Refuses passwords containing the username or the system's name ("Hearth2026")."""

    def validate(self, password: str, user: Any = None) -> None:
        lowered = password.lower()
        system = str(getattr(settings, "HEARTH_SYSTEM_NAME", "Hearth")).lower()
        if system and system in lowered:
            raise ValidationError(
                f"The password may not contain the system's name ({settings.HEARTH_SYSTEM_NAME}).",
                code="password_system_name",
            )
        username = (getattr(user, "username", "") or "").lower()
        if len(username) >= 3 and username in lowered:
            raise ValidationError("The password may not contain your username.", code="password_username")

    def get_help_text(self) -> str:
        return "Your password may not contain your username or the system's name."


class NotCommonWordOrNameWithDigitsValidator:
    """Refuses a common password or the user's own name dressed up with digits and symbols.

    Django's validators compare the whole password, so "Summer2026" and "Garcia2026" pass them:
    here the letters alone are compared with Django's common-password list and the user's names.
    """

    def __init__(self) -> None:
        from django.contrib.auth.password_validation import CommonPasswordValidator

        self.common = CommonPasswordValidator().passwords

    def validate(self, password: str, user: Any = None) -> None:
        letters = "".join(c for c in password.lower() if c.isalpha())
        if not letters:
            return
        names = {
            (getattr(user, field, "") or "").lower() for field in ("username", "first_name", "last_name")
        }
        names |= {n for name in list(names) for n in name.replace(".", " ").split() if len(n) >= 3}
        names |= {"".join(c for c in name if c.isalpha()) for name in list(names)}
        if letters in {n for n in names if len(n) >= 3}:
            raise ValidationError(
                "The password may not be your name with digits or symbols added.", code="password_own_name"
            )
        if letters in self.common:
            raise ValidationError(
                "The password is a common word with digits or symbols added; choose something less guessable.",
                code="password_common_word",
            )

    def get_help_text(self) -> str:
        return "Your password may not be a common word or your name with digits added."


class PasswordHistoryValidator:
    """Refuses the current password and the ones before it (ACCOUNT_PASSWORD_HISTORY in all)."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        from hearth.accounts.models import PasswordHistory

        keep = conf.value("ACCOUNT_PASSWORD_HISTORY")
        recent = list(
            PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)[:keep]
        )
        # The current hash may predate the history table (accounts created before it existed).
        stored = get_user_model().objects.filter(pk=user.pk).values_list("password", flat=True).first()
        if stored and stored not in recent and is_password_usable(stored):
            recent = [stored, *recent][:keep]
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(
                f"Choose a password you have not used recently (not one of your last {keep}).",
                code="password_reused",
            )

    def password_changed(self, password: str, user: Any = None) -> None:
        """Called by Django after a new password is saved."""
        if user is None or user.pk is None or not is_password_usable(user.password):
            return
        from hearth.accounts.models import PasswordHistory

        PasswordHistory.objects.create(user_id=user.pk, password=user.password, created_at=clock.now())
        keep = conf.value("ACCOUNT_PASSWORD_HISTORY")
        stale = PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[keep:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return (
            f"Your password may not be one of your last {conf.value('ACCOUNT_PASSWORD_HISTORY')} passwords."
        )


_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def temporary_password() -> str:
    """A random password with letters and digits, for Support to read to a user over the phone."""
    while True:
        candidate = "".join(secrets.choice(_ALPHABET) for _ in range(12))
        if any(c.isalpha() for c in candidate) and any(c.isdigit() for c in candidate):
            return f"{candidate[:4]}-{candidate[4:8]}-{candidate[8:]}"
