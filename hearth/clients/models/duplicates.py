"""Likely duplicate records found by ``hearth find_duplicates``, and the merges staff made."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DuplicatePair(models.Model):
    """Two live records that may be the same person, waiting for (or after) an administrator's
    review. ``client_a`` always has the lower internal key, so a pair is stored once."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for review"
        SAME = "same", "Same person"
        DIFFERENT = "different", "Different people"
        MERGED = "merged", "Merged"

    client_a = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    client_b = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField()
    # Which fields agreed and how (e.g. {"dob": "day and month swapped"}); never the values.
    evidence = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    found_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client_a", "client_b"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=models.Q(client_a__lt=models.F("client_b")), name="duplicate_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["status", "-match_probability"], name="duplicate_pair_queue")]
        ordering = ["-match_probability", "id"]

    def __str__(self) -> str:
        return f"Possible duplicate {self.client_a_id}/{self.client_b_id}"


class ClientMerge(models.Model):
    """One merge of records into a dominant one, with what it changed, so it can be undone."""

    dominant = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    merged_ids = models.JSONField(help_text="Internal keys of the records merged into the dominant one.")
    performed_at = models.DateTimeField()
    performed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(
        max_length=100, blank=True, help_text="Where the request came from, e.g. a support ticket number."
    )
    # Everything the merge changed, with the values before (see hearth.clients.merge). It holds
    # profile values, so it is shown only to HMIS administrators and never copied to the audit trail.
    snapshot = models.JSONField()
    summary = models.JSONField(
        default=dict, help_text="Counts of what moved, for display and the audit trail."
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-performed_at", "-id"]

    def __str__(self) -> str:
        return f"Merge {self.pk} into client {self.dominant_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
