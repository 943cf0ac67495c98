"""The account rules' periods and limits, read from settings with their defaults.

Every period the account lifecycle uses is a setting so a CoC can change its policy without a code
change (and a test can shorten one with pytest-django's ``settings`` fixture). Read them through
these functions, never at import time, so overridden settings take effect.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

DEFAULTS: dict[str, int] = {
    # No sign-in for this many days: the account is Inactive.
    "ACCOUNT_INACTIVE_AFTER_DAYS": 30,
    # Reactivation without retraining when the last sign-in is at most this many days old.
    "ACCOUNT_REACTIVATE_WITHOUT_RETAKE_DAYS": 90,
    # Consecutive failed sign-ins that lock an account, and how long the lock lasts.
    "ACCOUNT_LOCKOUT_FAILURES": 5,
    "ACCOUNT_LOCKOUT_MINUTES": 60,
    # Rate limits: attempts per username, failures per IP address, in a sliding window.
    "ACCOUNT_RATE_LIMIT_WINDOW_MINUTES": 15,
    "ACCOUNT_RATE_LIMIT_PER_USERNAME": 10,
    "ACCOUNT_RATE_LIMIT_PER_IP": 30,
    # The reminder email goes this many days before an account would go inactive.
    "ACCOUNT_REMINDER_DAYS_BEFORE": 5,
    # An employer change waives retraining when the old account was used within this many days.
    "ACCOUNT_EMPLOYER_CHANGE_WAIVER_DAYS": 90,
    # The one-time link that lets a new user set a first password is valid this many days.
    "ACCOUNT_SETUP_LINK_DAYS": 7,
    # A signed user agreement lasts this many days.
    "ACCOUNT_AGREEMENT_RENEW_DAYS": 365,
    # Passwords that may not be reused (the current one included).
    "ACCOUNT_PASSWORD_HISTORY": 3,
    # Sign-in steps after the password (two-factor, agreement) must finish within this many minutes.
    "ACCOUNT_PENDING_SIGN_IN_MINUTES": 15,
    # The idle-timeout warning appears this many seconds before the session ends.
    "SESSION_IDLE_WARNING_SECONDS": 120,
    # Sign-in attempts are kept this many days for the rate limits (the audit trail keeps them all).
    "ACCOUNT_ATTEMPTS_KEEP_DAYS": 7,
}


def value(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


def days(name: str) -> dt.timedelta:
    return dt.timedelta(days=value(name))


def minutes(name: str) -> dt.timedelta:
    return dt.timedelta(minutes=value(name))


def session_idle_seconds() -> int:
    return int(settings.SESSION_COOKIE_AGE)
