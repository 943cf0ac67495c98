"""The form a client signs: the designed questions, then the signature."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from hearth.core.fields import KeyModelMultipleChoiceField
from hearth.enrollments.forms.common import date_field, field_of
from hearth.enrollments.models import FormQuestion, FormSubmission, FormTemplate


class SignForm(forms.Form):
    signer_name = forms.CharField(label="Signer's full name", max_length=200)
    signer_role = forms.ChoiceField(label="Who is signing", choices=FormSubmission.SignerRole.choices)
    method = forms.ChoiceField(
        label="Signature",
        choices=FormSubmission.Method.choices,
        widget=forms.RadioSelect,
        initial=FormSubmission.Method.DRAWN,
    )
    signature = forms.CharField(widget=forms.HiddenInput, required=False)
    typed_consent = forms.BooleanField(
        label="The signer typed their name above as their signature", required=False
    )

    def __init__(self, *args: Any, template: FormTemplate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.questions = list(template.questions.all())
        for q in self.questions:
            self.fields[f"q{q.pk}"] = self._field(q)

    @staticmethod
    def _field(q: FormQuestion) -> forms.Field:
        # Requiredness is checked by the service, which words the message for each kind.
        if q.kind == FormQuestion.Kind.AGREE:
            return forms.BooleanField(label=q.label, required=False)
        if q.kind == FormQuestion.Kind.LONG_TEXT:
            return forms.CharField(label=q.label, required=False, widget=forms.Textarea(attrs={"rows": 3}))
        if q.kind == FormQuestion.Kind.YES_NO:
            return forms.ChoiceField(
                label=q.label, required=False, choices=[("", "Choose…"), ("Yes", "Yes"), ("No", "No")]
            )
        if q.kind == FormQuestion.Kind.CHOICE:
            return forms.ChoiceField(
                label=q.label, required=False, choices=[("", "Choose…")] + [(c, c) for c in q.choice_list()]
            )
        if q.kind == FormQuestion.Kind.DATE:
            return date_field(q.label, required=False)
        return forms.CharField(label=q.label, required=False, max_length=2000)

    def question_fields(self) -> list[Any]:
        return [self[f"q{q.pk}"] for q in self.questions]

    def answers(self) -> dict[int, Any]:
        out = {}
        for q in self.questions:
            value: Any = self.cleaned_data.get(f"q{q.pk}")
            out[q.pk] = value.isoformat() if isinstance(value, dt.date) else value
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("method") == FormSubmission.Method.TYPED and not data.get("typed_consent"):
            self.add_error("typed_consent", "Confirm that the typed name is the signature.")
        return data


class RoiTermsForm(forms.Form):
    """What a signed release of information covers."""

    share_with_coc = forms.BooleanField(label="Share with every agency of the CoC", required=False)
    organizations: KeyModelMultipleChoiceField = KeyModelMultipleChoiceField(
        label="Share with these agencies", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    start_date = date_field("Start date")
    end_date = date_field("End date")

    def __init__(self, *args: Any, organizations: Any, coc_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hearth.enrollments.forms.common import today_initial

        field_of(self, "organizations").queryset = organizations
        self.fields["share_with_coc"].label = f"Share with every agency of the CoC ({coc_code})"
        self.fields["start_date"].initial = today_initial()
        self.coc_code = coc_code
