"""Training completions and the new-account queue (HMIS administrators)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from hearth.accounts import roles
from hearth.accounts.forms import CompletionForm, DeclineForm, IssueAccountForm, UploadForm
from hearth.accounts.models import AccountRequest, Role, TrainingCompletion
from hearth.accounts.services import lifecycle
from hearth.accounts.services.training import TrainingImportError, completion_record, completions_import


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@roles.require(roles.MANAGE_TRAINING)
@require_http_methods(["GET", "POST"])
def training(request: HttpRequest) -> HttpResponse:
    form = CompletionForm(request.POST if request.method == "POST" else None, prefix="entry")
    upload = UploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            completion, queued = completion_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            note = " A new-account request was queued." if queued else ""
            messages.success(request, f"Completion recorded.{note}")
            return HttpResponseRedirect(reverse("accounts:training"))
    query = request.GET.get("q", "").strip()
    completions = TrainingCompletion.objects.select_related("organization", "user").order_by(
        "-completed_on", "-id"
    )
    if query:
        completions = completions.filter(academy_email__icontains=query)
    page = Paginator(completions, 50).get_page(request.GET.get("page"))
    return render(
        request, "accounts/training.html", {"form": form, "upload": upload, "page": page, "q": query}
    )


@roles.require(roles.MANAGE_TRAINING)
@require_http_methods(["POST"])
def training_upload(request: HttpRequest) -> HttpResponse:
    upload = UploadForm(request.POST, request.FILES)
    problems: list[str] = []
    if upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            result = completions_import(data=file.read(), file_name=file.name, actor=request.user)
        except TrainingImportError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                f"{result.rows} row(s) read: {result.added} completion(s) added, {result.already_recorded} already "
                f"recorded, {result.requests_queued} new-account request(s) queued.",
            )
            return HttpResponseRedirect(reverse("accounts:training"))
    page = Paginator(TrainingCompletion.objects.none(), 50).get_page(1)
    context = {
        "form": CompletionForm(prefix="entry"),
        "upload": upload,
        "problems": problems,
        "page": page,
        "q": "",
    }
    return render(request, "accounts/training.html", context, status=400)


@roles.require(roles.MANAGE_ALL_USERS)
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", AccountRequest.Status.PENDING)
    if status not in AccountRequest.Status.values:
        status = AccountRequest.Status.PENDING
    requests = AccountRequest.objects.filter(status=status).select_related(
        "organization", "completion", "user"
    )
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/request_list.html",
        {"page": page, "status": status, "statuses": AccountRequest.Status.choices},
    )


def suggested_username(first: str, last: str) -> str:
    base = "".join(ch for ch in (first[:1] + last).lower() if ch.isalnum())[:30] or "user"
    from hearth.accounts.models import User

    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@roles.require(roles.MANAGE_ALL_USERS)
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account_request = get_object_or_404(
        AccountRequest.objects.select_related("completion", "organization"), pk=pk
    )
    initial = {
        "organization": account_request.organization,
        "role": Role.CASE_MANAGER,
        "username": suggested_username(account_request.first_name, account_request.last_name),
        "email": account_request.academy_email,
    }
    form = IssueAccountForm(request.POST if request.POST.get("action") == "issue" else None, initial=initial)
    decline = DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "issue" and form.is_valid():
                user = lifecycle.account_issue(
                    account_request=account_request,
                    actor=request.user,
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
                messages.success(
                    request, f"Account {user.username} issued; the set-password link was emailed."
                )
                return HttpResponseRedirect(reverse("accounts:request_list"))
            if request.POST.get("action") == "decline" and decline.is_valid():
                lifecycle.account_request_decline(
                    account_request=account_request, actor=request.user, reason=decline.cleaned_data["reason"]
                )
                messages.success(request, "Request declined.")
                return HttpResponseRedirect(reverse("accounts:request_list"))
        except ValidationError as error:
            _apply_errors(form, error)
    context = {
        "account_request": account_request,
        "form": form,
        "decline": decline,
        "completions": TrainingCompletion.objects.filter(academy_email__iexact=account_request.academy_email),
    }
    return render(request, "accounts/request_detail.html", context)
