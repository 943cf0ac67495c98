"""hearth export_hmis_csv OUT --start DATE --end DATE: write a HUD HMIS CSV FY2026 export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.hmis_csv.selection import PERIOD_REPORTING, PERIOD_UPDATED
from hearth.hmis_csv.services import export_hmis_csv
from hearth.projects.models import Project


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date in YYYY-MM-DD form.") from None


class Command(BaseCommand):
    help = "Write an HMIS CSV FY2026 export (a folder, or a .zip when OUT ends in .zip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="Folder to write, or a file name ending in .zip.")
        parser.add_argument("--start", required=True, help="First day of the period (YYYY-MM-DD).")
        parser.add_argument("--end", required=True, help="Last day of the period (YYYY-MM-DD).")
        parser.add_argument(
            "--project",
            action="append",
            default=[],
            metavar="ID",
            help="HUD ProjectID to export (repeat for several; default: every project).",
        )
        parser.add_argument(
            "--period-type",
            type=int,
            choices=[PERIOD_REPORTING, PERIOD_UPDATED],
            default=PERIOD_REPORTING,
            help="3: reporting period (default); 1: records created, updated or deleted in the period.",
        )
        parser.add_argument(
            "--hashed", action="store_true", help="HashStatus 4: names and SSNs hashed with SHA-256."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        if end < start:
            raise CommandError("--end is before --start.")
        projects = None
        if options["project"]:
            found = dict(Project.objects.filter(hud_id__in=options["project"]).values_list("pk", "hud_id"))
            unknown = sorted(set(options["project"]) - set(found.values()))
            if unknown:
                raise CommandError(f"No project with ProjectID {', '.join(unknown)}.")
            projects = sorted(found)
        result = export_hmis_csv(
            Path(options["out"]),
            start=start,
            end=end,
            projects=projects,
            period_type=options["period_type"],
            hashed=options["hashed"],
        )
        for name, count in result.counts.items():
            seconds = result.seconds.get(name, 0.0)
            rate = f"{count / seconds:>12,.0f} rows/s" if seconds > 0 else ""
            self.stdout.write(f"{name + '.csv':<28}{count:>12,}{rate}")
        self.stdout.write(
            f"{result.rows:,} rows in {result.total_seconds:.1f} s; ExportID {result.export_id}; "
            f"written to {result.path}"
        )
