from __future__ import annotations

from typing import Any

from django import forms

from hearth.accounts.models import Role
from hearth.core.fields import KeyModelChoiceField
from hearth.projects.models import Organization
from hearth.support.models import Category, HelpArticle, Status

# What each category needs before Support can work it.
REQUIRED_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    Category.NEW_ACCOUNT: ("academy_email",),
    Category.REACTIVATE: ("username",),
    Category.UNLOCK: ("username",),
    Category.PASSWORD_RESET: ("username",),
    Category.EMPLOYER_CHANGE: ("username", "agency_name"),
    Category.MERGE_DUPLICATES: ("client_identifiers",),
    Category.OTHER: (),
}


class TicketForm(forms.Form):
    category = forms.ChoiceField(choices=Category.choices, label="What do you need help with?")
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(
        label="Your email address",
        help_text="We send a link here to confirm it is yours. For an employer change, use your new work email.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    username = forms.CharField(
        max_length=150, required=False, label="Your Hearth username", help_text="For account problems."
    )
    academy_email = forms.EmailField(
        required=False, label="Email you used at the training academy", help_text="For new accounts."
    )
    agency_name = forms.CharField(
        max_length=200, required=False, label="Your agency now", help_text="For employer changes."
    )
    client_identifiers = forms.CharField(
        max_length=500,
        required=False,
        label="Hearth client numbers of the duplicate records",
        help_text="Numbers only, separated by commas (e.g. 1024, 2048). Never names or dates of birth.",
    )
    subject = forms.CharField(max_length=200, label="Subject")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="Details", max_length=10000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in REQUIRED_BY_CATEGORY.get(data.get("category", ""), ()):
            if not data.get(name):
                self.add_error(name, f"Required for this kind of request: {self.fields[name].label}.")
        if data.get("category") == Category.MERGE_DUPLICATES and data.get("client_identifiers"):
            parts = [p.strip() for p in data["client_identifiers"].replace(";", ",").split(",") if p.strip()]
            if len(parts) < 2 or not all(p.isdigit() for p in parts):
                self.add_error(
                    "client_identifiers", "Give at least two Hearth client numbers, separated by commas."
                )
        return data


class FollowForm(forms.Form):
    email = forms.EmailField(
        label="Email address you opened the ticket with",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Your reply", max_length=10000)


class DeskReplyForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Reply", max_length=10000)
    internal = forms.BooleanField(required=False, label="Internal note (not sent to the requester)")


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


class AssignForm(forms.Form):
    assigned_to: KeyModelChoiceField = KeyModelChoiceField(queryset=None, required=False, label="Assigned to")  # type: ignore[arg-type]

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff  # type: ignore[attr-defined]


class MatchAccountForm(forms.Form):
    username = forms.CharField(max_length=150, label="Account username")


class IssueForm(forms.Form):
    organization = KeyModelChoiceField(
        queryset=Organization.objects.order_by("organization_name"), required=False, label="Agency"
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.CASE_MANAGER)
    username = forms.CharField(max_length=150)
    email = forms.EmailField(label="Work email (the set-password link goes here)")


class EmployerChangeForm(forms.Form):
    organization = KeyModelChoiceField(
        queryset=Organization.objects.order_by("organization_name"), label="New agency"
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.CASE_MANAGER)
    username = forms.CharField(max_length=150, label="New username")


class HelpArticleForm(forms.ModelForm):
    class Meta:
        model = HelpArticle
        fields = ["title", "slug", "section", "summary", "body", "position", "published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
