"""The report request form: dates, projects the user may see, and an optional CoC."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from hearth.core import clock
from hearth.core.fields import KeyModelMultipleChoiceField
from hearth.projects.models import ProjectCoC
from hearth.projects.selectors import projects_for_user


def _last_federal_year() -> tuple[dt.date, dt.date]:
    """HUD's operating year that ended most recently (October 1 to September 30)."""
    today = clock.local_today()
    end_year = today.year if today >= dt.date(today.year, 9, 30) else today.year - 1
    return dt.date(end_year - 1, 10, 1), dt.date(end_year, 9, 30)


class ReportForm(forms.Form):
    start_date = forms.DateField(label="Start date", widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label="End date", widget=forms.DateInput(attrs={"type": "date"}))
    projects: Any = KeyModelMultipleChoiceField(
        label="Projects",
        queryset=None,  # type: ignore[arg-type]  # set per user in __init__
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Choose one or more. Leave empty to report on every project of the CoC you choose below.",
    )
    coc_code = forms.ChoiceField(
        label="Continuum of Care",
        required=False,
        help_text="Households whose head of household was served in another CoC are left out.",
    )

    def __init__(self, *args: Any, user: Any, kind: str = "", **kwargs: Any) -> None:
        start, end = _last_federal_year()
        kwargs.setdefault("initial", {"start_date": start, "end_date": end})
        super().__init__(*args, **kwargs)
        visible = projects_for_user(user).select_related("organization").order_by("project_name")
        self.fields["projects"].queryset = visible  # type: ignore[attr-defined]
        self.fields["projects"].label_from_instance = lambda p: f"{p.project_name} ({p.hud_id})"  # type: ignore[attr-defined]
        codes = (
            ProjectCoC.objects.filter(project__in=visible)
            .order_by("coc_code")
            .values_list("coc_code", flat=True)
            .distinct()
        )
        self.fields["coc_code"].choices = [("", "Any")] + [(code, code) for code in codes]  # type: ignore[attr-defined]
        self.coc_wide = kind == "spm"
        if self.coc_wide:
            # The SPM covers every project of the CoC (and the years before the report that its
            # measures look back on): there is no choice of projects.
            del self.fields["projects"]
            coc = self.fields["coc_code"]
            coc.required = True
            coc.choices = [("", "Choose a CoC")] + list(coc.choices)[1:]  # type: ignore[attr-defined]
            coc.help_text = "Every HMIS project of the CoC is counted; the previous year is run beside it."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date is before the start date.")
        if not self.coc_wide and not data.get("projects") and not data.get("coc_code"):
            self.add_error("projects", "Choose at least one project, or a Continuum of Care.")
        return data
