"""Signing in and out, and the sign-in steps after the password (all reachable without a session)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from hearth.accounts import flow, two_factor
from hearth.accounts.forms import AgreementForm, CodeForm, NewPasswordForm, SignInForm
from hearth.accounts.net import client_ip
from hearth.accounts.services.agreement import agreement_sign, current_agreement
from hearth.accounts.services.lifecycle import account_password_set
from hearth.accounts.services.sign_in import locked_message, record_second_factor_failure
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core.middleware import public


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    from hearth.accounts.services.sign_in import check_sign_in

    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.user.is_authenticated:
        return HttpResponseRedirect(flow.safe_next(request, next_url))
    form = SignInForm(request.POST if request.method == "POST" else None)
    refusal = None
    status = 200
    if request.method == "POST" and form.is_valid():
        result = check_sign_in(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            ip_address=client_ip(request),
        )
        if result.ok and result.user is not None:
            return flow.begin(request, result.user, next_url)
        refusal = result.message
        status = (
            403
            if result.refusal in ("locked", "inactive", "closed")
            else 429
            if result.refusal == "throttled"
            else 200
        )
    context = {
        "form": form,
        "refusal": refusal,
        "next": next_url,
        "timed_out": request.GET.get("timeout") == "1",
    }
    return render(request, "accounts/sign_in.html", context, status=status)


@public
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """The admin site signs in through the same page (so the same rules and steps apply).

    The admin site sends a signed-in user who is not staff here too; sending them on to the sign-in
    page would bounce them straight back to /admin/ in a loop, so they go home with a message.
    """
    if request.user.is_authenticated:
        messages.error(request, "The admin site is only for HMIS administrators.")
        return HttpResponseRedirect(reverse("home"))
    next_url = request.GET.get("next") or reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")


@public
class SignOutView(auth_views.LogoutView):
    """Public so the idle-timeout script can sign out a session the server has just expired."""


@receiver(user_logged_out)
def _audit_sign_out(sender: object, request: HttpRequest | None, user: object, **kwargs: object) -> None:
    if user is not None and getattr(user, "pk", None):
        audit_record(
            actor=user,
            action=AuditEvent.Action.SIGN_OUT,
            obj=user,  # type: ignore[arg-type]
            ip_address=client_ip(request) if request is not None else None,
        )


def _pending_or_restart(request: HttpRequest):  # type: ignore[no-untyped-def]
    found = flow.pending(request)
    if found is None:
        return None, HttpResponseRedirect(reverse("accounts:login"))
    return found, None


@public
@require_http_methods(["GET", "POST"])
def sign_in_two_factor(request: HttpRequest) -> HttpResponse:
    found, restart = _pending_or_restart(request)
    if restart is not None:
        return restart
    user, data = found
    confirmed = two_factor.confirmed_device(user)
    setting_up = confirmed is None
    device = two_factor.unconfirmed_device(user) if confirmed is None else confirmed
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        ok = two_factor.confirm(device, code) if setting_up else two_factor.verify(device, code)
        if ok:
            flow.mark_two_factor(request, device.persistent_id)
            if setting_up:
                audit_record(
                    actor=user,
                    action=AuditEvent.Action.ACCOUNT,
                    obj=user,
                    detail={"change": "two_factor_enabled"},
                )
            return flow.advance(request)
        until = record_second_factor_failure(user, ip_address=client_ip(request))
        if until is not None:
            return flow.refuse(request, locked_message(until))
        form.add_error(
            "code", "That code is not right. Check the app shows the code for Hearth and try the newest one."
        )
    context = {"form": form, "setting_up": setting_up}
    if setting_up:
        context.update({"qr": two_factor.qr_svg(device), "secret": two_factor.secret_for_typing(device)})
    return render(request, "accounts/sign_in_two_factor.html", context)


@public
@require_http_methods(["GET", "POST"])
def sign_in_new_password(request: HttpRequest) -> HttpResponse:
    found, restart = _pending_or_restart(request)
    if restart is not None:
        return restart
    user, data = found
    if flow.next_step(user, data) != "accounts:sign_in_new_password":
        return flow.advance(request)
    form = NewPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account_password_set(
            user=user, password=form.cleaned_data["new_password1"], actor=user, reason="temporary_replaced"
        )
        return flow.advance(request)
    return render(request, "accounts/sign_in_new_password.html", {"form": form})


@public
@require_http_methods(["GET", "POST"])
def sign_in_agreement(request: HttpRequest) -> HttpResponse:
    found, restart = _pending_or_restart(request)
    if restart is not None:
        return restart
    user, data = found
    agreement = current_agreement()
    if agreement is None or flow.next_step(user, data) != "accounts:sign_in_agreement":
        return flow.advance(request)
    form = AgreementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        agreement_sign(user=user, agreement=agreement, ip_address=client_ip(request))
        return flow.advance(request)
    paragraphs = [p.strip() for p in agreement.body.split("\n\n") if p.strip()]
    return render(
        request,
        "accounts/sign_in_agreement.html",
        {"form": form, "agreement": agreement, "paragraphs": paragraphs},
    )
