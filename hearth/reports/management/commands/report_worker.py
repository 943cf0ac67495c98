"""hearth report_worker RUN_ID: compute one queued report run (the web page starts this)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.reports.services import report_run_execute


class Command(BaseCommand):
    help = "Compute a queued report run (started in the background by the reports pages)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        run = report_run_execute(options["run_id"])
        self.stdout.write(f"Report run {run.pk}: {run.status}")
