"""Running an import in the background and following its progress.

The web request saves the upload and an ImportRun row, then starts ``hearth hmis_csv_worker
<id>`` as a separate, detached process (docs/decisions/0020-background-imports.md). The worker
writes its progress to ``progress.json`` in the run's folder every half second; the progress page
reads that file. If the worker dies (killed, out of memory, machine restarted), its progress stops
moving and its process is gone: the next look at the run marks it failed. The import's transaction
was never committed, so nothing was loaded.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from hearth.core import clock
from hearth.hmis_csv.models import ImportRun

log = logging.getLogger(__name__)

# A running import reports at least this often; silence for longer means it may have died.
STALE_AFTER = dt.timedelta(minutes=10)
QUEUED_TIMEOUT = dt.timedelta(minutes=5)


def runs_dir() -> Path:
    return Path(getattr(settings, "HMIS_CSV_DIR", settings.VAR_DIR / "hmis_csv")) / "imports"


def run_dir(run: ImportRun) -> Path:
    return runs_dir() / str(run.pk)


def report_path(run: ImportRun) -> Path:
    return run_dir(run) / "report.csv"


def progress_path(run: ImportRun) -> Path:
    return run_dir(run) / "progress.json"


class ProgressFile:
    """The worker's side: write the latest progress, at most twice a second."""

    def __init__(self, run: ImportRun) -> None:
        self.path = progress_path(run)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._last = 0.0
        self._step = ""
        self.write({"fraction": 0.0, "file": ""}, force=True)

    def write(self, info: dict[str, Any], force: bool = False) -> None:
        now = time.monotonic()
        step = str(info.get("file", ""))
        if not force and now - self._last < 0.5 and step == self._step:
            return
        self._last, self._step = now, step
        data = {
            "at": clock.now().isoformat(),
            "pid": os.getpid(),
            "fraction": round(float(info.get("fraction", 0.0)), 4),
            "file": str(info.get("file", "")),
            "rows": int(info.get("rows", 0)),
        }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)


def read_progress(run: ImportRun) -> dict[str, Any]:
    try:
        return json.loads(progress_path(run).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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


def check_stale(run: ImportRun) -> ImportRun:
    """Mark a run failed when its worker has stopped without saying so."""
    if run.finished:
        return run
    now = clock.now()
    failure = ""
    if run.status == ImportRun.Status.QUEUED and now - run.created_at > QUEUED_TIMEOUT:
        failure = "The import did not start. Try again; if it happens again, ask for help."
    elif run.status == ImportRun.Status.RUNNING:
        progress = read_progress(run)
        at = progress.get("at")
        last = dt.datetime.fromisoformat(at) if at else run.started_at
        if last is not None and now - last > STALE_AFTER and not _alive(run.pid):
            failure = "The import stopped before it finished; nothing was loaded. Try again."
    if failure:
        updated = ImportRun.objects.filter(pk=run.pk, status=run.status).update(
            status=ImportRun.Status.FAILED, failure=failure, finished_at=now
        )
        if updated:
            run.refresh_from_db()
    return run


def start(run: ImportRun) -> None:
    """Start the run's worker once the transaction that created the run has committed."""
    runner = getattr(settings, "HMIS_CSV_RUNNER", "process")
    if runner == "inline":
        from hearth.hmis_csv.services import import_run_execute

        transaction.on_commit(lambda: import_run_execute(run.pk))
        return
    transaction.on_commit(lambda: _spawn(run))


def _spawn(run: ImportRun) -> None:
    folder = run_dir(run)
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
    with open(folder / "worker.log", "ab") as log_file:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line of this program
            [sys.executable, "-m", "hearth", "hmis_csv_worker", str(run.pk)],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=log_file,
            start_new_session=True,
        )
    ImportRun.objects.filter(pk=run.pk, pid__isnull=True).update(pid=process.pid)
    log.info("Started import %s in process %s", run.pk, process.pid)
