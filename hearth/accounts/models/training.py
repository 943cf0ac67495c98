"""Training completions reported by the HMIS training academy, and the new-account queue they feed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Course(models.TextChoices):
    # The Basic Navigation Training Series comes in three tracks; finishing one qualifies a new user.
    BNT_INDIVIDUALS_YOUTH = "bnt_individuals_youth", "Basic Navigation Training Series: Individuals/Youth"
    BNT_FAMILIES = "bnt_families", "Basic Navigation Training Series: Families"
    BNT_STREET_OUTREACH = "bnt_street_outreach", "Basic Navigation Training Series: Street Outreach"
    RETAKE = "retake", "RETAKE (returning users)"


SERIES_TRACKS = frozenset({Course.BNT_INDIVIDUALS_YOUTH, Course.BNT_FAMILIES, Course.BNT_STREET_OUTREACH})


class TrainingUpload(models.Model):
    """One CSV file from the academy (kept so each completion says where it came from)."""

    file_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    rows = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class TrainingCompletion(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    academy_email = models.EmailField(help_text="The email address used at the training academy.")
    employer = models.CharField(max_length=200, help_text="Employer agency as reported to the academy.")
    organization = models.ForeignKey(
        "projects.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The agency the employer name matched, if any.",
    )
    course = models.CharField(max_length=32, choices=Course.choices)
    completed_on = models.DateField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_completions",
    )
    upload = models.ForeignKey(
        TrainingUpload, on_delete=models.PROTECT, null=True, blank=True, related_name="completions"
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_on", "-id"]
        constraints = [
            # The academy re-sends whole rosters; the same completion is recorded once.
            models.UniqueConstraint(
                Lower("academy_email"), "course", "completed_on", name="one_completion_per_course_day"
            )
        ]
        indexes = [models.Index(Lower("academy_email"), name="training_email_idx")]

    def __str__(self) -> str:
        return f"{self.get_course_display()} on {self.completed_on}"

    @property
    def completes_series(self) -> bool:
        return self.course in SERIES_TRACKS


class AccountRequest(models.Model):
    """A new account waiting for an HMIS administrator (queued when a series track is completed)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        ISSUED = "issued", "Account issued"
        DECLINED = "declined", "Declined"

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    academy_email = models.EmailField()
    employer = models.CharField(max_length=200, blank=True)
    organization = models.ForeignKey(
        "projects.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completion = models.ForeignKey(
        TrainingCompletion, on_delete=models.PROTECT, null=True, blank=True, related_name="account_requests"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    expedite = models.BooleanField(default=False, help_text="A Support ticket asked to expedite it.")
    requested_at = models.DateTimeField()
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-expedite", "requested_at", "id"]
        constraints = [
            # One open request per academy email: a second completion does not queue a duplicate.
            models.UniqueConstraint(
                Lower("academy_email"),
                condition=models.Q(status="pending"),
                name="one_pending_request_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"Account request {self.pk}"
