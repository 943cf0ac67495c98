"""Hearth's staff account.

The account lifecycle (inactivity, lockout, reactivation, closing) is computed from the timestamps
stored here and the clock; see hearth.accounts.states for the rules and hearth.accounts.services for
the writes.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", "Case manager"
    AGENCY_ADMIN = "agency_admin", "Agency administrator"
    HMIS_ADMIN = "hmis_admin", "HMIS administrator"
    REPORT_ANALYST = "report_analyst", "Report analyst"
    READ_ONLY = "read_only", "Read-only"
    # Refers people on the community queue to housing openings; does not edit client records.
    CE_MATCHER = "ce_matcher", "Coordinated Entry matcher"


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
    academy_email = models.EmailField(
        blank=True, help_text="The email address the user gave the training academy (matches completions)."
    )
    must_change_password = models.BooleanField(
        default=False, help_text="The password is temporary: the user must choose a new one at sign-in."
    )
    # Consecutive failed sign-ins since the last success; at the limit the account is locked.
    failed_sign_ins = models.PositiveIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)
    # Set by HMIS Support; the user must sign in before the next local midnight.
    reactivated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)
    inactivity_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # The state `apply_account_rules` last saw, so it audits each change of state once.
    recorded_state = models.CharField(max_length=32, blank=True)
    previous_account = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_account",
        help_text="The account this one replaced when the user changed employers.",
    )

    class Meta:
        db_table = "accounts_user"

    @property
    def is_hmis_admin(self) -> bool:
        return self.is_superuser or self.role == Role.HMIS_ADMIN

    @property
    def state(self) -> str:
        from hearth.accounts.states import account_state

        return account_state(self)

    def __str__(self) -> str:
        return self.username
