"""A report run: its parameters, its progress and, when done, its tables.

A run is computed once, in the background, and kept: opening it again reads the stored tables, and
its drill-downs read the stored client universe (``AprClient``), so the figures never move under the
reader even when the data behind them changes later.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class ReportKind(models.TextChoices):
    APR = "apr", "CoC Annual Performance Report (APR)"
    DQ = "dq", "Data Quality (APR Q6)"
    ROSTER = "roster", "Program roster"
    DETAILS = "details", "Program details"
    INCOME = "income", "Income"
    CAPER = "caper", "ESG Consolidated Annual Performance and Evaluation Report (CAPER)"
    CE_APR = "ce_apr", "Coordinated Entry Annual Performance Report (CE APR)"
    SPM = "spm", "System Performance Measures (SPM)"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ReportRun(models.Model):
    kind = models.CharField(max_length=16, choices=ReportKind.choices)
    start_date = models.DateField()
    end_date = models.DateField()
    coc_code = models.CharField("CoC", max_length=6, blank=True)
    projects = models.ManyToManyField("projects.Project", related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    step = models.CharField(max_length=200, blank=True, help_text="What the run is doing now.")
    # Never a client's data: a failed run says which step failed, not which record.
    error = models.TextField(blank=True)
    # {table id: {"title", "header", "rows", ...}}: see hearth.reports.tables.Table.as_json.
    results: models.JSONField[dict[str, Any]] = models.JSONField(default=dict, blank=True)
    universe_size = models.PositiveIntegerField(null=True, blank=True)
    # The background worker: its process, and when it last reported (a silent worker has died).
    pid = models.PositiveIntegerField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="reports_run_by_user")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_date}..{self.end_date} (run {self.pk})"

    @property
    def is_finished(self) -> bool:
        return self.status in {RunStatus.DONE, RunStatus.FAILED}

    @property
    def uses_universe(self) -> bool:
        """Kinds computed on the APR client universe (every kind but the roster and the SPM)."""
        return self.kind not in (ReportKind.ROSTER, ReportKind.SPM)

    def tables(self) -> list[dict[str, Any]]:
        return list(self.results.get("tables", []))

    def table(self, key: str) -> dict[str, Any] | None:
        return next((t for t in self.tables() if t["key"] == key), None)
