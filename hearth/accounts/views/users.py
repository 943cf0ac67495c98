"""Managing staff accounts: agency administrators their agency's users, HMIS administrators all."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from hearth.accounts import roles, states
from hearth.accounts.forms import CloseForm, RoleForm, RolePolicyForm
from hearth.accounts.models import Role, RolePolicy
from hearth.accounts.selectors import user_for_manager, users_for_user
from hearth.accounts.services import lifecycle
from hearth.accounts.services.security import role_policies_set
from hearth.core.concurrency import StaleEdit, edit_token


@roles.require(roles.MANAGE_AGENCY_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    users = users_for_user(request.user).select_related("organization").order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(email__icontains=query) | Q(last_name__icontains=query)
        )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    rows = [(u, s, states.state_label(s)) for u in page for s in [states.account_state(u)]]
    return render(request, "accounts/user_list.html", {"page": page, "rows": rows, "q": query})


@roles.require(roles.MANAGE_AGENCY_USERS)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = user_for_manager(request.user, pk)
    state = states.account_state(account)
    can_all = roles.can(request.user, roles.MANAGE_ALL_USERS)
    context = {
        "account": account,
        "state": state,
        "state_label": states.state_label(state),
        "last_activity": states.last_activity(account),
        "inactive_at": states.inactive_at(account),
        "locked_until": states.locked_until(account) if state == states.AccountState.LOCKED else None,
        "role_form": RoleForm(request.user, initial={"role": account.role}),
        "role_edit_token": edit_token(account, ["role"]),
        "close_form": CloseForm(),
        "can_reactivate": can_all and state == states.AccountState.INACTIVE,
        "reactivation": lifecycle.reactivation_check(account)
        if can_all and state == states.AccountState.INACTIVE
        else None,
        "role_editable": can_all or account.role in roles.AGENCY_GRANTABLE_ROLES,
        "is_self": account.pk == request.user.pk,
    }
    return render(request, "accounts/user_detail.html", context)


def temporary_password_page(request: HttpRequest, account: Any, password: str, back: str) -> HttpResponse:
    """Shown once, in this response only: never stored, never in a cookie or an email."""
    context = {"account": account, "password": password, "back": back}
    response = render(request, "accounts/temporary_password.html", context)
    response["Cache-Control"] = "no-store"
    return response


@roles.require(roles.MANAGE_AGENCY_USERS)
@require_POST
def user_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    account = user_for_manager(request.user, pk)
    actor: Any = request.user
    base = request.build_absolute_uri("/")
    if not roles.may_manage(actor, account):
        # Every account action follows the rule of the role change, not only the role change.
        raise PermissionDenied("Only an HMIS administrator may manage this user's account.")
    try:
        if account.pk == actor.pk and action in ("close", "role"):
            raise PermissionDenied("You cannot change your own role or close your own account.")
        if action == "role":
            role_form = RoleForm(actor, request.POST)
            if not role_form.is_valid():
                raise ValidationError("Choose a role you may give.")
            lifecycle.account_update(
                user=account,
                actor=actor,
                role=role_form.cleaned_data["role"],
                edit_token=request.POST.get("edit_token") or "",
            )
            messages.success(request, "Role changed.")
        elif action == "close":
            close_form = CloseForm(request.POST)
            if not close_form.is_valid():
                raise ValidationError("Give the reason for closing the account.")
            lifecycle.account_close(user=account, actor=actor, reason=close_form.cleaned_data["reason"])
            messages.success(request, "Account closed.")
        elif action == "unlock":
            lifecycle.account_unlock(user=account, actor=actor, base_url=base)
            messages.success(request, "Account unlocked.")
        elif action == "reset":
            lifecycle.password_reset_send(user=account, actor=actor, base_url=base)
            messages.success(request, "A link to choose a new password was emailed to the user.")
        elif action == "reactivate":
            if not roles.can(actor, roles.MANAGE_ALL_USERS):
                raise PermissionDenied("Only HMIS Support reactivates accounts.")
            result = lifecycle.account_reactivate(user=account, actor=actor, base_url=base)
            if result.temporary_password:
                back = reverse("accounts:user_detail", args=[account.pk])
                return temporary_password_page(request, result.user, result.temporary_password, back)
            messages.success(request, "Account reactivated: the user must sign in today.")
        else:
            raise PermissionDenied("Unknown action.")
    except StaleEdit as stale:
        messages.error(request, str(stale))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(reverse("accounts:user_detail", args=[account.pk]))


@roles.require(roles.MANAGE_SECURITY)
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    policies = dict(RolePolicy.objects.values_list("role", "require_two_factor"))
    form = RolePolicyForm(request.POST if request.method == "POST" else None, policies=policies)
    if request.method == "POST" and form.is_valid():
        role_policies_set(
            require_two_factor={r: bool(form.cleaned_data.get(r)) for r in Role.values}, actor=request.user
        )
        messages.success(request, "Two-factor requirements saved.")
        return HttpResponseRedirect(reverse("accounts:security"))
    return render(request, "accounts/security.html", {"form": form})
