"""The client-level detail behind an SPM run's cells: who was counted where, with the dates.

The SPM is not built on the APR universe (it reads every enrollment of the CoC across the look-back
years), so its drill-downs read these rows instead: one per client per cell that counted them, with
the enrollment (or nights, or income change) and the dates that put them there. They are written
once when the run finishes and never change, like the run's tables.
"""

from __future__ import annotations

from django.db import models


class SpmDetail(models.Model):
    run = models.ForeignKey("reports.ReportRun", on_delete=models.CASCADE, related_name="+", db_index=False)
    table_key = models.CharField(max_length=8)  # HUD's file name: "1a", "7b.2", ...
    row = models.PositiveSmallIntegerField()  # HUD's HDX row (1-based, as in 1a.csv)
    column = models.PositiveSmallIntegerField()  # HUD's HDX column
    # No database constraint: a client merged away after the run keeps its row (the run does not move).
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    personal_id = models.CharField(max_length=32)
    what = models.CharField(max_length=40, blank=True, help_text="EnrollmentID, nights or income change.")
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "reports_spm_detail"
        indexes = [models.Index(fields=["run", "table_key", "row", "column"], name="reports_spm_detail_cell")]

    def __str__(self) -> str:
        return f"SPM {self.table_key} row {self.row} column {self.column}: {self.personal_id} (run {self.run_id})"
