"""Releases of information: a client's permission to share their record with other agencies.

Under the CoC's sharing model an agency sees its own clients; another agency sees a client only
while a release with permission is current (start date <= today <= end date, not revoked) and names
that agency, or names the CoC the agency takes part in (see hearth.enrollments.sharing).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReleaseOfInformation(models.Model):
    class Documentation(models.TextChoices):
        SIGNED_PAPER = "signed_paper", "Signed paper form (scanned or on file)"
        ELECTRONIC = "electronic", "Electronic signature in Hearth"
        VERBAL = "verbal", "Verbal consent, witnessed by staff"
        OTHER = "other", "Other"

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="releases")
    permission = models.BooleanField(help_text="Did the client give permission to share?")
    coc_code = models.CharField(
        "share with every agency of the CoC",
        max_length=6,
        blank=True,
        help_text="A CoC code (e.g. CA-600): every agency running a project in that CoC is covered.",
    )
    organizations = models.ManyToManyField(
        "projects.Organization", blank=True, related_name="+", verbose_name="share with these agencies"
    )
    start_date = models.DateField()
    end_date = models.DateField()
    documentation = models.CharField(max_length=16, choices=Documentation.choices)
    documentation_note = models.CharField(max_length=200, blank=True)
    file = models.ForeignKey(
        "enrollments.ClientFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    form_submission = models.ForeignKey(
        "enrollments.FormSubmission", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The agency that recorded the release.
    organization = models.ForeignKey(
        "projects.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "enrollments_release_of_information"
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="roi_end_not_before_start"
            )
        ]

    def __str__(self) -> str:
        return f"Release of information {self.pk}"
