"""The steps of signing in after the password: two-factor code, new password (after a temporary one),
user agreement. Until the last step is done the visitor is not signed in: the account waits in the
session, for at most ACCOUNT_PENDING_SIGN_IN_MINUTES, so no page is reachable half-way through."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_otp
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from hearth.accounts import conf
from hearth.accounts.forms import SignInForm
from hearth.accounts.models import User
from hearth.accounts.net import client_ip
from hearth.accounts.services.agreement import needs_agreement
from hearth.accounts.services.sign_in import record_sign_in, refusal_now
from hearth.accounts.two_factor import confirmed_device, two_factor_needed
from hearth.core import clock

PENDING = "hearth_pending_sign_in"
BACKEND = "hearth.accounts.backends.HearthBackend"


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse("home")


def begin(request: HttpRequest, user: User, next_url: str | None) -> HttpResponse:
    request.session[PENDING] = {
        "uid": user.pk,
        "at": clock.now().isoformat(),
        "next": safe_next(request, next_url),
        "two_factor_ok": False,
        "device": "",
    }
    return advance(request)


def pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    started = dt.datetime.fromisoformat(data["at"])
    if clock.now() - started > conf.minutes("ACCOUNT_PENDING_SIGN_IN_MINUTES"):
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=data["uid"]).first()
    if user is None:
        return None
    return user, data


def mark_two_factor(request: HttpRequest, device_id: str) -> None:
    data = request.session[PENDING]
    data["two_factor_ok"] = True
    data["device"] = device_id
    request.session[PENDING] = data


def next_step(user: User, data: dict[str, Any]) -> str | None:
    if two_factor_needed(user) and not data.get("two_factor_ok"):
        return "accounts:sign_in_two_factor"
    if user.must_change_password:
        return "accounts:sign_in_new_password"
    if needs_agreement(user):
        return "accounts:sign_in_agreement"
    return None


def refuse(request: HttpRequest, message: Any) -> HttpResponse:
    request.session.pop(PENDING, None)
    return render(request, "accounts/sign_in.html", {"form": SignInForm(), "refusal": message}, status=403)


def advance(request: HttpRequest) -> HttpResponse:
    found = pending(request)
    if found is None:
        return HttpResponseRedirect(reverse("accounts:login"))
    user, data = found
    step = next_step(user, data)
    if step is not None:
        return HttpResponseRedirect(reverse(step))
    refusal = refusal_now(user)
    if refusal is not None:
        return refuse(request, refusal.message)
    request.session.pop(PENDING, None)
    login(request, user, backend=BACKEND)
    device = confirmed_device(user) if data.get("two_factor_ok") else None
    if device is not None:
        django_otp.login(request, device)
    record_sign_in(user, ip_address=client_ip(request), two_factor=device is not None)
    return HttpResponseRedirect(data["next"])
