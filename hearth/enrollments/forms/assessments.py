"""The sections of an assessment page. Each is shown only when its HUD element applies to the
member at the stage (hearth.enrollments.elements); the services apply HUD's dependent rules."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.enrollments.forms.common import coded_field, date_field, yes_box
from hearth.enrollments.hud_fields import (
    BENEFIT_SOURCES,
    DISABILITY_TYPES,
    INCOME_SOURCES,
    INSURANCE_SOURCES,
    NO_INDEFINITE_QUESTION,
    SUBSTANCE_USE,
)
from hearth.hud.codelists import LISTS

PRIOR_LIVING_EXCLUDE = (312, 313, 327, 422, 423, 426, 30, 17, 24, 37)
# Destination codes HUD allows at exit (3.12 list minus those restricted for the element).
DESTINATION_EXCLUDE = (336, 335, 37)


class InformationDateForm(forms.Form):
    information_date = date_field("Date the information was collected")


class EnrollmentStartForm(forms.Form):
    """Project start questions on the enrollment itself."""

    disabling_condition = coded_field("1.8", "Disabling condition (3.08)")
    living_situation = coded_field(
        "3.12",
        "Prior living situation: where did the client stay last night? (3.917.1)",
        exclude=PRIOR_LIVING_EXCLUDE,
        required=False,
    )
    rental_subsidy_type = coded_field("3.12.A", "Rental subsidy type (3.917.A)", required=False)
    length_of_stay = coded_field("3.917.2", "Length of stay in that situation (3.917.2)", required=False)
    previous_street_essh = coded_field(
        "1.7",
        "On the night before, did the client stay on the streets, in emergency shelter or a safe haven? (3.917.2C)",
        required=False,
    )
    date_to_street_essh = date_field(
        "Approximate date this episode of homelessness started (3.917.3)", required=False
    )
    times_homeless_past_three_years = coded_field(
        "3.917.4", "Times on the streets, in ES or SH in the past three years (3.917.4)", required=False
    )
    months_homeless_past_three_years = coded_field(
        "3.917.5", "Total months homeless in the past three years (3.917.5)", required=False
    )
    enrollment_coc = forms.CharField(
        label="Enrollment CoC (3.16)", max_length=6, required=False, help_text="e.g. CA-600"
    )

    DEPENDS = {
        "rental_subsidy_type": "living_situation:435",
        "previous_street_essh": "living_situation:2,3,4,204,205,206,207,215,225,302,314,329,332,410,411,421,435",
    }

    def __init__(self, *args: Any, prior_living: bool, head: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not prior_living:
            for name in list(self.fields):
                if name not in ("disabling_condition", "enrollment_coc"):
                    del self.fields[name]
        else:
            self.fields["living_situation"].required = True
        if not head:
            del self.fields["enrollment_coc"]


def _yes_no(flag: bool) -> int:
    return 1 if flag else 0


class _SourcesForm(forms.Form):
    any_field = ""
    any_label = ""
    sources: tuple[str, ...] = ()
    amounts: dict[str, str] = {}
    identify = ""
    identify_label = ""
    labels: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.any_field] = coded_field("1.8", self.any_label)
        for name in self.sources:
            self.fields[name] = yes_box(self.labels.get(name, name))
            if name in self.amounts:
                self.fields[self.amounts[name]] = forms.DecimalField(
                    label=f"{self.labels.get(name, name)}: monthly amount ($)",
                    required=False,
                    min_value=0,
                    max_digits=10,
                    decimal_places=2,
                )
        self.fields[self.identify] = forms.CharField(label=self.identify_label, required=False, max_length=50)

    def source_rows(self) -> list[tuple[Any, Any]]:
        return [
            (self[name], self[self.amounts[name]] if name in self.amounts else None) for name in self.sources
        ]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        out: dict[str, Any] = {self.any_field: data.get(self.any_field)}
        for name in self.sources:
            out[name] = _yes_no(bool(data.get(name)))
            if name in self.amounts:
                out[self.amounts[name]] = data.get(self.amounts[name])
        out[self.identify] = data.get(self.identify) or None
        return out


INCOME_LABELS = {
    "earned": "Earned income (employment)",
    "unemployment": "Unemployment insurance",
    "ssi": "Supplemental Security Income (SSI)",
    "ssdi": "Social Security Disability Insurance (SSDI)",
    "va_disability_service": "VA service-connected disability compensation",
    "va_disability_non_service": "VA non-service-connected disability pension",
    "private_disability": "Private disability insurance",
    "workers_comp": "Worker's compensation",
    "tanf": "Temporary Assistance for Needy Families (TANF)",
    "ga": "General Assistance (GA)",
    "soc_sec_retirement": "Retirement income from Social Security",
    "pension": "Pension or retirement income from a former job",
    "child_support": "Child support",
    "alimony": "Alimony and other spousal support",
    "other_income_source": "Other source",
}
BENEFIT_LABELS = {
    "snap": "SNAP (food stamps)",
    "wic": "WIC",
    "tanf_child_care": "TANF child care services",
    "tanf_transportation": "TANF transportation services",
    "other_tanf": "Other TANF-funded services",
    "other_benefits_source": "Other source",
}
INSURANCE_LABELS = {
    "medicaid": "Medicaid",
    "medicare": "Medicare",
    "schip": "State Children's Health Insurance Program",
    "vha_services": "Veterans Health Administration (VHA)",
    "employer_provided": "Employer-provided health insurance",
    "cobra": "COBRA",
    "private_pay": "Private pay health insurance",
    "state_health_ins": "State health insurance for adults",
    "indian_health_services": "Indian Health Services program",
    "other_insurance": "Other",
}


class IncomeForm(_SourcesForm):
    any_field = "income_from_any_source"
    any_label = "Income from any source (4.02)"
    sources = tuple(name for name, _ in INCOME_SOURCES)
    amounts = dict(INCOME_SOURCES)
    identify = "other_income_source_identify"
    DEPENDS = {"other_income_source_identify": "other_income_source:on"}
    identify_label = "Other income source: which?"
    labels = INCOME_LABELS


class BenefitsForm(_SourcesForm):
    any_field = "benefits_from_any_source"
    any_label = "Non-cash benefits from any source (4.03)"
    sources = BENEFIT_SOURCES
    identify = "other_benefits_source_identify"
    DEPENDS = {"other_benefits_source_identify": "other_benefits_source:on"}
    identify_label = "Other benefit: which?"
    labels = BENEFIT_LABELS


class InsuranceForm(_SourcesForm):
    any_field = "insurance_from_any_source"
    any_label = "Covered by health insurance (4.04)"
    sources = INSURANCE_SOURCES
    identify = "other_insurance_identify"
    DEPENDS = {"other_insurance_identify": "other_insurance:on"}
    identify_label = "Other insurance: which?"
    labels = INSURANCE_LABELS


class DisabilitiesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in DISABILITY_TYPES:
            name = LISTS["1.3"].label(kind)
            list_id = "4.10.2" if kind == SUBSTANCE_USE else "1.8"
            self.fields[f"response_{kind}"] = coded_field(list_id, name)
            if kind not in NO_INDEFINITE_QUESTION:
                self.fields[f"indefinite_{kind}"] = coded_field(
                    "1.8",
                    f"{name}: expected to be long-lasting and to impair independent living?",
                    required=False,
                )

    def rows(self) -> list[tuple[Any, Any]]:
        return [
            (
                self[f"response_{kind}"],
                self[f"indefinite_{kind}"] if f"indefinite_{kind}" in self.fields else None,
            )
            for kind in DISABILITY_TYPES
        ]

    def values(self) -> dict[int, dict[str, Any]]:
        data = self.cleaned_data
        return {
            kind: {
                "disability_response": data.get(f"response_{kind}"),
                "indefinite_and_impairs": data.get(f"indefinite_{kind}"),
            }
            for kind in DISABILITY_TYPES
        }


class DomesticViolenceForm(forms.Form):
    domestic_violence_survivor = coded_field("1.8", "Survivor of domestic violence (4.11)")
    when_occurred = coded_field("4.11.A", "When the experience occurred", required=False)
    currently_fleeing = coded_field("1.8", "Currently fleeing", required=False)

    DEPENDS = {
        "when_occurred": "domestic_violence_survivor:1",
        "currently_fleeing": "domestic_violence_survivor:1",
    }

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class EmploymentForm(forms.Form):
    last_grade_completed = coded_field("R4.1", "Last grade completed (R4)", required=False)
    school_status = coded_field("R5.1", "School status (R5)", required=False)
    employed = coded_field("1.8", "Employed (R6)")
    employment_type = coded_field("R6.A", "Type of employment", required=False)
    not_employed_reason = coded_field("R6.B", "Why not employed", required=False)

    DEPENDS = {"employment_type": "employed:1", "not_employed_reason": "employed:0"}

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class DestinationForm(forms.Form):
    destination = coded_field("3.12", "Destination (3.12)", exclude=DESTINATION_EXCLUDE)
    destination_subsidy_type = coded_field("3.12.A", "Subsidy type (3.12.A)", required=False)
    other_destination = forms.CharField(label="Other destination: describe", max_length=50, required=False)

    DEPENDS = {"destination_subsidy_type": "destination:435", "other_destination": "destination:17"}
