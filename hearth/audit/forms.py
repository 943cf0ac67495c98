from __future__ import annotations

from django import forms

from hearth.audit.models import AuditEvent


class AuditSearchForm(forms.Form):
    actor = forms.CharField(required=False, max_length=150, label="Username")
    action = forms.ChoiceField(required=False, choices=[("", "Any action"), *AuditEvent.Action.choices])
    object_type = forms.CharField(
        required=False, max_length=100, label="Record type", help_text="e.g. clients.client"
    )
    object_id = forms.CharField(required=False, max_length=64, label="Record number")
    client_id = forms.IntegerField(required=False, min_value=1, label="Client number")
    ip_address = forms.GenericIPAddressField(required=False, label="IP address")
    date_from = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date is before the start date.")
        return data
