"""Forms of the HMIS CSV pages: uploading an export, choosing what to export."""

from __future__ import annotations

import zipfile
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from hearth.core.fields import KeyModelMultipleChoiceField
from hearth.hmis_csv.importer import ALL_OR_NOTHING
from hearth.hmis_csv.models import ImportRun
from hearth.hmis_csv.selection import PERIOD_REPORTING, PERIOD_UPDATED
from hearth.projects.models import Project


class UploadForm(forms.Form):
    export = forms.FileField(
        label="HMIS CSV export (.zip)",
        help_text="A zip of the CSV files of an FY2026, FY2024 or FY2022 export.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )
    mode = forms.ChoiceField(
        label="If some records have errors",
        choices=ImportRun.Mode.choices,
        initial=ALL_OR_NOTHING,
        widget=forms.RadioSelect,
    )
    source = forms.CharField(
        label="Data source (optional)",
        required=False,
        max_length=200,
        help_text="File the records under this ImplementationID instead of the one in Export.csv.",
    )

    def clean_export(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["export"]
        if not zipfile.is_zipfile(upload):
            raise forms.ValidationError("This file is not a .zip. Zip the export's CSV files and try again.")
        upload.seek(0)
        return upload


class ExportForm(forms.Form):
    start = forms.DateField(label="Start date", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="End date", widget=forms.DateInput(attrs={"type": "date"}))
    period_type = forms.TypedChoiceField(
        label="What to export",
        coerce=int,
        choices=[
            (PERIOD_REPORTING, "Reporting period: enrollments active in the period and their data"),
            (PERIOD_UPDATED, "Updated: records created, changed or deleted in the period"),
        ],
        initial=PERIOD_REPORTING,
        widget=forms.RadioSelect,
    )
    projects = KeyModelMultipleChoiceField(
        label="Projects",
        queryset=Project.objects.none(),
        required=False,
        help_text="Leave empty to export every project.",
        widget=forms.CheckboxSelectMultiple,
    )
    hashed = forms.BooleanField(
        label="Hash names and SSNs (HashStatus 4, SHA-256)",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = Project.objects.order_by("project_name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date is before the start date.")
        return data
