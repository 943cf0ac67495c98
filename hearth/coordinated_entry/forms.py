"""Coordinated Entry forms. Each only shapes the input; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.coordinated_entry.models import (
    NOTE_MAX,
    OPENING_EVENT_TYPES,
    HouseholdType,
    Population,
    Questionnaire,
)
from hearth.core.fields import KeyModelChoiceField
from hearth.enrollments.forms.common import coded_field, date_field
from hearth.hud.codelists import LISTS
from hearth.projects.selectors import projects_for_user


class AssessForm(forms.Form):
    """HUD 4.19 plus one yes/no box per question of the CoC's questionnaire."""

    assessment_date = date_field("Assessment date (4.19.1)")
    assessment_location = forms.CharField(
        label="Assessment location (4.19.2)",
        max_length=250,
        help_text="Where it took place, e.g. an access point or a street corner.",
    )
    assessment_type = coded_field("4.19.3", "Assessment type (4.19.3)")
    assessment_level = coded_field("4.19.4", "Assessment level (4.19.4)")
    place_on_queue = forms.BooleanField(
        label="Place on the community queue (4.19.7 Placed on prioritization list)",
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.all()) if questionnaire else []
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.BooleanField(
                label=question.text, required=False, help_text=f"Adds {question.weight} to the score."
            )

    def answers(self) -> dict[int, bool]:
        return {q.pk: bool(self.cleaned_data.get(f"q_{q.pk}")) for q in self.questions}

    def question_fields(self) -> list[Any]:
        return [self[f"q_{q.pk}"] for q in self.questions]


class OpeningForm(forms.Form):
    project = KeyModelChoiceField(queryset=None, label="Program", empty_label="Choose…")  # type: ignore[arg-type]
    description = forms.CharField(
        label="Unit or voucher", max_length=200, help_text="e.g. Unit 4B, one bedroom"
    )
    event_type = coded_field("4.20.2", "Kind of opening (HUD referral type 4.20.2)", only=OPENING_EVENT_TYPES)
    household_type = forms.ChoiceField(label="Household type", choices=HouseholdType.choices)
    population = forms.ChoiceField(label="Population", choices=Population.choices)
    disability_required = forms.BooleanField(
        label="Requires a disabling condition (as CoC permanent supportive housing does)", required=False
    )
    chronic_only = forms.BooleanField(label="Dedicated to chronically homeless people", required=False)
    min_score = forms.IntegerField(
        label="Lowest assessment score (optional)", required=False, min_value=0, max_value=32767
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["project"]
        field.queryset = projects_for_user(user).order_by("project_name")


def note_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReferForm(forms.Form):
    entry = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)
    note = note_field(
        "Note to the receiving program (optional)",
        "Seen only by staff the sharing rules let see this person.",
    )


class AcceptForm(forms.Form):
    entry_date = date_field("Project start date (3.10)")
    note = note_field("Note for the matcher (optional)", "For example, the move-in plan.")


class DeclineForm(forms.Form):
    reason = forms.TypedChoiceField(
        label="Why is the referral declined? (4.20.D Referral result)",
        choices=[(code, label) for code, label in LISTS["4.20.D"].choices() if code != 1],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the HUD reason for declining."},
    )
    note = note_field("Note for the matcher (optional)", "What the program needs before a next referral.")
