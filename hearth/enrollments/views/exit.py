"""The exit page: pick the members leaving, their destinations, the checklist and the date."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from hearth.enrollments import selectors, services
from hearth.enrollments.forms.assessments import DestinationForm
from hearth.enrollments.forms.casework import ExitForm
from hearth.enrollments.forms.common import apply_errors, error_dict
from hearth.enrollments.rules import destination as destination_rule
from hearth.enrollments.services.common import CaseWarning
from hearth.enrollments.services.exits import exit_steps
from hearth.enrollments.templatetags.case_tags import person
from hearth.enrollments.views.common import audit_view, load_enrollment


@require_http_methods(["GET", "POST"])
def exit_household(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = load_enrollment(request, pk, for_edit=True)
    members = selectors.household_members(enrollment)
    active = [m for m in members if m.active]
    data = request.POST if request.method == "POST" else None
    form = ExitForm(
        data,
        steps=exit_steps(enrollment.project),
        head_candidates=[(m.enrollment.pk, person(m.enrollment.client)) for m in active if not m.is_head],
    )
    rows: list[dict[str, Any]] = []
    for m in active:
        prefix = f"x{m.enrollment.pk}"
        picked = bool(data.get(f"{prefix}-leaving")) if data is not None else m.enrollment.pk == enrollment.pk
        rows.append(
            {
                "member": m,
                "prefix": prefix,
                "picked": picked,
                "form": DestinationForm(data if picked else None, prefix=prefix),
            }
        )
    warning = None
    if request.method == "POST":
        picked_rows = [r for r in rows if r["picked"]]
        if not picked_rows:
            form.add_error(None, "Choose at least one member who is leaving.")
        valid = form.is_valid() and all(r["form"].is_valid() for r in picked_rows)
        problems = []
        if valid:
            for r in picked_rows:
                cleaned, errors = destination_rule(r["form"].cleaned_data)
                r["cleaned"] = cleaned
                for name, errs in errors.items():
                    r["form"].add_error(name, errs)
                    problems.append(name)
        if valid and picked_rows and not problems:
            data_ = form.cleaned_data
            new_head = next((m.enrollment for m in active if m.enrollment.pk == data_.get("new_head")), None)
            try:
                services.household_exit(
                    actor=request.user,
                    exits=[
                        services.MemberExit(
                            r["member"].enrollment,
                            destination=r["cleaned"]["destination"],
                            destination_subsidy_type=r["cleaned"]["destination_subsidy_type"],
                            other_destination=r["cleaned"]["other_destination"],
                        )
                        for r in picked_rows
                    ],
                    exit_date=data_["exit_date"],
                    confirmed_steps=form.confirmed_steps(),
                    new_head=new_head,
                    former_head_relationship=data_.get("former_head_relationship"),
                    accept_before_last_service=data_["accept_before_last_service"],
                )
            except CaseWarning as exc:
                warning = exc.messages
            except ValidationError as exc:
                errors = error_dict(exc)
                if "steps" in errors:
                    errors["__all__"] = errors.pop("steps")
                for problems_ in apply_errors(form, errors).values():
                    for message in problems_:
                        form.add_error(None, message)
            else:
                count = len(picked_rows)
                messages.success(
                    request,
                    f"Exited {count} {'member' if count == 1 else 'members'}. Record the exit assessment for each.",
                )
                stay = next((r["member"].enrollment for r in rows if not r["picked"]), None)
                return redirect("enrollments:details", pk=(stay or enrollment).pk)
    head_leaving_possible = any(m.is_head for m in active) and len(active) > 1
    # The form shows every member of the household: one row per client shown.
    for m in members:
        audit_view(request, m.enrollment, client_id=m.enrollment.client_id, page="exit form")
    return render(
        request,
        "enrollments/exit.html",
        {
            "enrollment": enrollment,
            "client": enrollment.client,
            "form": form,
            "rows": rows,
            "warning": warning,
            "head_leaving_possible": head_leaving_possible,
            "exited": [m for m in members if not m.active],
        },
    )
