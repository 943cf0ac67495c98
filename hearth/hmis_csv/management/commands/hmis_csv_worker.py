"""hearth hmis_csv_worker RUN_ID: run one queued web import (started by the upload page)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hearth.hmis_csv.services import import_run_execute


class Command(BaseCommand):
    help = "Run a queued HMIS CSV import (the upload page starts this in the background)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("run_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        run = import_run_execute(options["run_id"])
        self.stdout.write(f"Import {run.pk}: {run.status}")
