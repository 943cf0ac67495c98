"""Helpers the Coordinated Entry pages share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from hearth.enrollments.forms.common import apply_errors, error_dict


def show_service_errors(
    form: forms.Form, exc: ValidationError, *, labels: dict[str, str] | None = None
) -> None:
    """Put a service's refusal on the form: on the field it names, else at the top naming it."""
    rest = apply_errors(form, error_dict(exc))
    for name, problems in rest.items():
        label = (labels or {}).get(name, name.replace("_", " ").capitalize())
        for message in problems:
            form.add_error(None, f"{label}: {message}" if name != "__all__" else message)
