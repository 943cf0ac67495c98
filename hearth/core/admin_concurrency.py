"""Lost-update protection for records edited in Django's admin (see hearth.core.concurrency).

The change form carries an edit token of the record's fields as the page drew them, and the
form's validation refuses a save when another administrator (or an import) changed any of them
since, naming the fields; nothing is written and the administrator's input stays in the form.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest

from hearth.core.concurrency import changed_since, edit_token, stale_message


def _guarded_fields(model: Any, form_fields: Any) -> list[str]:
    names = set(form_fields)
    return sorted(f.attname for f in model._meta.concrete_fields if f.name in names)


class LostUpdateAdminMixin:
    """Mix into a ModelAdmin before admin.ModelAdmin."""

    change_form_template: Any = "admin/core/change_form_guarded.html"

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]
        if obj is None or request.method != "POST":
            return form_class
        model = self.model  # type: ignore[attr-defined]
        fields = _guarded_fields(model, form_class.base_fields)
        posted = request.POST.get("edit_token") or ""

        class Guarded(form_class):  # type: ignore[misc, valid-type]
            def clean(self) -> Any:
                cleaned = super().clean()
                current = model._default_manager.get(pk=obj.pk)
                changed = [name for name in changed_since(current, posted) if name in fields or "(" in name]
                if changed:
                    names = [name.removesuffix("_id") for name in changed]
                    raise ValidationError(stale_message(model, names))
                return cleaned

        return Guarded

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], add: bool = False, change: bool = False,
        form_url: str = "", obj: Any = None,
    ) -> Any:  # fmt: skip
        if obj is not None and obj.pk is not None:
            current = self.model._default_manager.get(pk=obj.pk)  # type: ignore[attr-defined]
            form_fields = context["adminform"].form.base_fields
            context["edit_token"] = edit_token(current, _guarded_fields(self.model, form_fields))  # type: ignore[attr-defined]
        return super().render_change_form(request, context, add, change, form_url, obj)  # type: ignore[misc]
