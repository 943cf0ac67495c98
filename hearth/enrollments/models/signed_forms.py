"""Forms that administrators design (consent, release of information, program rules, ...) and the
copies clients sign electronically.

A signed copy keeps the wording it was signed with (title, introduction, every question and answer),
so later edits to the form never change what a client agreed to.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FormTemplate(models.Model):
    class Kind(models.TextChoices):
        CONSENT = "consent", "Consent"
        ROI = "roi", "Release of information"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=16,
        choices=Kind.choices,
        default=Kind.CONSENT,
        help_text="Signing a release-of-information form also records the release, which governs sharing.",
    )
    introduction = models.TextField(blank=True, help_text="The text the client reads before signing.")
    # Empty: offered to every agency of the CoC; otherwise only to this agency's programs.
    organization = models.ForeignKey(
        "projects.Organization", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "enrollments_form_template"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FormQuestion(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "Short answer"
        LONG_TEXT = "long_text", "Paragraph"
        YES_NO = "yes_no", "Yes or no"
        AGREE = "agree", "Tick to agree"
        DATE = "date", "Date"
        CHOICE = "choice", "One of a list"

    template = models.ForeignKey(FormTemplate, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(blank=True, help_text="For 'One of a list': one choice per line.")
    required = models.BooleanField(default=True)

    class Meta:
        db_table = "enrollments_form_question"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class FormSubmission(models.Model):
    class Method(models.TextChoices):
        DRAWN = "drawn", "Drawn signature"
        TYPED = "typed", "Typed signature"

    class SignerRole(models.TextChoices):
        CLIENT = "client", "Client"
        GUARDIAN = "guardian", "Parent or guardian"
        REPRESENTATIVE = "representative", "Authorised representative"

    template = models.ForeignKey(FormTemplate, on_delete=models.PROTECT, related_name="submissions")
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="form_submissions")
    enrollment = models.ForeignKey(
        "enrollments.Enrollment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="form_submissions",
    )
    organization = models.ForeignKey(
        "projects.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The wording as signed: {"title", "introduction", "answers": [{"question", "answer"}, ...]}.
    content = models.JSONField(default=dict)
    signer_name = models.CharField("signer's typed name", max_length=200)
    signer_role = models.CharField(max_length=16, choices=SignerRole.choices, default=SignerRole.CLIENT)
    method = models.CharField(max_length=8, choices=Method.choices)
    # PNG of a drawn signature (empty for a typed one).
    signature_png = models.BinaryField(blank=True, default=b"", editable=False)
    signed_at = models.DateTimeField()
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        db_table = "enrollments_form_submission"
        ordering = ["-signed_at", "-id"]

    def __str__(self) -> str:
        return f"Signed form {self.pk}"
