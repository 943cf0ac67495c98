"""Emails to staff about their accounts. None carries a password; links are one-time and expire."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hearth.accounts import conf, links
from hearth.accounts.models import User
from hearth.accounts.tokens import account_setup_token
from hearth.core import clock


def _send(user: User, subject: str, template: str, context: dict[str, Any], base_url: str | None) -> None:
    if not user.email:
        return
    context = {
        "user": user,
        "system_name": settings.HEARTH_SYSTEM_NAME,
        "sign_in_link": links.absolute(reverse("accounts:login"), base_url),
        "support_link": links.absolute(reverse("support:ticket_new"), base_url),
        **context,
    }
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(f"[{settings.HEARTH_SYSTEM_NAME} HMIS] {subject}", body, None, [user.email])


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def setup_link(user: User, base_url: str | None = None) -> str:
    path = reverse("accounts:account_setup", args=[_uid(user), account_setup_token.make_token(user)])
    return links.absolute(path, base_url)


def send_account_setup(user: User, base_url: str | None = None) -> None:
    _send(
        user,
        "Your new account: choose a password",
        "account_setup",
        {"link": setup_link(user, base_url), "days": conf.value("ACCOUNT_SETUP_LINK_DAYS")},
        base_url,
    )


def send_password_reset(user: User, base_url: str | None = None) -> None:
    path = reverse(
        "accounts:password_reset_confirm", args=[_uid(user), default_token_generator.make_token(user)]
    )
    _send(
        user,
        "Reset your password",
        "password_reset",
        {"link": links.absolute(path, base_url), "minutes": settings.PASSWORD_RESET_TIMEOUT // 60},
        base_url,
    )


def send_reactivated(
    user: User, *, deadline: dt.datetime, temporary_password: bool, base_url: str | None
) -> None:
    local = deadline.astimezone(clock.coc_zone()) - dt.timedelta(minutes=1)
    _send(
        user,
        "Your account was reactivated: sign in today",
        "reactivated",
        {"deadline": date_format(local, "l, F j, g:i A"), "temporary_password": temporary_password},
        base_url,
    )


def send_unlocked(user: User, base_url: str | None = None) -> None:
    _send(user, "Your account was unlocked", "unlocked", {}, base_url)


def send_inactivity_reminder(user: User, *, last_activity: dt.datetime, inactive_at: dt.datetime) -> None:
    zone = clock.coc_zone()
    _send(
        user,
        "Sign in soon to keep your account active",
        "inactivity_reminder",
        {
            "last_activity": date_format(last_activity.astimezone(zone), "F j, Y"),
            "inactive_on": date_format(inactive_at.astimezone(zone), "l, F j, Y"),
        },
        None,
    )


def send_account_closed(user: User, *, reason: str, new_username: str = "") -> None:
    _send(
        user,
        "Your account was closed",
        "account_closed",
        {"reason": reason, "new_username": new_username},
        None,
    )
