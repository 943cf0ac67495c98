"""One-time links. Both tokens hash the password, so setting a password spends the link."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

from hearth.accounts import conf


class AccountSetupTokenGenerator(PasswordResetTokenGenerator):
    """The link in the new-account email: valid ACCOUNT_SETUP_LINK_DAYS (a reset link lasts an hour)."""

    key_salt = "hearth.accounts.tokens.AccountSetupTokenGenerator"

    def check_token(self, user: Any, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        max_age = conf.days("ACCOUNT_SETUP_LINK_DAYS").total_seconds()
        return (self._num_seconds(self._now()) - ts) <= max_age


account_setup_token = AccountSetupTokenGenerator()
