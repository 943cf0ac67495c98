"""Lost-update protection for records edited in Django's admin (see hearth.core.concurrency).

The change form carries an edit token of the record's fields as the page drew them, and a state
token of its inline rows (a questionnaire's questions, a project's CoCs, funders and inventory).
The form's validation re-reads the record under a row lock (the admin saves in one transaction,
so the lock holds until the save commits) and refuses the save when another administrator (or an
import) changed any of the fields or any inline row since, naming them; nothing is written and the
administrator's input stays in the form.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms.models import _get_foreign_key
from django.http import HttpRequest

from hearth.core.concurrency import changed_since, edit_token, stale_message, state_changed, state_token


def _guarded_fields(model: Any, form_fields: Any) -> list[str]:
    names = set(form_fields)
    return sorted(f.attname for f in model._meta.concrete_fields if f.name in names)


def _inline_rows(admin: Any, request: HttpRequest, obj: Any) -> dict[str, Any]:
    """Each inline's rows of ``obj`` as they are now: (pk, every column) sorted by pk, by the
    inline's plural name (what a message names)."""
    parts: dict[str, Any] = {}
    for inline in admin.get_inline_instances(request, obj):
        fk = _get_foreign_key(admin.model, inline.model, fk_name=inline.fk_name)
        assert fk is not None  # an inline always has its key to the parent
        columns = [f.attname for f in inline.model._meta.concrete_fields]
        rows = inline.model._default_manager.filter(**{fk.name: obj}).order_by("pk").values_list(*columns)
        parts[str(inline.model._meta.verbose_name_plural)] = list(rows)
    return parts


def _scope(obj: Any) -> str:
    return f"admin.{obj._meta.label_lower}.{obj.pk}.inlines"


class LostUpdateAdminMixin:
    """Mix into a ModelAdmin before admin.ModelAdmin."""

    change_form_template: Any = "admin/core/change_form_guarded.html"

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]
        if obj is None or request.method != "POST":
            return form_class
        admin = self
        model = self.model  # type: ignore[attr-defined]
        fields = _guarded_fields(model, form_class.base_fields)
        posted = request.POST.get("edit_token") or ""
        posted_rows = request.POST.get("inline_token") or ""

        class Guarded(form_class):  # type: ignore[misc, valid-type]
            def clean(self) -> Any:
                cleaned = super().clean()
                # Locked until the admin's save transaction ends: two saves cannot both pass.
                current = model._default_manager.select_for_update().get(pk=obj.pk)
                changed = [name for name in changed_since(current, posted) if name in fields or "(" in name]
                changed += state_changed(_scope(current), posted_rows, _inline_rows(admin, request, current))
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
            context["inline_token"] = state_token(_scope(current), _inline_rows(self, request, current))
        return super().render_change_form(request, context, add, change, form_url, obj)  # type: ignore[misc]
