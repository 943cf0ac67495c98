"""Form fields for HUD coded values, with HUD's labels from hearth.hud.codelists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from hearth.hud.codelists import LISTS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def coded_field(
    list_id: str,
    label: str,
    *,
    required: bool = True,
    exclude: Iterable[int] = (),
    only: Iterable[int] | None = None,
    help_text: str = "",
    blank_label: str = "Choose…",
) -> forms.TypedChoiceField:
    choices: list[tuple[Any, str]] = list(LISTS[list_id].choices(exclude))
    if only is not None:
        keep = list(only)
        choices = [c for c in choices if c[0] in keep]
    return forms.TypedChoiceField(
        label=label,
        choices=[("", blank_label), *choices],
        coerce=int,
        empty_value=None,
        required=required,
        help_text=help_text,
    )


def yes_box(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


def apply_errors(form: forms.Form, errors: dict[str, list[str]], *, prefix: str = "") -> dict[str, list[str]]:
    """Attach service errors to the form's fields; return the ones no field of this form holds."""
    rest: dict[str, list[str]] = {}
    for name, messages in errors.items():
        field = name[len(prefix) :] if prefix and name.startswith(prefix) else name
        if field in form.fields:
            for message in messages:
                form.add_error(field, message)
        else:
            rest[name] = messages
    return rest


def error_dict(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def today_initial() -> dt.date:
    from hearth.core import clock

    return clock.local_today()


def field_of(form: forms.Form, name: str) -> Any:
    """A form field for setting its choices or queryset at run time."""
    return form.fields[name]
