"""Per-program case management settings and the staff assigned to an enrollment."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ProgramSettings(models.Model):
    """How Hearth runs one HUD project's case management (one row per project, created on demand)."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="program_settings"
    )
    shelter_auto_exit_nights = models.PositiveSmallIntegerField(
        "nights without a bed night before an automatic exit",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Night-by-night shelters only. Empty: the CoC default.",
    )

    class Meta:
        db_table = "enrollments_program_settings"
        verbose_name_plural = "program settings"

    def __str__(self) -> str:
        return f"Settings of project {self.project_id}"


class ExitStep(models.Model):
    """One item of a program's exit checklist, confirmed by staff before an exit can be saved."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="exit_steps")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "enrollments_exit_step"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class ExitStepConfirmation(models.Model):
    """That a checklist step was confirmed for one exit (the text is kept as it read then)."""

    enrollment = models.ForeignKey("enrollments.Enrollment", on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(ExitStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.CharField(max_length=200)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        db_table = "enrollments_exit_step_confirmation"

    def __str__(self) -> str:
        return f"Exit step confirmed for enrollment {self.enrollment_id}"


class CaseAssignment(models.Model):
    """The staff member responsible for an enrollment (warned when an annual assessment is due)."""

    enrollment = models.OneToOneField(
        "enrollments.Enrollment", on_delete=models.CASCADE, related_name="case_assignment"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments"
    )
    assigned_at = models.DateTimeField()

    class Meta:
        db_table = "enrollments_case_assignment"

    def __str__(self) -> str:
        return f"Enrollment {self.enrollment_id} assigned to user {self.staff_id}"
