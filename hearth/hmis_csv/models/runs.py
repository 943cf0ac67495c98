"""Imports and exports as they happen: who ran them, how far they are, what they found.

An import runs in a background process (docs/decisions/0020-background-imports.md); its row here
says where it is (queued, running, done, failed) and, once done, what it did per file. Progress
while it runs is in a small file beside the upload (see hearth.hmis_csv.runs), because the import's
own transaction holds SQLite's write lock until it ends.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", "All or nothing: any error and nothing is loaded"
        QUARANTINE = "quarantine", "Load the valid records and quarantine the rest"

    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(max_length=255, help_text="The uploaded file's name, or the path imported.")
    path = models.CharField(max_length=1024, help_text="Where the export is read from.")
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.ALL_OR_NOTHING)
    source = models.CharField(
        max_length=200, blank=True, help_text="Data source chosen instead of Export.csv's ImplementationID."
    )
    validate_only = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    pid = models.IntegerField(null=True, blank=True)
    failure = models.CharField(max_length=500, blank=True)

    version = models.CharField(max_length=10, blank=True)
    data_source = models.ForeignKey("hud.DataSource", on_delete=models.SET_NULL, null=True, blank=True)
    export_id = models.CharField(max_length=32, blank=True)
    committed = models.BooleanField(default=False, help_text="Whether the records were loaded.")
    errors = models.IntegerField(default=0)
    warnings = models.IntegerField(default=0)
    seconds = models.FloatField(default=0)
    index_seconds = models.FloatField(
        default=0, help_text="Of the seconds, updating the client search index."
    )
    # {file: {rows, inserted, updated, unchanged, deleted, quarantined, seconds}}
    counts = models.JSONField(default=dict, blank=True)
    # [[file, rule, level, count], ...]
    summary = models.JSONField(default=list, blank=True)
    # Changes made to values by the FY2022/FY2024 migration: [[file, column, message, count], ...]
    notes = models.JSONField(default=list, blank=True)
    problems_truncated = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.file_name})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ImportProblem(models.Model):
    """One line of an import's validation report (the CSV download has them all)."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems")
    file = models.CharField(max_length=100)
    row = models.IntegerField()
    record = models.CharField(max_length=210, blank=True)
    column = models.CharField(max_length=100, blank=True)
    value = models.TextField(blank=True)
    rule = models.CharField(max_length=50)
    level = models.CharField(max_length=10)
    message = models.TextField()
    action = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["run", "level"], name="hmis_csv_problem_run_level")]

    def __str__(self) -> str:
        return f"{self.file} row {self.row}: {self.rule}"


class ExportRun(models.Model):
    """An export made: by whom, of what. The files themselves are not kept."""

    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    export_id = models.CharField(max_length=32)
    start = models.DateField()
    end = models.DateField()
    period_type = models.SmallIntegerField()
    hashed = models.BooleanField(default=False)
    projects = models.JSONField(default=list, blank=True, help_text="Project keys chosen (empty: all).")
    counts = models.JSONField(default=dict, blank=True)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Export {self.export_id}"
