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
