"""Recording what happens during an enrollment: services, contacts, engagement and move-in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.core.concurrency import StaleEdit, edit_token
from hearth.enrollments import services
from hearth.enrollments.elements import applies_to
from hearth.enrollments.forms.casework import ContactForm, DateOnlyForm, ServiceForm
from hearth.enrollments.forms.common import apply_errors, error_dict
from hearth.enrollments.views.common import load_enrollment, posted


def _attach(form, exc: ValidationError) -> None:  # type: ignore[no-untyped-def]
    for problems in apply_errors(form, error_dict(exc)).values():
        for message in problems:
            form.add_error(None, message)


@require_http_methods(["GET", "POST"])
def service_new(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = load_enrollment(request, pk, for_edit=True)
    form = ServiceForm(posted(request), include_bed_night=enrollment.project.is_night_by_night)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.service_record(
                actor=request.user,
                enrollment=enrollment,
                date_provided=data["date_provided"],
                record_type=data["record_type"],
                type_provided=data["type_provided"],
                fa_amount=data.get("fa_amount"),
                fa_start_date=data.get("fa_start_date"),
                fa_end_date=data.get("fa_end_date"),
                referral_outcome=data.get("referral_outcome"),
                other_type_provided=data.get("other_type_provided") or "",
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, "Service recorded.")
            if request.POST.get("another"):
                return redirect("enrollments:service_new", pk=enrollment.pk)
            return redirect("enrollments:details", pk=enrollment.pk)
    return render(
        request,
        "enrollments/service_form.html",
        {"enrollment": enrollment, "client": enrollment.client, "form": form},
    )


@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A quick contact from the street: where the client is staying, and where staff met them."""
    enrollment = load_enrollment(request, pk, for_edit=True)
    applies = applies_to(enrollment, "current_living_situation")
    form = ContactForm(posted(request), engagement_applies=applies_to(enrollment, "date_of_engagement"))
    if request.method == "POST" and applies and form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_record(
                actor=request.user,
                enrollment=enrollment,
                information_date=data["information_date"],
                current_living_situation=data["current_living_situation"],
                location_details=data.get("location_details") or "",
                verified_by=data.get("verified_by") or "",
                engagement=bool(data.get("engagement")),
                follow_ups=form.follow_ups(),
            )
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, "Contact recorded.")
            return redirect("enrollments:details", pk=enrollment.pk)
    return render(
        request,
        "enrollments/contact_form.html",
        {"enrollment": enrollment, "client": enrollment.client, "form": form, "applies": applies},
    )


def _date_page(request: HttpRequest, pk: int, *, key: str, label: str, title: str) -> HttpResponse:
    enrollment = load_enrollment(request, pk, for_edit=True)
    applies = applies_to(enrollment, key)
    current = getattr(enrollment, key)
    form = DateOnlyForm(posted(request), label=label, initial={"day": current})
    status = 200
    if request.method == "POST" and applies and form.is_valid():
        # A form drawn before someone else saved this date is refused, not saved over theirs.
        token = request.POST.get("edit_token") or ""
        try:
            if key == "move_in_date":
                services.move_in_date_set(
                    actor=request.user, enrollment=enrollment, move_in_date=form.cleaned_data["day"],
                    edit_token=token,
                )  # fmt: skip
            else:
                services.engagement_date_set(
                    actor=request.user, enrollment=enrollment, date_of_engagement=form.cleaned_data["day"],
                    edit_token=token,
                )  # fmt: skip
        except StaleEdit as stale:
            enrollment.refresh_from_db()
            form.add_error(None, str(stale))
            status = 409
        except ValidationError as exc:
            for problems in error_dict(exc).values():
                form.add_error("day", problems)
        else:
            messages.success(request, f"{title} saved.")
            return redirect("enrollments:details", pk=enrollment.pk)
    return render(
        request,
        "enrollments/date_form.html",
        {
            "enrollment": enrollment,
            "client": enrollment.client,
            "form": form,
            "title": title,
            "applies": applies,
            "edit_token": edit_token(enrollment, [key]),
            "current": getattr(enrollment, key),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def move_in(request: HttpRequest, pk: int) -> HttpResponse:
    return _date_page(
        request, pk, key="move_in_date", label="Housing move-in date (3.20)", title="Move-in date"
    )


@require_http_methods(["GET", "POST"])
def engagement(request: HttpRequest, pk: int) -> HttpResponse:
    return _date_page(
        request, pk, key="date_of_engagement", label="Date of engagement (4.13)", title="Date of engagement"
    )
