"""Help centre pages (FAQ and how-to), written in Markdown and edited by HMIS administrators."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class HelpArticle(models.Model):
    class Section(models.TextChoices):
        SIGN_IN = "sign_in", "Signing in and your account"
        PARTICIPANTS = "participants", "Participants"
        ENROLLMENTS = "enrollments", "Enrollments and households"
        OTHER = "other", "Other"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    section = models.CharField(max_length=32, choices=Section.choices, default=Section.OTHER)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown: ## headings, - lists, [links](/support/help/...).")
    position = models.PositiveSmallIntegerField(default=100)
    published = models.BooleanField(default=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["section", "position", "title"]

    def __str__(self) -> str:
        return self.title
