"""The signed-in user's own account: details, two-factor setup, the idle-session keepalive."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.accounts import states, two_factor
from hearth.accounts.forms import CodeForm, TwoFactorRemoveForm
from hearth.accounts.models import AgreementSignature
from hearth.accounts.services.security import two_factor_remove as two_factor_remove_service
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record


def profile(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = {
        "account": user,
        "inactive_at": states.inactive_at(user),
        "two_factor": two_factor.confirmed_device(user) is not None,
        "two_factor_required": two_factor.role_requires_two_factor(user.role),
        "signature": AgreementSignature.objects.filter(user=user).select_related("agreement").first(),
    }
    return render(request, "accounts/profile.html", context)


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if two_factor.confirmed_device(user) is not None:
        return HttpResponseRedirect(reverse("accounts:profile"))
    device = two_factor.unconfirmed_device(user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm(device, form.cleaned_data["code"]):
            audit_record(
                actor=user,
                action=AuditEvent.Action.ACCOUNT,
                obj=user,
                detail={"change": "two_factor_enabled"},
            )
            messages.success(
                request, "Two-factor sign-in is on. You will enter a code from the app each time you sign in."
            )
            return HttpResponseRedirect(reverse("accounts:profile"))
        form.add_error("code", "That code is not right. Try the newest code the app shows.")
    context = {"form": form, "qr": two_factor.qr_svg(device), "secret": two_factor.secret_for_typing(device)}
    return render(request, "accounts/two_factor_setup.html", context)


@require_http_methods(["GET", "POST"])
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    """Turning two-factor sign-in off asks for the password and a code again."""
    form = TwoFactorRemoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor_remove_service(
                user=request.user, password=form.cleaned_data["password"], code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, messages_ in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, messages_)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, "Two-factor sign-in is off.")
            return HttpResponseRedirect(reverse("accounts:profile"))
    return render(
        request, "accounts/two_factor_remove.html", {"form": form}, status=400 if form.errors else 200
    )


@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """The idle-timeout warning's "Stay signed in": any request restarts the session's clock."""
    return HttpResponse(status=204)
