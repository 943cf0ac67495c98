"""Designing forms (consent, release of information, ...) in the administration site.

HMIS administrators design the forms every agency may use; signed copies keep the wording they were
signed with, so editing a form later never changes a signature. Program exit checklists and shelter
settings are edited on each program's settings page (hearth.enrollments.views.program).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hearth.core.admin_concurrency import LostUpdateAdminMixin
from hearth.enrollments.models import FormQuestion, FormTemplate


class HmisAdminOnly:
    """Only HMIS administrators (and superusers) see and change these models."""

    def _allowed(self, request: HttpRequest) -> bool:
        user: Any = request.user
        return bool(user.is_active and user.is_staff and getattr(user, "is_hmis_admin", False))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A form that has been signed is kept (retire it with "active" instead).
        return self._allowed(request) and not (obj is not None and obj.pk and _signed(obj))


def _signed(obj: Any) -> bool:
    template = obj if isinstance(obj, FormTemplate) else getattr(obj, "template", None)
    return bool(template is not None and template.submissions.exists())


class FormQuestionInline(HmisAdminOnly, admin.TabularInline):
    model = FormQuestion
    extra = 1
    fields = ("position", "label", "kind", "choices", "required")


@admin.register(FormTemplate)
class FormTemplateAdmin(HmisAdminOnly, LostUpdateAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "organization", "active", "updated_at")
    list_filter = ("kind", "active")
    search_fields = ("name",)
    fields = ("name", "kind", "introduction", "organization", "active")
    inlines = [FormQuestionInline]
