"""Running a report in the background and noticing when a run has died.

The page that asks for a report saves a ReportRun and starts ``hearth report_worker <id>`` as a
detached process once the transaction commits (docs/decisions/0060-report-universe.md). The worker
writes its progress to the run's row; the run page polls it. A worker that stops reporting and whose
process is gone has died (killed, out of memory, restarted machine): the next look marks the run
failed, and its half-built universe is removed.

``settings.HEARTH_REPORT_RUNNER`` picks "process" (the default), "thread" or "inline" (run in the
request, after commit: tests and tiny installs).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import threading

from django.conf import settings
from django.db import close_old_connections, transaction

from hearth.core import clock
from hearth.reports.models import AprClient, ReportRun, RunStatus, SpmDetail

log = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=10)
QUEUED_TIMEOUT = dt.timedelta(minutes=5)


def start(run: ReportRun) -> None:
    runner = getattr(settings, "HEARTH_REPORT_RUNNER", "process")
    if runner == "inline":
        from hearth.reports.services import report_run_execute

        transaction.on_commit(lambda: report_run_execute(run.pk))
    elif runner == "thread":
        transaction.on_commit(lambda: _thread(run.pk))
    else:
        transaction.on_commit(lambda: _spawn(run.pk))


def _thread(run_id: int) -> None:
    def work() -> None:
        from hearth.reports.services import report_run_execute

        try:
            report_run_execute(run_id)
        finally:
            close_old_connections()

    threading.Thread(target=work, name=f"report-{run_id}", daemon=True).start()


def _spawn(run_id: int) -> None:
    folder = settings.VAR_DIR / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
    with open(folder / "worker.log", "ab") as log_file:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line of this program
            [sys.executable, "-m", "hearth", "report_worker", str(run_id)],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            start_new_session=True,
        )
    ReportRun.objects.filter(pk=run_id, pid__isnull=True).update(pid=process.pid)
    log.info("Started report run %s in process %s", run_id, process.pid)


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def check_stale(run: ReportRun) -> ReportRun:
    """Mark a run failed when its worker stopped without saying so."""
    if run.is_finished:
        return run
    now = clock.now()
    failure = ""
    if run.status == RunStatus.QUEUED and now - run.created_at > QUEUED_TIMEOUT:
        failure = "The report did not start. Run it again; if that fails too, ask HMIS Support."
    elif run.status == RunStatus.RUNNING:
        last = run.heartbeat_at or run.started_at
        if last is not None and now - last > STALE_AFTER and not _alive(run.pid):
            failure = "The report stopped before it finished. Run it again."
    if failure:
        updated = ReportRun.objects.filter(pk=run.pk, status=run.status).update(
            status=RunStatus.FAILED, error=failure, finished_at=now
        )
        if updated:
            AprClient.objects.filter(run_id=run.pk).delete()
            SpmDetail.objects.filter(run_id=run.pk).delete()
            run.refresh_from_db()
    return run
