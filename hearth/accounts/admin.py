"""Django admin for accounts. Lifecycle actions (reactivate, unlock, issue) are on Hearth's own pages,
which apply the rules; the admin edits reference data such as the user agreement."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from hearth.accounts.models import AccountRequest, RolePolicy, TrainingCompletion, User, UserAgreement


@admin.register(User)
class HearthUserAdmin(UserAdmin):
    list_display = ("username", "email", "organization", "role", "last_login", "closed_at")
    list_filter = ("role", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Hearth", {"fields": ("organization", "role", "hud_user_id", "academy_email")}),
        (
            "Lifecycle (read-only: use the Users pages and the Support desk)",
            {
                "fields": (
                    "must_change_password",
                    "failed_sign_ins",
                    "locked_at",
                    "reactivated_at",
                    "closed_at",
                    "closed_reason",
                )
            },
        ),
    )
    readonly_fields = (
        "must_change_password",
        "failed_sign_ins",
        "locked_at",
        "reactivated_at",
        "closed_at",
        "closed_reason",
        "last_login",
        "date_joined",
    )


@admin.register(UserAgreement)
class UserAgreementAdmin(admin.ModelAdmin):
    list_display = ("version", "title", "published_at")


@admin.register(RolePolicy)
class RolePolicyAdmin(admin.ModelAdmin):
    list_display = ("role", "require_two_factor", "updated_at")


@admin.register(TrainingCompletion)
class TrainingCompletionAdmin(admin.ModelAdmin):
    list_display = ("academy_email", "course", "completed_on", "user")
    list_filter = ("course",)
    search_fields = ("academy_email",)
    readonly_fields = ("upload", "entered_by", "created_at")


@admin.register(AccountRequest)
class AccountRequestAdmin(admin.ModelAdmin):
    list_display = ("academy_email", "status", "requested_at", "expedite")
    list_filter = ("status",)
    readonly_fields = ("completion", "handled_by", "handled_at", "user")
