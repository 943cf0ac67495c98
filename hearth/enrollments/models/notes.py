"""Case notes. A note on a program enrollment is also one of the client's notes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

NOTE_MAX_LENGTH = 10_000


class CaseNote(models.Model):
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="case_notes")
    # Set for a program note; empty for a note on the client record itself.
    enrollment = models.ForeignKey(
        "enrollments.Enrollment", on_delete=models.PROTECT, null=True, blank=True, related_name="case_notes"
    )
    # The author's agency when the note was written: confidential notes stay within it.
    organization = models.ForeignKey(
        "projects.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(db_index=True)
    body = models.TextField(max_length=NOTE_MAX_LENGTH)
    confidential = models.BooleanField(
        default=False, help_text="Only staff of the author's agency (and HMIS administrators) may read it."
    )

    class Meta:
        db_table = "enrollments_case_note"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Note {self.pk}"
