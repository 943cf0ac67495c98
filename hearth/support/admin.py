from __future__ import annotations

from django.contrib import admin

from hearth.support.models import HelpArticle, Ticket


@admin.register(HelpArticle)
class HelpArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "section", "position", "published")
    list_filter = ("section", "published")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: tickets are worked on the Support desk, where actions are recorded."""

    list_display = ("reference", "category", "status", "requester_email", "updated_at")
    list_filter = ("category", "status")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
