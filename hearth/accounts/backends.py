"""The authentication backend: Django's, with Hearth's sign-in rules in front of the password check.

The sign-in page calls hearth.accounts.services.sign_in directly (it needs the reason for a refusal
and runs the later steps: two-factor code, new password, user agreement). This backend makes any
other caller of ``authenticate()`` obey the same lockout, rate limits and account states, and refuse
accounts that need a two-factor code, which a password alone cannot supply.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from hearth.accounts.net import client_ip

# Account states whose existing sessions stop working (see hearth/accounts/states.py).
REFUSED_SESSION_STATES = frozenset({"closed", "locked", "inactive"})


class HearthBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        from hearth.accounts.services.sign_in import check_sign_in
        from hearth.accounts.two_factor import two_factor_needed

        if username is None or password is None:
            return None
        ip = client_ip(request) if request is not None and hasattr(request, "META") else None
        result = check_sign_in(username=username, password=password, ip_address=ip)
        if not result.ok or result.user is None or two_factor_needed(result.user):
            return None
        return result.user

    def get_user(self, user_id: Any) -> Any:
        """The session's user, unless the account has since been closed, locked or gone inactive.

        The states are checked at sign-in; checking them again on every request ends a session that
        outlived the account's standing (locked by failed sign-ins elsewhere, or unused for so long
        it went inactive), so the visitor is treated as signed out.
        """
        from hearth.accounts import states

        user = super().get_user(user_id)
        if user is None:
            return None
        if states.account_state(user) in REFUSED_SESSION_STATES:
            return None
        return user
