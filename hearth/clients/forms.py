"""Forms for the client profile and for search.

Data-quality codes follow what was typed: a full SSN is quality 1, ``xxx-xx-1234`` or a last four
is quality 2, and a blank needs a reason (8, 9 or 99). Staff only pick a quality to say that what
they typed is approximate, or why a value is missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import inlineformset_factory

from hearth.clients import ssn
from hearth.clients.models import Client, ClientAlias, ClientContact
from hearth.clients.search.query import QueryError, parse_date
from hearth.clients.services import RACE_FIELDS, VETERAN_FIELDS
from hearth.hud.codelists import LISTS

MISSING_REASONS = [
    (8, "Client doesn't know"),
    (9, "Client prefers not to answer"),
    (99, "Data not collected"),
]
EARLIEST_PLAUSIBLE_DOB = dt.date(1915, 1, 1)

RACE_LABELS = {
    "am_ind_ak_native": "American Indian, Alaska Native, or Indigenous",
    "asian": "Asian or Asian American",
    "black_af_american": "Black, African American, or African",
    "hispanic_latinao": "Hispanic/Latina/e/o",
    "mid_east_n_african": "Middle Eastern or North African",
    "native_hi_pacific": "Native Hawaiian or Pacific Islander",
    "white": "White",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _coded(
    list_id: str, *, required: bool = True, label: str = "", blank: str = ""
) -> forms.TypedChoiceField:
    choices: list[tuple[Any, str]] = list(LISTS[list_id].choices())
    if blank or not required:
        choices.insert(0, ("", blank or "—"))
    return forms.TypedChoiceField(
        choices=choices, coerce=int, required=required, label=label, empty_value=None
    )


class ClientForm(forms.Form):
    """The HUD universal data elements of a client."""

    first_name = forms.CharField(max_length=50, required=False, label="First name")
    middle_name = forms.CharField(max_length=50, required=False, label="Middle name")
    last_name = forms.CharField(max_length=50, required=False, label="Last name")
    name_suffix = forms.CharField(max_length=50, required=False, label="Suffix", help_text="Jr., Sr., III")
    name_quality = forms.TypedChoiceField(
        label="Name quality",
        choices=[("", "Full name, as entered"), (2, "Partial, street or code name"), *MISSING_REASONS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    ssn_text = forms.CharField(
        label="Social Security number",
        required=False,
        help_text="9 digits, or x for each unknown digit (xxx-xx-1234), or the last four digits.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false"}),
    )
    ssn_quality = forms.TypedChoiceField(
        label="SSN quality",
        choices=[("", "As entered"), (2, "Approximate"), *MISSING_REASONS],
        coerce=int,
        required=False,
        empty_value=None,
        help_text="If there is no SSN, say why.",
    )
    dob = forms.DateField(label="Date of birth", required=False, widget=DateInput())
    dob_quality = forms.TypedChoiceField(
        label="Date of birth quality",
        choices=[("", "Full date, as entered"), (2, "Approximate or partial"), *MISSING_REASONS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    sex = _coded("4.21", label="Sex")
    race_none = forms.TypedChoiceField(
        label="If no race or ethnicity is given, why",
        choices=[("", "—"), *MISSING_REASONS],
        coerce=int,
        required=False,
        empty_value=None,
    )
    additional_race_ethnicity = forms.CharField(
        max_length=100, required=False, label="Additional race and ethnicity detail"
    )
    veteran_status = _coded("1.8", label="U.S. military veteran")

    year_entered_service = forms.IntegerField(
        label="Year entered military service", required=False, min_value=1920, max_value=2100
    )
    year_separated = forms.IntegerField(
        label="Year separated from military service", required=False, min_value=1920, max_value=2100
    )
    world_war_ii = _coded("1.8", required=False, label="Theater of operations: World War II")
    korean_war = _coded("1.8", required=False, label="Korean War")
    vietnam_war = _coded("1.8", required=False, label="Vietnam War")
    desert_storm = _coded("1.8", required=False, label="Persian Gulf War (Operation Desert Storm)")
    afghanistan_oef = _coded("1.8", required=False, label="Afghanistan (Operation Enduring Freedom)")
    iraq_oif = _coded("1.8", required=False, label="Iraq (Operation Iraqi Freedom)")
    iraq_ond = _coded("1.8", required=False, label="Iraq (Operation New Dawn)")
    other_theater = _coded(
        "1.8", required=False, label="Other peace-keeping operations or military interventions"
    )
    military_branch = _coded("V1.11", required=False, label="Branch of the military")
    discharge_status = _coded("V1.12", required=False, label="Discharge status")

    def __init__(self, *args: Any, instance: Client | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in RACE_LABELS.items():
            self.fields[name] = forms.BooleanField(required=False, label=label)
        self.warnings: list[str] = []
        if instance is not None and instance.pk:
            for name in (
                "first_name",
                "middle_name",
                "last_name",
                "name_suffix",
                "dob",
                "sex",
                "race_none",
                "additional_race_ethnicity",
                *VETERAN_FIELDS,
            ):
                self.initial.setdefault(name, getattr(instance, name))
            self.initial["ssn_text"] = ssn.formatted(instance.ssn)
            self.initial["ssn_quality"] = (
                instance.ssn_data_quality if instance.ssn_data_quality != 1 else None
            )
            if instance.ssn and not ssn.is_full(instance.ssn) and instance.ssn_data_quality == 2:
                self.initial["ssn_quality"] = None
            self.initial["name_quality"] = (
                instance.name_data_quality if instance.name_data_quality != 1 else None
            )
            self.initial["dob_quality"] = (
                instance.dob_data_quality if instance.dob_data_quality != 1 else None
            )
            for name in RACE_FIELDS:
                self.initial[name] = getattr(instance, name) == 1
        else:
            self.initial.setdefault("sex", 99)
            self.initial.setdefault("veteran_status", 99)

    def clean_first_name(self) -> str:
        return (self.cleaned_data.get("first_name") or "").strip()

    def clean_last_name(self) -> str:
        return (self.cleaned_data.get("last_name") or "").strip()

    def clean_ssn_text(self) -> ssn.ParsedSSN:
        try:
            return ssn.parse(self.cleaned_data.get("ssn_text"))
        except ssn.SSNError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_dob(self) -> dt.date | None:
        dob = self.cleaned_data.get("dob")
        if dob and dob > dt.date.today():
            raise forms.ValidationError("The date of birth is in the future.")
        return dob

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        first, last = data.get("first_name"), data.get("last_name")
        name_quality = data.get("name_quality")
        if name_quality is None:
            if not (first and last):
                self.add_error(
                    "name_quality",
                    "With no first or last name, choose partial name or say why it is missing.",
                )
            data["name_data_quality"] = 1
        else:
            if name_quality == 2 and not (first or last):
                self.add_error("first_name", "A partial name needs at least a first or a last name.")
            data["name_data_quality"] = name_quality

        parsed: ssn.ParsedSSN | None = data.get("ssn_text")
        ssn_quality = data.get("ssn_quality")
        if parsed is not None:
            if parsed.value:
                if ssn_quality in (8, 9, 99):
                    self.add_error(
                        "ssn_quality", "An SSN was entered: clear it, or leave the quality as entered."
                    )
                data["ssn"] = parsed.value
                data["ssn_data_quality"] = 2 if ssn_quality == 2 else parsed.quality
                for problem in ssn.problems(parsed.value):
                    self.warnings.append(f"SSN: {problem} It is saved as typed and flagged for review.")
            else:
                if ssn_quality not in (8, 9, 99):
                    self.add_error("ssn_quality", "No SSN was entered: say why it is missing.")
                data["ssn"] = None
                data["ssn_data_quality"] = ssn_quality

        dob, dob_quality = data.get("dob"), data.get("dob_quality")
        if dob:
            if dob_quality in (8, 9, 99):
                self.add_error(
                    "dob_quality", "A date of birth was entered: clear it, or leave the quality as entered."
                )
            data["dob_data_quality"] = dob_quality or 1
            if dob < EARLIEST_PLAUSIBLE_DOB:
                self.warnings.append("Date of birth: before 1915, which HUD treats as a data issue.")
        else:
            if dob_quality not in (8, 9, 99):
                self.add_error("dob_quality", "No date of birth was entered: say why it is missing.")
            data["dob_data_quality"] = dob_quality

        races = [name for name in RACE_FIELDS if data.get(name)]
        if races and data.get("race_none") is not None:
            self.add_error("race_none", "A race or ethnicity is checked: leave this blank.")
        if not races and data.get("race_none") is None:
            self.add_error("race_none", "Check at least one race or ethnicity, or say why none is given.")
        for name in RACE_FIELDS:
            data[name] = 1 if data.get(name) else 0
        if data.get("veteran_status") != 1:
            for name in VETERAN_FIELDS[1:]:
                data[name] = None
        return data

    def profile_data(self) -> dict[str, Any]:
        """The cleaned values under the Client field names, for client_create / client_update."""
        from hearth.clients.services import PROFILE_FIELDS

        data = self.cleaned_data
        out = {name: data.get(name) for name in PROFILE_FIELDS if name in data}
        for text in ("first_name", "middle_name", "last_name", "name_suffix", "additional_race_ethnicity"):
            out[text] = (data.get(text) or "").strip() or None
        return out


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="A name, date of birth, SSN or its last four digits, or a record ID.",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    first_name = forms.CharField(label="First name", required=False, max_length=50)
    last_name = forms.CharField(label="Last name", required=False, max_length=50)
    dob = forms.CharField(
        label="Date of birth",
        required=False,
        max_length=20,
        help_text="e.g. 05/17/1980",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    ssn = forms.CharField(
        label="SSN or last four",
        required=False,
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_dob(self) -> dt.date | None:
        text = (self.cleaned_data.get("dob") or "").strip()
        if not text:
            return None
        found = parse_date(text)
        if found is None:
            raise forms.ValidationError("Enter a date such as 05/17/1980.")
        return found

    def clean_ssn(self) -> str:
        text = (self.cleaned_data.get("ssn") or "").strip()
        if text:
            try:
                ssn.parse(text)
            except ssn.SSNError as exc:
                raise forms.ValidationError(str(exc)) from None
        return text

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not self.errors and not any(data.get(k) for k in ("q", "first_name", "last_name", "dob", "ssn")):
            raise forms.ValidationError("Type something to search for.")
        return data


def query_from_search_form(form: SearchForm) -> Any:
    from hearth.clients.search import parse_query

    data = form.cleaned_data
    try:
        return parse_query(
            data.get("q") or "",
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
            dob=data.get("dob"),
            ssn_text=data.get("ssn") or "",
        )
    except QueryError as exc:
        form.add_error(None, str(exc))
        return None


class AliasForm(forms.ModelForm):
    class Meta:
        model = ClientAlias
        fields = ["kind", "first_name", "middle_name", "last_name"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = ClientContact
        fields = ["kind", "value", "note", "preferred", "ok_to_leave_message"]
        labels = {"value": "Number, address or details", "ok_to_leave_message": "OK to leave a message"}


AliasFormSet = inlineformset_factory(Client, ClientAlias, form=AliasForm, extra=1, can_delete=True)
ContactFormSet = inlineformset_factory(Client, ClientContact, form=ContactForm, extra=1, can_delete=True)
