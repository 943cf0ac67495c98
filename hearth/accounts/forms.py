from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from hearth.accounts import roles
from hearth.accounts.models import Course, Role, User
from hearth.core.fields import KeyModelChoiceField
from hearth.projects.models import Organization


class SignInForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(strip=False, widget=forms.PasswordInput)


class TwoFactorRemoveForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label="6-digit code from your authenticator app",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code from your authenticator app",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class NewPasswordForm(forms.Form):
    """Choose a new password (forced after a temporary one). Runs every password validator."""

    new_password1 = forms.CharField(
        label="New password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label="New password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", "The two passwords do not match.")
        elif one:
            try:
                password_validation.validate_password(one, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return data


class PasswordChangeForm(NewPasswordForm):
    old_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self) -> str:
        value = self.cleaned_data.get("old_password", "")
        if not self.user.check_password(value):
            raise forms.ValidationError("Your current password is not right.")
        return value


class AgreementForm(forms.Form):
    accept = forms.BooleanField(label="I have read the agreement and agree to follow it.")


class EmailForm(forms.Form):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class CompletionForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    academy_email = forms.EmailField(label="Email used at the academy")
    employer = forms.CharField(max_length=200, label="Employer agency")
    course = forms.ChoiceField(choices=Course.choices)
    completed_on = forms.DateField(label="Completion date", widget=forms.DateInput(attrs={"type": "date"}))


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Academy CSV file",
        help_text="Columns: first_name, last_name, email, employer, course, completed_on.",
    )


def agency_choices() -> KeyModelChoiceField:
    return KeyModelChoiceField(
        queryset=Organization.objects.order_by("organization_name"),
        required=False,
        label="Agency",
        help_text="Required except for HMIS administrators.",
    )


class IssueAccountForm(forms.Form):
    organization = agency_choices()
    role = forms.ChoiceField(choices=Role.choices, initial=Role.CASE_MANAGER)
    username = forms.CharField(max_length=150, help_text="Letters, digits and @ . + - _ only.")
    email = forms.EmailField(label="Work email (the set-password link goes here)")


class DeclineForm(forms.Form):
    reason = forms.CharField(max_length=300)


class RoleForm(forms.Form):
    role = forms.ChoiceField()

    def __init__(self, actor: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field: Any = self.fields["role"]
        role_field.choices = roles.grantable_roles(actor)


class CloseForm(forms.Form):
    reason = forms.CharField(max_length=200, label="Reason for closing")


class RolePolicyForm(forms.Form):
    def __init__(self, *args: Any, policies: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hearth.accounts.two_factor import ALWAYS_REQUIRED

        for value, label in Role.choices:
            always = value in ALWAYS_REQUIRED
            self.fields[value] = forms.BooleanField(
                required=False,
                label=str(label),
                initial=True if always else policies.get(value, False),
                disabled=always,
                help_text="Always required: this role manages other people's accounts." if always else "",
            )
