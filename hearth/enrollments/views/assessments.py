"""Assessment pages: project start, update, annual assessment and exit, for one member."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.core import clock
from hearth.core.concurrency import StaleEdit
from hearth.enrollments import annual, selectors, services
from hearth.enrollments.elements import ANNUAL, STAGE_SLUGS, STAGE_TITLES, START, enrollment_elements
from hearth.enrollments.forms.assessments import (
    BenefitsForm,
    DisabilitiesForm,
    DomesticViolenceForm,
    EmploymentForm,
    EnrollmentStartForm,
    IncomeForm,
    InformationDateForm,
    InsuranceForm,
)
from hearth.enrollments.forms.common import apply_errors, error_dict
from hearth.enrollments.models import Disability, EmploymentEducation, HealthAndDV, IncomeBenefit
from hearth.enrollments.views.common import audit_view, load_enrollment
from hearth.projects.models import ProjectCoC

SECTIONS = {
    "income": IncomeForm,
    "benefits": BenefitsForm,
    "insurance": InsuranceForm,
    "disabilities": DisabilitiesForm,
    "domestic_violence": DomesticViolenceForm,
    "employment": EmploymentForm,
}


def _initial(enrollment: Any, stage: int, keys: set[str]) -> dict[str, dict[str, Any]]:
    """Existing answers of a single-record stage (start, exit), so a second visit corrects them."""
    out: dict[str, dict[str, Any]] = {}
    if stage not in (1, 3):
        return out
    income = IncomeBenefit.objects.filter(enrollment=enrollment, data_collection_stage=stage).first()
    if income is not None:
        for key, form_class in (
            ("income", IncomeForm),
            ("benefits", BenefitsForm),
            ("insurance", InsuranceForm),
        ):
            values: dict[str, Any] = {form_class.any_field: getattr(income, form_class.any_field)}
            values.update({name: getattr(income, name) == 1 for name in form_class.sources})
            values.update({amount: getattr(income, amount) for amount in form_class.amounts.values()})
            values[form_class.identify] = getattr(income, form_class.identify)
            out[key] = values
    dv = HealthAndDV.objects.filter(enrollment=enrollment, data_collection_stage=stage).first()
    if dv is not None:
        out["domestic_violence"] = {
            f: getattr(dv, f) for f in ("domestic_violence_survivor", "when_occurred", "currently_fleeing")
        }
    emp = EmploymentEducation.objects.filter(enrollment=enrollment, data_collection_stage=stage).first()
    if emp is not None:
        out["employment"] = {f.name: getattr(emp, f.name) for f in EmploymentEducation._meta.concrete_fields}
    disabilities = Disability.objects.filter(enrollment=enrollment, data_collection_stage=stage)
    if disabilities:
        out["disabilities"] = {}
        for d in disabilities:
            out["disabilities"][f"response_{d.disability_type}"] = d.disability_response
            out["disabilities"][f"indefinite_{d.disability_type}"] = d.indefinite_and_impairs
    return out


@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, pk: int, stage_slug: str) -> HttpResponse:
    if stage_slug not in STAGE_SLUGS:
        raise Http404("No such assessment.")
    stage = STAGE_SLUGS[stage_slug]
    enrollment = load_enrollment(request, pk, for_edit=True)
    today = clock.local_today()
    keys = {e.key for e in enrollment_elements(enrollment, stage)}
    data = request.POST if request.method == "POST" else None
    initial = _initial(enrollment, stage, keys)

    date_form = InformationDateForm(data, prefix="info") if stage not in (1, 3) else None
    if date_form is not None and data is None:
        suggested = today
        if stage == ANNUAL:
            status = annual.household_annual_status(enrollment, today)
            if status.window_start and not status.window_start <= today <= status.window_end:  # type: ignore[operator]
                suggested = status.anniversary or today
        date_form.initial = {"information_date": suggested}
    start_form = None
    if stage == START:
        coc = enrollment.enrollment_coc
        if not coc:
            codes = list(
                ProjectCoC.objects.filter(project=enrollment.project).values_list("coc_code", flat=True)
            )
            coc = codes[0] if len(codes) == 1 else ""
        start_initial = {
            name: getattr(enrollment, name)
            for name in EnrollmentStartForm.base_fields
            if getattr(enrollment, name, None) not in (None, "")
        }
        if start_initial.get("disabling_condition") == 99:
            del start_initial["disabling_condition"]
        start_initial["enrollment_coc"] = coc
        start_form = EnrollmentStartForm(
            data,
            prefix="enrollment",
            initial=start_initial,
            prior_living="prior_living_situation" in keys,
            head="enrollment_coc" in keys,
        )
    sections = {
        key: form_class(data, prefix=key, initial=initial.get(key, {}))
        for key, form_class in SECTIONS.items()
        if key in keys
    }
    forms = [f for f in (date_form, start_form, *sections.values()) if f is not None]
    stale = ""
    http_status = 200

    if request.method == "POST" and all(f.is_valid() for f in forms):
        payload = services.AssessmentInput(
            information_date=date_form.cleaned_data["information_date"] if date_form else None,
            enrollment=dict(start_form.cleaned_data.items()) if start_form else {},
        )
        for key, form in sections.items():
            setattr(payload, key, form.values())  # type: ignore[attr-defined]
        try:
            services.assessment_record(
                actor=request.user,
                enrollment=enrollment,
                stage=stage,
                data=payload,
                edit_token=request.POST.get("edit_token") or "",
            )
        except StaleEdit as exc:
            # Someone saved this member's start or exit answers after this form was drawn.
            stale = str(exc)
            http_status = 409
        except ValidationError as exc:
            errors = error_dict(exc)
            for form, prefix in (
                (date_form, ""),
                (start_form, ""),
                *((f, "") for f in sections.values() if not isinstance(f, DisabilitiesForm)),
            ):
                if form is not None:
                    errors = apply_errors(form, errors, prefix=prefix)
            if "disabilities" in sections:
                disability_form = sections["disabilities"]
                for name in list(errors):
                    if name.startswith("disability_"):
                        _, kind, field_name = name.split("_", 2)
                        target = "response_" if field_name == "disability_response" else "indefinite_"
                        if f"{target}{kind}" in disability_form.fields:
                            disability_form.add_error(f"{target}{kind}", errors.pop(name))
            for problems in errors.values():
                for message in problems:
                    (start_form or date_form or forms[0]).add_error(None, message)
        else:
            messages.success(request, f"{STAGE_TITLES[stage]} saved.")
            return redirect("enrollments:details", pk=enrollment.pk)

    members = selectors.household_members(enrollment, today)
    audit_view(request, enrollment, client_id=enrollment.client_id, page="assessment", stage=stage_slug)
    return render(
        request,
        "enrollments/assessment.html",
        {
            "enrollment": enrollment,
            "client": enrollment.client,
            "stage": stage,
            "stage_slug": stage_slug,
            "stage_title": STAGE_TITLES[stage],
            "date_form": date_form,
            "start_form": start_form,
            "sections": sections,
            "keys": keys,
            "members": members,
            "has_errors": request.method == "POST",
            "edit_token": services.assessment_edit_token(enrollment, stage),
            "stale": stale,
        },
        status=http_status,
    )
