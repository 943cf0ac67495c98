"""Forms for enrolling, household changes, services, contacts, exits and program settings."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.core.fields import KeyModelMultipleChoiceField
from hearth.enrollments.forms.common import coded_field, date_field, field_of, today_initial
from hearth.enrollments.hud_fields import CLS_FOLLOW_UPS
from hearth.enrollments.models.households import MEMBER_RELATIONSHIP_CHOICES
from hearth.enrollments.models.roi import ReleaseOfInformation
from hearth.hud.codelists import LISTS
from hearth.hud.validation import SERVICE_TYPE_LISTS

CLS_EXCLUDE = (312, 313, 327, 422, 423, 426, 30, 24)
HUD_RELATIONSHIPS = LISTS["3.15.1"].choices(exclude=(99,))
MEMBER_RELATIONSHIPS = LISTS["3.15.1"].choices(exclude=(1, 99))
# Service record types offered on the service form (bed nights have their own roster). HOPWA
# financial assistance and VASH voucher tracking are left out: their type lists are not in the
# FY2026 code lists Hearth carries.
SERVICE_RECORD_TYPES = (141, 142, 143, 144, 152, 161, 300)
FINANCIAL_RECORD_TYPES = (152,)


def service_choices(*, include_bed_night: bool) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices "record type:type provided", one group per HUD record type."""
    record_types = list(SERVICE_RECORD_TYPES) + ([200] if include_bed_night else [])
    groups = []
    for record_type in record_types:
        type_list = LISTS[SERVICE_TYPE_LISTS[record_type]]
        groups.append(
            (
                LISTS["1.4"].label(record_type),
                [(f"{record_type}:{code}", label) for code, label in type_list.choices()],
            )
        )
    return groups


class EnrollForm(forms.Form):
    project = forms.TypedChoiceField(label="Program", coerce=int, empty_value=None)
    entry_date = date_field("Project start date (3.10)")
    confirm_duplicate = forms.BooleanField(
        label="Enroll anyway: I have checked the member's other active enrollment in this program",
        required=False,
    )

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "project").choices = [("", "Choose a program…")] + [
            (p.pk, f"{p.project_name} · {LISTS['2.02.6'].label(p.project_type)} · {p.organization}")
            for p in projects
        ]
        self.fields["entry_date"].initial = today_initial()


class EnrollMemberForm(forms.Form):
    """One person in the enroll form's household table (prefix = client pk)."""

    include = forms.BooleanField(label="Enroll", required=False)
    relationship = forms.TypedChoiceField(
        label="Relationship to head", choices=HUD_RELATIONSHIPS, coerce=int, empty_value=None
    )
    disabling_condition = coded_field(
        "1.8", "Disabling condition (3.08)", required=False, blank_label="Ask at project start"
    )


