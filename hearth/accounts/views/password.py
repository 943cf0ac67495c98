"""Passwords: self-service reset by email, the new-account set-password link, and changing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods

from hearth.accounts import emails
from hearth.accounts.forms import EmailForm, PasswordChangeForm
from hearth.accounts.models import User
from hearth.accounts.services.lifecycle import account_password_set
from hearth.accounts.tokens import account_setup_token
from hearth.core.middleware import public


@public
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Email a reset link to the address on the account. The answer is the same whether or not an
    account uses the address, so the page cannot be used to find out who has one."""
    form = EmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        users = User.objects.filter(Q(email__iexact=email), is_active=True, closed_at__isnull=True)
        for user in users:
            if user.has_usable_password():
                emails.send_password_reset(user, request.build_absolute_uri("/"))
        return render(request, "accounts/password_reset_sent.html", {"email": email})
    return render(request, "accounts/password_reset.html", {"form": form})


class _LinkPasswordForm(SetPasswordForm):
    """Django's form, with Hearth's labels; the validators come from AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "New password again"

    def save(self, commit: bool = True) -> Any:
        return account_password_set(
            user=self.user, password=self.cleaned_data["new_password1"], actor=self.user, reason=self.reason
        )

    reason = "reset"


class _SetupPasswordForm(_LinkPasswordForm):
    reason = "setup"


@public
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    form_class = _LinkPasswordForm
    success_url = reverse_lazy("accounts:password_set_done")
    extra_context = {"title": "Choose a new password"}


@public
class AccountSetupView(auth_views.PasswordResetConfirmView):
    """The one-time link in the new-account email (and after reactivating a never-used account)."""

    template_name = "accounts/password_set.html"
    form_class = _SetupPasswordForm
    token_generator = account_setup_token
    reset_url_token = "choose-password"
    success_url = reverse_lazy("accounts:password_set_done")
    extra_context = {"title": "Choose your password"}


@public
def password_set_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_set_done.html")


@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = PasswordChangeForm(user, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        account_password_set(
            user=user, password=form.cleaned_data["new_password1"], actor=user, reason="changed"
        )
        update_session_auth_hash(request, user)
        messages.success(request, "Your password was changed.")
        return HttpResponseRedirect(reverse("accounts:profile"))
    return render(request, "accounts/password_change.html", {"form": form})
