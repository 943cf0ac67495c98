"""hearth run_report KIND --start DATE --end DATE --project ID [...] --out DIR: run a report now and
write one CSV per table (HUD's layout for the APR and DQ: Q5a.csv, ...)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.projects.models import Project
from hearth.reports import exports
from hearth.reports.models import ReportKind, RunStatus
from hearth.reports.services import report_run_create, report_run_delete, report_run_execute


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Run a report (apr, dq, roster, details, income, caper, ce_apr, spm) and write its tables as CSV files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ReportKind.values)
        parser.add_argument("--start", required=True, type=_date, help="Report start date, YYYY-MM-DD.")
        parser.add_argument("--end", required=True, type=_date, help="Report end date, YYYY-MM-DD.")
        parser.add_argument(
            "--project", action="append", default=[], help="HUD ProjectID (repeat for several projects)."
        )
        parser.add_argument(
            "--coc", default="", help="CoC code: without --project, every project of the CoC."
        )
        parser.add_argument(
            "--source", default="", help="Data source ImplementationID, when ProjectIDs repeat."
        )
        parser.add_argument("--out", required=True, help="Folder for the CSV files.")
        parser.add_argument(
            "--zip", action="store_true", help="Also write the tables as one zip (CSV-APR upload)."
        )
        parser.add_argument(
            "--previous-year",
            action="store_true",
            help="SPM: also compute the year before and fill HUD's Previous FY and Difference columns.",
        )
        parser.add_argument(
            "--discard",
            action="store_true",
            help="Remove the run afterwards (by default it is kept for the web).",
        )

    def _projects(self, ids: list[str], source: str) -> list[Project]:
        projects = Project.objects.filter(hud_id__in=ids)
        if source:
            projects = projects.filter(data_source__implementation_id=source)
        found = list(projects)
        for project_id in ids:
            matches = [p for p in found if p.hud_id == project_id]
            if not matches:
                raise CommandError(f"No project with ProjectID {project_id!r}.")
            if len(matches) > 1:
                raise CommandError(
                    f"ProjectID {project_id!r} is in several data sources; name one with --source."
                )
        return found

    def handle(self, *args: Any, **options: Any) -> None:
        if options["kind"] == "spm":
            self._spm(options)
            return
        projects = self._projects(options["project"], options["source"]) if options["project"] else None
        began = time.perf_counter()
        try:
            run = report_run_create(
                user=None,
                kind=options["kind"],
                start_date=options["start"],
                end_date=options["end"],
                projects=projects,
                coc_code=options["coc"],
                background=False,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        run = report_run_execute(run.pk)
        seconds = time.perf_counter() - began
        if run.status != RunStatus.DONE:
            raise CommandError(run.error)
        out = Path(options["out"])
        written = exports.write_csvs(run.tables(), out)
        if options["zip"]:
            (out / f"{run.kind}.zip").write_bytes(exports.csv_zip(run.tables()))
        self.stdout.write(
            f"{run.get_kind_display()}: {run.universe_size} {'enrollments' if run.kind == 'roster' else 'clients'}, "
            f"{len(written)} tables written to {out} in {seconds:.2f} s (run {run.pk})."
        )
        if options["discard"]:
            report_run_delete(user=None, run=run)

    def _spm(self, options: dict[str, Any]) -> None:
        """The SPM runs for a whole CoC and writes HUD's HDX tables with their client detail; with
        --previous-year, the year before fills the comparison columns."""
        from hearth.reports.services import spm_with_year_before
        from hearth.reports.spm import pages
        from hearth.reports.spm.report import SpmInputError, run_spm
        from hearth.reports.spm.stays import left_out_text

        if options["project"]:
            raise CommandError("The SPM covers a whole CoC: give --coc, not --project.")
        began = time.perf_counter()
        start, end, coc = options["start"], options["end"], options["coc"]
        try:
            if options["previous_year"]:
                report, previous = spm_with_year_before(start=start, end=end, coc=coc)
            else:
                report, previous = run_spm(start=start, end=end, coc=coc), None
        except SpmInputError as error:
            raise CommandError(str(error)) from None
        out = Path(options["out"])
        if options["previous_year"]:
            report.tables.update(pages.hdx_tables(report, previous))
        written = report.write(out)
        compared = ""
        if options["previous_year"]:
            compared = (
                f", compared with {previous.start} to {previous.end}"
                if previous is not None
                else f"; the year before ({pages.year_before(start)} to {pages.year_before(end)}) has no data"
            )
        self.stdout.write(
            f"System Performance Measures for {report.coc}: {len(report.tables)} tables and their "
            f"client detail ({len(written)} files) written to {out} in {time.perf_counter() - began:.2f} s"
            f"{compared}."
        )
        if left_out := left_out_text(report.left_out):
            self.stdout.write(left_out)
