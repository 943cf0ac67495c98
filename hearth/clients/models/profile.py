"""Profile details outside HUD's Client.csv: other names a client is known by, and ways to reach
them. Neither is exported to HUD; both belong to the client record and move with it on a merge."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ClientAlias(models.Model):
    class Kind(models.TextChoices):
        ALIAS = "alias", "Alias or street name"
        PREVIOUS = "previous", "Previous or maiden name"
        NICKNAME = "nickname", "Nickname"
        SPELLING = "spelling", "Other spelling"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="aliases")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ALIAS)
    first_name = models.CharField(max_length=50, blank=True)
    middle_name = models.CharField(max_length=50, blank=True)
    last_name = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "client alias"
        verbose_name_plural = "client aliases"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Alias {self.pk} of client {self.client_id}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p)


class ClientContact(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        ADDRESS = "address", "Mailing address"
        OTHER = "other", "Other (a place, a person who can pass on a message)"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.CharField(max_length=300)
    note = models.CharField(max_length=200, blank=True, help_text="When to call, whose phone it is...")
    preferred = models.BooleanField(default=False)
    ok_to_leave_message = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-preferred", "id"]

    def __str__(self) -> str:
        return f"Contact {self.pk} of client {self.client_id}"
