"""Form fields that choose records by key and refuse anything that is not a key.

Django's model choice fields hand the posted text to the database; a number beyond a 64-bit
integer then fails inside SQLite ("Python int too large") instead of being an invalid choice. These
fields check the text first (hearth.core.params.posted_id) and answer with the field's ordinary
"not one of the available choices" message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from hearth.core.params import posted_id


class KeyModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not self.to_field_name and posted_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class KeyModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value: Any) -> Any:
        if not self.to_field_name and value not in self.empty_values:
            for each in value if isinstance(value, list | tuple) else [value]:
                if posted_id(each) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": "?"}
                    )
        return super().clean(value)
