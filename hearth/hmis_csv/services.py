"""HMIS CSV exchange services: the one way the command line, the web pages and other parts of
Hearth import and export HUD files.

- ``import_export(path, mode=..., source=...)``: import a folder or .zip now, in this process
  (hearth.hmis_csv.importer); returns an ImportResult. Other code (tests, the reports' test kit)
  calls this directly.
- ``import_run_create`` / ``import_run_execute``: the same import recorded as an ImportRun, with
  its report kept, audited, and (from the web) run in the background.
- ``export_hmis_csv(out, start=, end=, ...)``: write a FY2026 export and audit it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hearth.audit.services import audit_record
from hearth.core import clock
from hearth.hmis_csv import runs
from hearth.hmis_csv.exporter import Exporter, ExportResult
from hearth.hmis_csv.importer import ALL_OR_NOTHING, MODES, QUARANTINE, ImportResult, import_export
from hearth.hmis_csv.models import ExportRun, ImportProblem, ImportRun
from hearth.hmis_csv.selection import PERIOD_REPORTING, PERIOD_UPDATED

log = logging.getLogger(__name__)

__all__ = [
    "ALL_OR_NOTHING",
    "PERIOD_REPORTING",
    "PERIOD_UPDATED",
    "QUARANTINE",
    "ImportResult",
    "export_hmis_csv",
    "import_export",
    "import_run_create",
    "import_run_execute",
]


def import_run_create(
    *,
    user: Any,
    mode: str = ALL_OR_NOTHING,
    source: str = "",
    upload: UploadedFile | None = None,
    path: str | Path | None = None,
    validate_only: bool = False,
    background: bool = True,
) -> ImportRun:
    """Record an import of an uploaded zip (or of a path on the server) and start it.

    With ``background`` the import runs in its own process once this transaction commits;
    otherwise the caller runs ``import_run_execute`` itself.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    if (upload is None) == (path is None):
        raise ValueError("give an upload or a path")
    with transaction.atomic():
        run = ImportRun.objects.create(
            user=user if getattr(user, "is_authenticated", False) else None,
            file_name=((upload.name or "upload.zip") if upload is not None else str(path))[:255],
            path="",
            mode=mode,
            source=source[:200],
            validate_only=validate_only,
        )
        folder = runs.run_dir(run)
        folder.mkdir(parents=True, exist_ok=True)
        if upload is not None:
            target = folder / "upload.zip"
            with open(target, "wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            run.path = str(target)
        else:
            run.path = str(Path(path).resolve())  # type: ignore[arg-type]
        run.save(update_fields=["path"])
        if background:
            runs.start(run)
    return run


def import_run_execute(run_id: int) -> ImportRun:
    """Run a queued import to the end and record what it did. Safe to call twice."""
    started = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, started_at=clock.now(), pid=os.getpid()
    )
    run = ImportRun.objects.get(pk=run_id)
    if not started:
        return run
    progress = runs.ProgressFile(run)

    def audit(result: ImportResult) -> None:
        # Inside the import's own transaction, so the audit row and the records commit together.
        audit_record(actor=run.user, action="import", obj=run, detail=_audit_detail(result))

    try:
        result = import_export(
            run.path,
            mode=run.mode,
            source=run.source or None,
            validate_only=run.validate_only,
            report_path=runs.report_path(run),
            progress=progress.write,
            before_commit=audit,
        )
    except Exception as e:
        # The message of an unexpected error may quote data; the log keeps the traceback.
        log.exception("Import %s failed", run.pk)
        import_run_delete_upload(run)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            finished_at=clock.now(),
            failure=f"The import stopped on an unexpected error ({type(e).__name__}); nothing was loaded.",
        )
        run.refresh_from_db()
        return run
    progress.write({"fraction": 1.0, "file": ""}, force=True)
    # The uploaded export holds client data; once read it is either loaded or refused.
    import_run_delete_upload(run)
    with transaction.atomic():
        _save_result(run, result)
        if not result.committed:
            audit_record(actor=run.user, action="import", obj=run, detail=_audit_detail(result))
    return run


def _audit_detail(result: ImportResult) -> dict[str, Any]:
    return {
        "version": result.version,
        "data_source": result.data_source_id,
        "export_id": result.export_id,
        "committed": result.committed,
        "errors": result.errors,
        "warnings": result.warnings,
        "inserted": result.total("inserted"),
        "updated": result.total("updated"),
        "deleted": result.total("deleted"),
        "quarantined": result.total("quarantined"),
    }


def _save_result(run: ImportRun, result: ImportResult) -> None:
    run.status = ImportRun.Status.DONE
    run.finished_at = clock.now()
    run.version = result.version
    run.data_source_id = result.data_source_id if result.committed else None
    run.export_id = result.export_id[:32]
    run.committed = result.committed
    run.errors = result.errors
    run.warnings = result.warnings
    run.seconds = round(result.seconds, 3)
    run.index_seconds = round(result.index_seconds, 3)
    run.counts = {
        name: {
            "file": c.file,
            "present": c.present,
            "rows": c.rows,
            "inserted": c.inserted,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "deleted": c.deleted,
            "quarantined": c.quarantined,
            "seconds": round(c.seconds, 3),
            "rebuild_seconds": round(c.rebuild_seconds, 3),
            "worker": c.worker,
        }
        for name, c in result.files.items()
    }
    run.summary = [list(item) for item in result.report.summary()]
    run.notes = [[n.file, n.column, n.message, n.count] for n in result.notes]
    run.problems_truncated = result.report.truncated
    run.save()
    ImportProblem.objects.bulk_create(
        (
            ImportProblem(
                run=run,
                file=i.file[:100],
                row=i.row,
                record=i.record[:210],
                column=i.column[:100],
                value=i.value,
                rule=i.rule[:50],
                level=i.level,
                message=i.message,
                action=i.action,
            )
            for i in result.report.kept
        ),
        batch_size=2000,
    )


def import_run_delete_upload(run: ImportRun) -> None:
    """Remove an uploaded export once it has been read (its report stays). A path on the server
    given to the command is the caller's and is left alone."""
    upload = runs.run_dir(run) / "upload.zip"
    if upload.exists():
        upload.unlink()


def export_hmis_csv(
    out: str | Path,
    *,
    start: dt.date,
    end: dt.date,
    projects: list[int] | None = None,
    period_type: int = PERIOD_REPORTING,
    hashed: bool = False,
    user: Any = None,
    ip_address: str | None = None,
) -> ExportResult:
    """Write a FY2026 export of the period to ``out`` (a folder, or a file ending .zip)."""
    out = Path(out)
    exporter = Exporter(
        start=start, end=end, projects=projects, period_type=period_type, hashed=hashed, user=user
    )
    try:
        result = exporter.run(out)
    except BaseException:
        # A half-written zip is worse than none; a folder is the caller's and is left as it is.
        if out.suffix.lower() == ".zip":
            out.unlink(missing_ok=True)
        raise
    with transaction.atomic():
        run = ExportRun.objects.create(
            user=user if getattr(user, "is_authenticated", False) else None,
            export_id=result.export_id,
            start=start,
            end=end,
            period_type=period_type,
            hashed=hashed,
            projects=sorted(projects or []),
            counts=result.counts,
            seconds=round(result.total_seconds, 3),
        )
        audit_record(
            actor=user,
            action="export",
            obj=run,
            ip_address=ip_address,
            detail={
                "export_id": result.export_id,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "period_type": period_type,
                "hashed": hashed,
                "projects": len(projects or []),
                "rows": result.rows,
            },
        )
    return result
