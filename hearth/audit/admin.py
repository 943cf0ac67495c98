from __future__ import annotations

from django.contrib import admin

from hearth.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Viewable, never editable (search it on /audit/)."""

    list_display = ("at", "actor", "action", "object_type", "object_id", "ip_address")
    list_filter = ("action",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