class MemberAddForm(forms.Form):
    relationship = forms.TypedChoiceField(
        label="Relationship to the head of household",
        choices=MEMBER_RELATIONSHIPS,
        coerce=int,
        empty_value=None,
    )
    entry_date = date_field("Project start date (3.10)")
    disabling_condition = coded_field(
        "1.8", "Disabling condition (3.08)", required=False, blank_label="Ask at project start"
    )
    confirm_duplicate = forms.BooleanField(
        label="Enroll anyway: I have checked this person's other active enrollment in this program",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry_date"].initial = today_initial()


class HeadChangeForm(forms.Form):
    new_head = forms.TypedChoiceField(label="New head of household", coerce=int, empty_value=None)
    former_head_relationship = forms.TypedChoiceField(
        label="The former head's relationship to the new head",
        choices=MEMBER_RELATIONSHIPS,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "new_head").choices = [("", "Choose…"), *candidates]


class RelationshipForm(forms.Form):
    relationship = forms.TypedChoiceField(
        label="Relationship to the head", choices=MEMBER_RELATIONSHIPS, coerce=int, empty_value=None
    )


class GlobalMemberForm(forms.Form):
    relationship = forms.TypedChoiceField(
        label="Relationship to the head", choices=MEMBER_RELATIONSHIP_CHOICES, coerce=int, empty_value=None
    )


class GlobalHeadForm(forms.Form):
    former_head_relationship = forms.TypedChoiceField(
        label="The current head's relationship to the new head",
        choices=MEMBER_RELATIONSHIP_CHOICES,
        coerce=int,
        empty_value=None,
    )


class ServiceForm(forms.Form):
    date_provided = date_field("Date provided")
    service = forms.ChoiceField(label="Service")
    fa_amount = forms.DecimalField(
        label="Amount of financial assistance ($)",
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
    )
    fa_start_date = date_field("Financial assistance start", required=False)
    fa_end_date = date_field("Financial assistance end", required=False)
    referral_outcome = coded_field("P2.A", "Referral outcome", required=False)
    other_type_provided = forms.CharField(
        label="Describe (for 'Other' services)", max_length=50, required=False
    )

    def __init__(self, *args: Any, include_bed_night: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "service").choices = [
            ("", "Choose a service…"),
            *service_choices(include_bed_night=include_bed_night),
        ]
        self.fields["date_provided"].initial = today_initial()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = data.get("service") or ""
        if raw:
            record_type, type_provided = (int(x) for x in raw.split(":"))
            data["record_type"], data["type_provided"] = record_type, type_provided
            if record_type not in FINANCIAL_RECORD_TYPES:
                data["fa_amount"] = data["fa_start_date"] = data["fa_end_date"] = None
            if record_type != 161:
                data["referral_outcome"] = None
        return data


class ContactForm(forms.Form):
    information_date = date_field("Date of contact")
    current_living_situation = coded_field("3.12", "Where is the client staying? (4.12)", exclude=CLS_EXCLUDE)
    location_details = forms.CharField(
        label="Location",
        max_length=250,
        required=False,
        help_text="Where you met: cross streets, landmark, or your phone's location.",
    )
    cls_subsidy_type = coded_field("3.12.A", "Subsidy type", required=False)
    leave_situation14_days = coded_field(
        "1.8", "Is the client going to have to leave their current situation within 14 days?", required=False
    )
    subsequent_residence = coded_field("1.8", "Has a subsequent residence been identified?", required=False)
    resources_to_obtain = coded_field(
        "1.8", "Does the client have the resources to obtain permanent housing?", required=False
    )
    lease_own60_day = coded_field(
        "1.8", "Has the client had a lease or ownership interest in the last 60 days?", required=False
    )
    moved_two_or_more = coded_field(
        "1.8", "Has the client moved two or more times in the last 60 days?", required=False
    )
    verified_by = forms.CharField(
        label="Verified by (project or agency, if any)", max_length=200, required=False
    )
    engagement = forms.BooleanField(
        label="The client engaged on this contact (sets the date of engagement)", required=False
    )

    DEPENDS = {
        "cls_subsidy_type": "current_living_situation:435",
        **dict.fromkeys(
            CLS_FOLLOW_UPS, "current_living_situation:204,205,206,207,215,225,302,314,329,332,410,411,421,435"
        ),
    }

    def __init__(self, *args: Any, engagement_applies: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["information_date"].initial = today_initial()
        if not engagement_applies:
            del self.fields["engagement"]

    def follow_ups(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"cls_subsidy_type": data.get("cls_subsidy_type"), **{n: data.get(n) for n in CLS_FOLLOW_UPS}}


class DateOnlyForm(forms.Form):
    day = date_field("Date", required=False)

    def __init__(self, *args: Any, label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].label = label


class ExitForm(forms.Form):
    exit_date = date_field("Exit date (3.11)")
    accept_before_last_service = forms.BooleanField(
        label="Exit anyway: the exit date is before the last service or on the last bed night", required=False
    )
    new_head = forms.TypedChoiceField(
        label="New head of household", coerce=int, empty_value=None, required=False
    )
    former_head_relationship = forms.TypedChoiceField(
        label="The leaving head's relationship to the new head",
        choices=[("", "Choose…"), *MEMBER_RELATIONSHIPS],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(
        self, *args: Any, steps: list[Any], head_candidates: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exit_date"].initial = today_initial()
        field_of(self, "new_head").choices = [("", "Choose…"), *head_candidates]
        for step in steps:
            self.fields[f"step_{step.pk}"] = forms.BooleanField(label=step.text, required=False)
        self.steps = steps

    def step_fields(self) -> list[Any]:
        return [self[f"step_{s.pk}"] for s in self.steps]

    def confirmed_steps(self) -> list[int]:
        return [s.pk for s in self.steps if self.cleaned_data.get(f"step_{s.pk}")]


class NoteForm(forms.Form):
    body = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)
    confidential = forms.BooleanField(label="Confidential: only my agency may read it", required=False)


class FileForm(forms.Form):
    file = forms.FileField(label="File")
    description = forms.CharField(label="Description", max_length=200, required=False)
    confidential = forms.BooleanField(label="Confidential: only my agency may open it", required=False)


class RoiForm(forms.Form):
    permission = forms.TypedChoiceField(
        label="Did the client give permission to share?",
        choices=[("1", "Yes"), ("0", "No")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    share_with_coc = forms.BooleanField(label="Share with every agency of the CoC", required=False)
    organizations: KeyModelMultipleChoiceField = KeyModelMultipleChoiceField(
        label="Share with these agencies", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    start_date = date_field("Start date")
    end_date = date_field("End date")
    documentation = forms.ChoiceField(
        label="Documentation", choices=ReleaseOfInformation.Documentation.choices
    )
    documentation_note = forms.CharField(label="Note about the documentation", max_length=200, required=False)
    document = forms.FileField(label="Scan of the signed release (optional)", required=False)

    def __init__(
        self, *args: Any, organizations: Any, coc_code: str, with_documentation: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field_of(self, "organizations").queryset = organizations
        self.fields["share_with_coc"].label = f"Share with every agency of the CoC ({coc_code})"
        self.fields["start_date"].initial = today_initial()
        self.coc_code = coc_code
        if not with_documentation:
            for name in ("documentation", "documentation_note", "document"):
                del self.fields[name]


class ProgramSettingsForm(forms.Form):
    shelter_auto_exit_nights = forms.IntegerField(
        label="Nights without a bed night before a guest is exited automatically",
        required=False,
        min_value=1,
        max_value=365,
        help_text="Leave empty for the CoC default.",
    )


class ExitStepForm(forms.Form):
    text = forms.CharField(label="New exit step", max_length=200)
