"""What the sign-in rules remember: attempts, password history, per-role policy and the agreement."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.accounts.models.user import Role


class SignInAttempt(models.Model):
    """Every sign-in attempt, for the rate limits (the audit trail is the permanent record)."""

    class Outcome(models.TextChoices):
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Wrong username or password"
        REFUSED = "refused", "Refused (locked, inactive or closed)"
        THROTTLED = "throttled", "Rate-limited"

    # Lower-cased as typed: unknown usernames are rate-limited like real ones.
    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)

    class Meta:
        indexes = [
            models.Index(fields=["username", "at"], name="attempt_username_at"),
            models.Index(fields=["ip_address", "at"], name="attempt_ip_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.outcome}"


class PasswordHistory(models.Model):
    """Hashes of a user's recent passwords, so none of the last few is chosen again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "password history"

    def __str__(self) -> str:
        return f"password of user {self.user_id} set {self.created_at:%Y-%m-%d}"


class RolePolicy(models.Model):
    """Per-role security settings an HMIS administrator may change."""

    role = models.CharField(max_length=32, choices=Role.choices, unique=True)
    require_two_factor = models.BooleanField(
        default=False, help_text="Users with this role must sign in with an authenticator app code."
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "role policies"

    def __str__(self) -> str:
        return self.get_role_display()


class UserAgreement(models.Model):
    """The HMIS user agreement. The newest published version is the one users sign."""

    version = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text; blank lines separate paragraphs.")
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class AgreementSignature(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agreement_signatures"
    )
    agreement = models.ForeignKey(UserAgreement, on_delete=models.PROTECT, related_name="signatures")
    signed_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"user {self.user_id} signed version {self.agreement_id} on {self.signed_at:%Y-%m-%d}"
