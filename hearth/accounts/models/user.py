"""Hearth's staff account. The account lifecycle rules (inactivity, lockout, reactivation) build
on these fields; see hearth.accounts.services."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", "Case manager"
    AGENCY_ADMIN = "agency_admin", "Agency administrator"
    HMIS_ADMIN = "hmis_admin", "HMIS administrator"
    REPORT_ANALYST = "report_analyst", "Report analyst"
    READ_ONLY = "read_only", "Read-only"


class User(AbstractUser):
    organization = models.ForeignKey(
        "projects.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text="The agency this account works for. HMIS administrators may have none.",
    )
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.CASE_MANAGER)
    hud_user_id = models.CharField(
        "HUD UserID",
        max_length=32,
        blank=True,
        help_text="UserID written on the HUD records this user enters.",
    )

    class Meta:
        db_table = "accounts_user"

    @property
    def is_hmis_admin(self) -> bool:
        return self.is_superuser or self.role == Role.HMIS_ADMIN

    def __str__(self) -> str:
        return self.username
