"""Django admin for reference data: agencies, projects, funders, project CoCs and inventory."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from hearth.core.admin_concurrency import LostUpdateAdminMixin
from hearth.projects.models import Funder, Inventory, Organization, Project, ProjectCoC

BOOKKEEPING = ("hud_id", "data_source", "date_created", "date_updated", "hud_user_id", "date_deleted")


def _hud_user_id(request: HttpRequest) -> str:
    """The HUD UserID written on records an administrator changes."""
    return getattr(request.user, "hud_user_id", "") or str(request.user.pk)


class HudAdmin(LostUpdateAdminMixin, admin.ModelAdmin):
    readonly_fields = BOOKKEEPING
    list_per_page = 50

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.hud_user_id = _hud_user_id(request)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Inline records (a project's CoC, funders, inventory) carry UserID like the project.
        for inline in formset.save(commit=False):
            inline.hud_user_id = _hud_user_id(request)
            inline.save()
        for gone in formset.deleted_objects:
            gone.soft_delete()
        formset.save_m2m()

    # HUD records are never erased: "delete" sets DateDeleted, which every query then respects
    # (and an export reports), while the enrollments that point at a project keep their history.
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        obj.soft_delete()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            obj.soft_delete()

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[str], dict[str, int], set[str], list[str]]:
        names = [str(obj) for obj in objs]
        return names, {str(self.model._meta.verbose_name_plural): len(names)}, set(), []


class FunderInline(admin.TabularInline):
    model = Funder
    extra = 0
    exclude = BOOKKEEPING


class ProjectCoCInline(admin.TabularInline):
    model = ProjectCoC
    extra = 0
    exclude = BOOKKEEPING


class InventoryInline(admin.TabularInline):
    model = Inventory
    extra = 0
    exclude = BOOKKEEPING


@admin.register(Organization)
class OrganizationAdmin(HudAdmin):
    list_display = ("organization_name", "hud_id", "victim_service_provider", "data_source")
    search_fields = ("organization_name", "hud_id")


@admin.register(Project)
class ProjectAdmin(HudAdmin):
    list_display = (
        "project_name",
        "hud_id",
        "organization",
        "project_type",
        "operating_start_date",
        "operating_end_date",
    )
    list_filter = ("project_type", "continuum_project")
    search_fields = ("project_name", "hud_id")
    list_select_related = ("organization",)
    inlines = [ProjectCoCInline, FunderInline, InventoryInline]


@admin.register(Funder)
class FunderAdmin(HudAdmin):
    list_display = ("project", "funder", "grant_id", "start_date", "end_date")
    list_select_related = ("project",)


@admin.register(ProjectCoC)
class ProjectCoCAdmin(HudAdmin):
    list_display = ("project", "coc_code", "geocode", "geography_type")
    list_select_related = ("project",)


@admin.register(Inventory)
class InventoryAdmin(HudAdmin):
    list_display = ("project", "coc_code", "household_type", "bed_inventory", "inventory_start_date")
    list_select_related = ("project",)
