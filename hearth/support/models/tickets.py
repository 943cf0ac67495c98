"""HMIS Support tickets. A requester need not be able to sign in: they prove their email address
with an emailed link, and follow the ticket through links in the notification emails."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Category(models.TextChoices):
    NEW_ACCOUNT = "new_account", "New account (expedite or status)"
    REACTIVATE = "reactivate", "Reactivate my account"
    UNLOCK = "unlock", "Unlock my account"
    PASSWORD_RESET = "password_reset", "Password reset"
    EMPLOYER_CHANGE = "employer_change", "I changed employers"
    MERGE_DUPLICATES = "merge_duplicates", "Merge duplicate client records"
    OTHER = "other", "Something else"


# Categories about the requester's own account: Support acts on that account from the ticket.
ACCOUNT_CATEGORIES = {Category.REACTIVATE, Category.UNLOCK, Category.PASSWORD_RESET, Category.EMPLOYER_CHANGE}


class Status(models.TextChoices):
    NEW = "new", "New"
    OPEN = "open", "Open"
    WAITING = "waiting", "Waiting on requester"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


class Ticket(models.Model):
    category = models.CharField(max_length=32, choices=Category.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    subject = models.CharField(max_length=200)
    requester_email = models.EmailField(help_text="Verified by an emailed link before the ticket is worked.")
    requester_first_name = models.CharField(max_length=100)
    requester_last_name = models.CharField(max_length=100)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_tickets",
        help_text="Set when the ticket was opened while signed in.",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # What a category needs to be worked (see forms.TicketForm for which ones are required).
    username = models.CharField(max_length=150, blank=True, help_text="The account the ticket is about.")
    academy_email = models.EmailField(blank=True, help_text="The email address used at the training academy.")
    agency_name = models.CharField(
        max_length=200, blank=True, help_text="The agency the requester works for now."
    )
    client_identifiers = models.CharField(
        max_length=500,
        blank=True,
        help_text="Hearth client numbers of the duplicate records, comma-separated.",
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The account Support matched to the ticket.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_tickets",
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="ticket_status_updated"),
            models.Index(fields=["requester_email"], name="ticket_requester_email"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    @property
    def reference(self) -> str:
        return f"HS-{self.pk:06d}" if self.pk else "HS-new"

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.RESOLVED, Status.CLOSED)

    def client_ids(self) -> list[int]:
        ids = []
        for part in self.client_identifiers.replace(";", ",").split(","):
            part = part.strip()
            if part.isdigit():
                ids.append(int(part))
        return ids


class TicketMessage(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_support = models.BooleanField(default=False)
    internal = models.BooleanField(
        default=False, help_text="A note for Support only; never sent to the requester."
    )
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"message {self.pk} on ticket {self.ticket_id}"


class TicketAction(models.Model):
    """Something Support did from the ticket (reactivate, unlock, ...): the ticket's own record of it."""

    class Kind(models.TextChoices):
        REACTIVATE = "reactivate", "Reactivated the account"
        UNLOCK = "unlock", "Unlocked the account"
        PASSWORD_RESET = "password_reset", "Sent a password reset link"
        ISSUE_ACCOUNT = "issue_account", "Issued the account"
        EMPLOYER_CHANGE = "employer_change", "Closed the old account and issued a new one"
        EXPEDITE = "expedite", "Expedited the account request"
        STATUS = "status", "Changed the status"
        ASSIGN = "assign", "Assigned the ticket"

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on ticket {self.ticket_id}"
