"""hearth import_hmis_csv PATH: import an HMIS CSV export (folder or .zip, FY2022/FY2024/FY2026)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.hmis_csv import runs
from hearth.hmis_csv.importer import ALL_OR_NOTHING, QUARANTINE
from hearth.hmis_csv.models import ImportProblem, ImportRun
from hearth.hmis_csv.plan import in_order
from hearth.hmis_csv.services import import_run_create, import_run_execute

COUNTS = ("rows", "inserted", "updated", "unchanged", "deleted", "quarantined")


class Command(BaseCommand):
    help = (
        "Import an HMIS CSV export (a folder or a .zip; FY2026, FY2024 or FY2022). By default an "
        "export with any error changes nothing; --quarantine loads the valid records instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Folder or .zip of HMIS CSV files.")
        parser.add_argument(
            "--quarantine",
            action="store_true",
            help="Load the valid records and leave out (quarantine) those with errors and their dependents.",
        )
        parser.add_argument(
            "--source",
            default="",
            help="Data source (ImplementationID) to file the records under, instead of Export.csv's.",
        )
        parser.add_argument("--check", action="store_true", help="Only validate: load nothing.")
        parser.add_argument("--report", help="Also write the validation report (CSV) to this path.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        run = import_run_create(
            user=None,
            path=path,
            mode=QUARANTINE if options["quarantine"] else ALL_OR_NOTHING,
            source=options["source"],
            validate_only=options["check"],
            background=False,
        )
        run = import_run_execute(run.pk)
        if run.status == ImportRun.Status.FAILED:
            raise CommandError(run.failure)
        self._print(run)
        if options["report"]:
            target = Path(options["report"])
            target.write_bytes(runs.report_path(run).read_bytes())
            self.stdout.write(f"Report: {target}")
        if run.errors and not run.committed:
            raise CommandError(f"{run.errors} errors: nothing was loaded (see the report).")

    def _print(self, run: ImportRun) -> None:
        out = self.stdout
        out.write(
            f"HMIS CSV {run.version} export {run.export_id} from {run.data_source or run.source or '?'}"
        )
        out.write(f"{'file':<26}" + "".join(f"{c:>12}" for c in COUNTS) + f"{'rows/s':>12}")
        for counts in in_order(run.counts):
            if not counts["present"]:
                continue
            rate = counts["rows"] / counts["seconds"] if counts["seconds"] else 0
            name = counts["file"] + (" *" if counts.get("worker") else "")
            out.write(f"{name:<26}" + "".join(f"{counts[c]:>12,}" for c in COUNTS) + f"{rate:>12,.0f}")
        if any(c.get("worker") for c in run.counts.values()):
            out.write(
                "  * read by a worker process; files read side by side share the time, so their"
                " rows/s add up."
            )
        total_rows = sum(c["rows"] for c in run.counts.values())
        out.write(
            f"{total_rows:,} rows in {run.seconds:.1f} s ({total_rows / run.seconds if run.seconds else 0:,.0f} rows/s); "
            f"{run.errors:,} errors, {run.warnings:,} warnings."
        )
        rebuilt = [c for c in run.counts.values() if c.get("rebuild_seconds")]
        if rebuilt:
            seconds = sum(c["rebuild_seconds"] for c in rebuilt)
            out.write(
                f"  of which {seconds:.1f} s rebuilding the indexes and foreign keys set aside for the"
                f" bulk load of {', '.join(c['file'] for c in rebuilt)}."
            )
        if run.index_seconds:
            out.write(f"  of which {run.index_seconds:.1f} s keeping the client search index current.")
        for file, rule, level, count in run.summary:
            out.write(f"  {level:<8} {file:<30} {rule:<22} {count:>8,}")
        for problem in ImportProblem.objects.filter(run=run, level="error")[:10]:
            out.write(f"  {problem.file} row {problem.row} {problem.column}: {problem.message}")
        if run.committed:
            out.write(self.style.SUCCESS("Loaded."))
        else:
            out.write(self.style.WARNING("Nothing was loaded."))
        out.write(f"Report: {runs.report_path(run)}")
