"""Reading the large files of an import in worker processes while the main process writes.

Why: reading and checking a row in Python costs tens of microseconds, so at ten million rows one
process spends minutes of CPU before the database does anything. Threads do not help (Python runs
one at a time); processes do. So a large file whose rows take the compiled check (a FY2026 file of
records new to Hearth, see hearth.hmis_csv.fastpath) is read by a forked copy of the importer: it
reads and checks the rows exactly as the importer would in its own process, and sends the rows
ready for the database, the problems found and, at the end, what later files check against (the
keys of a parent file, the records left out). The main process keeps the database connection and
the one transaction, writes what arrives, and does everything that touches the database (the
parents' keys, the bulk-load decision, restoring indexes). So an import gives the same records and
the same report whether or not it used workers (hearth/hmis_csv/tests/test_import_workers.py).

Files that other files point at (Client, Enrollment, ...) are awaited before the next file opens;
the files that only point at them (Exit, IncomeBenefits, Services, ...) are read side by side,
up to ``HMIS_CSV_WORKERS`` at a time (default: the machine's cores, at most 2). A file smaller than
``HMIS_CSV_WORKER_MIN_BYTES`` (8 MB) is read in the main process: a worker would save little.
Once the clients are written, one more forked process computes their search keys from the fields
the Client.csv worker wrote to a temporary file, while the other files load. Workers are forked (Linux, macOS); where fork is not available the import reads every file itself.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from multiprocessing import Pipe
from multiprocessing.connection import Connection, wait
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings

from hearth.hmis_csv.dbsettings import building_indexes
from hearth.hmis_csv.plan import PARENTS, FilePlan
from hearth.hmis_csv.report import Issue
from hearth.hmis_csv.source import ExportSource
from hearth.hud.validation import ERROR

if TYPE_CHECKING:
    from hearth.hmis_csv.importer import Importer, _FileState

logger = logging.getLogger(__name__)
MIN_BYTES = 8 * 1024 * 1024
MAX_WORKERS = 2


def worker_count() -> int:
    configured = getattr(settings, "HMIS_CSV_WORKERS", None)
    if configured is None:
        configured = min(os.cpu_count() or 1, MAX_WORKERS)
    return int(configured) if hasattr(os, "fork") else 0


def min_bytes() -> int:
    return int(getattr(settings, "HMIS_CSV_WORKER_MIN_BYTES", MIN_BYTES))


# Export.csv is one row; every later file checks its UserIDs against User.csv's.
NEVER = frozenset({"Export", "User"})


def suits(state: _FileState, least: int) -> bool:
    """Whether a worker reads the file: one large enough, of records new to Hearth (so the worker
    never needs the database) in the FY2026 format the compiled check reads."""
    return (
        state.plan.name not in NEVER
        and state.fast is not None
        and state.reopen is not None
        and state.size >= least
    )


class WorkerFailed(RuntimeError):
    """A worker stopped without finishing its file; the import is rolled back."""


# --- the worker's side -------------------------------------------------------------------------


class _PipeWriter:
    """Stands in for hearth.hmis_csv.writer.Writer in a worker: rows go to the main process."""

    def __init__(self, conn: Connection, vendor: str, now: Any, extras: Any) -> None:
        self.conn = conn
        self.vendor = vendor
        self.now = now
        self.extras = extras
        self.estimate = 0  # rows the file is expected to bring, for the bulk-load decision

    def drain(self) -> None:
        pass

    def insert_ready(self, plan: FilePlan, rows: Any) -> None:
        if rows:
            self.conn.send(("ready", self.estimate, rows))

    def insert(self, plan: FilePlan, rows: Any) -> None:
        if rows:
            self.conn.send(("insert", self.estimate, rows))

    def update(self, plan: FilePlan, rows: Any) -> None:
        if rows:  # pragma: no cover - a worker's file holds no record Hearth has
            raise AssertionError("a worker only reads files of records new to Hearth")


class _PipeReport:
    """Stands in for the report in a worker: problems are sent with the next rows or at the end."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pending: list[Issue] = []
        self.errors = 0

    def add(self, issue: Issue) -> None:
        if issue.level == ERROR:
            self.errors += 1
        self.pending.append(issue)
        if len(self.pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.conn.send(("issues", self.pending))
            self.pending = []


class Collected:
    """The search fields of the clients a worker accepted, written to a file the main process
    named (a million clients' names would take hundreds of megabytes in memory) until their
    database keys are known."""

    FIELDS = ("FirstName", "MiddleName", "LastName", "DOB", "SSN")

    def __init__(self, plan: FilePlan, path: str) -> None:
        self.positions = [plan.index[n] for n in self.FIELDS]
        self.path = path
        self.file: IO[bytes] = open(path, "wb")  # noqa: SIM115 - closed in close()
        self.pending: list[tuple[Any, ...]] = []
        self.count = 0

    def append(self, vals: list[Any]) -> None:
        self.count += 1
        self.pending.append(tuple(vals[i] for i in self.positions))
        if len(self.pending) >= 5000:
            self._flush()

    def _flush(self) -> None:
        pickle.dump(self.pending, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.pending = []

    def close(self) -> None:
        if self.pending:
            self._flush()
        self.file.close()


def _replay(path: str) -> Iterator[tuple[Any, ...]]:
    """(first, middle, last, DOB, SSN) of each client, in the order accepted."""
    with open(path, "rb") as fh:
        while True:
            try:
                yield from pickle.load(fh)  # noqa: S301 - a file this import wrote
            except EOFError:
                return


def _search_keys(conn: Connection, path: str, pks: Any, vendor: str) -> None:
    """In a process forked once the clients are in the database: compute their search keys and
    send them, ready for the database. The k-th client collected has ordinal k in the client key
    map (the source had no clients), so its database key is ``pks[k]``."""
    from hearth.clients.search.index import new_client_pairs
    from hearth.clients.search.keys import hashed

    def clients() -> Iterator[tuple[Any, ...]]:
        for ordinal, fields in enumerate(_replay(path)):
            if ordinal % 25_000 == 0:
                # The key cache pays off within a few thousand clients (names, years and
                # birthdays recur); full, it would hold 500,000 keys (150 MB) in this process.
                hashed.cache_clear()
            yield (pks[ordinal], *fields)

    batch: list[tuple[int, int]] = []
    for pair in new_client_pairs(clients()):
        batch.append(pair)
        if len(batch) >= 50_000:
            conn.send(("search", _pairs_data(batch, vendor)))
            batch = []
    if batch:
        conn.send(("search", _pairs_data(batch, vendor)))
    conn.send(("search_done",))


def _pairs_data(pairs: list[tuple[int, int]], vendor: str) -> Any:
    if vendor == "postgresql":
        return "".join(f"{key}\t{pk}\n" for key, pk in pairs)
    return pairs


def _work(importer: Importer, state: _FileState, conn: Connection) -> None:
    """In the forked process: read the file's rows and send everything the main process needs."""
    report = _PipeReport(conn)
    writer = _PipeWriter(conn, importer.writer.vendor, importer.writer.now, importer.writer.extras)  # type: ignore[union-attr]
    importer.report = report  # type: ignore[assignment]
    importer.writer = writer  # type: ignore[assignment]

    def progress(info: dict[str, Any]) -> None:
        report.flush()
        conn.send(("progress", state.read, state.counts.rows))

    importer.progress = progress
    # The bulk-load question is the main process's; the worker only says how many rows to expect.
    importer._bulk_load = lambda state, incoming: _expect(writer, state, incoming)  # type: ignore[method-assign,assignment]
    # A zip read through the main process's file would share its position: open the export again.
    assert state.reopen is not None
    with ExportSource(importer.path) as src:
        importer.src = src
        rows = state.reopen(src)
        next(rows, None)  # the header, read already
        state.rows, state.tell = rows, rows.tell  # type: ignore[attr-defined]
        importer._read_rows(state)
    importer._finish_checks(state)
    report.flush()
    if state.collect is not None:
        state.collect.close()
    name = state.plan.name
    conn.send(
        (
            "done",
            {
                "counts": state.counts,
                "changed": state.changed,
                "keys": importer.shared.keys[name] if name in PARENTS else None,
                "quarantined": importer.shared.quarantined.get(name),
                "writing": importer.writing,
                "collected": state.collect.count if state.collect is not None else None,
            },
        )
    )


def _expect(writer: _PipeWriter, state: _FileState, incoming: int) -> None:
    state.decided = True
    writer.estimate = incoming


# --- the main process's side -------------------------------------------------------------------


@dataclass
class Job:
    state: _FileState
    pid: int
    conn: Connection
    collect_path: str = ""  # where the client worker writes the search fields of its clients
    file_done: bool = False
    ended: bool = False
    search_load: ExitStack = field(default_factory=ExitStack)
    search_table: str = ""


def start(importer: Importer, state: _FileState) -> Job:
    """Fork a worker for the file ``state`` has opened."""
    assert importer.writer is not None
    importer.writer.drain()  # nothing of the writer's is half-way when the process is copied
    if hasattr(state.rows, "close"):
        state.rows.close()  # the worker opens the file again
    collect_path = ""
    if state.plan.name == "Client" and _search_index_installed():
        handle, collect_path = tempfile.mkstemp(prefix="hearth-search-", suffix=".pickle")
        os.close(handle)
    sys.stdout.flush()
    sys.stderr.flush()
    ours, theirs = Pipe(duplex=True)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the worker (its coverage is not collected)
        ours.close()
        _settle()
        code = 0
        try:
            if collect_path:
                state.collect = Collected(state.plan, collect_path)
            _work(importer, state, theirs)
        except BaseException:
            code = 1
            with suppress(BaseException):  # the main process is gone: nobody to tell
                theirs.send(("failed", traceback.format_exc()))
        finally:
            # Never run the main process's clean-up (closing its database connection, flushing
            # its files) from the copy.
            os._exit(code)
    theirs.close()
    return Job(state, pid, ours, collect_path=collect_path)


def _settle() -> None:
    """First thing in a forked process: the objects it inherits move out of the garbage
    collector's reach (a collection writes to every object it visits, which would copy every
    page of the main process's memory into the worker's)."""
    gc.freeze()


def _search_index_installed() -> bool:
    from django.apps import apps

    return apps.is_installed("hearth.clients")


def finish(importer: Importer, jobs: list[Job], *, until: int, processes: bool = False) -> None:
    """Write what the workers send until at most ``until`` of them are still reading a file
    (``processes``: until every worker has ended, search keys included)."""

    def waiting() -> bool:
        if processes:
            return any(not j.ended for j in jobs)
        return sum(not j.file_done for j in jobs) > until

    while waiting():
        running = {j.conn: j for j in jobs if not j.ended}
        for ready in wait(list(running)):
            job = running[ready]  # type: ignore[index]
            try:
                message = job.conn.recv()
            except (EOFError, OSError, pickle.UnpicklingError) as e:
                _end(job)
                raise WorkerFailed(f"The worker reading {job.state.plan.hud_file.filename} stopped.") from e
            _handle(importer, job, message)


def stop(jobs: list[Job], error: BaseException) -> None:
    """After a failure: end the workers still running, put back what was set aside."""
    for job in jobs:
        if not job.ended:
            with suppress(ProcessLookupError):
                os.kill(job.pid, 9)
            _end(job)
        job.search_load.__exit__(type(error), error, error.__traceback__)
        if job.collect_path:
            with suppress(FileNotFoundError):
                os.unlink(job.collect_path)


def _end(job: Job) -> None:
    job.ended = True
    job.file_done = True
    job.conn.close()
    with suppress(ChildProcessError):
        os.waitpid(job.pid, 0)


def _handle(importer: Importer, job: Job, message: tuple[Any, ...]) -> None:
    kind = message[0]
    state = job.state
    writer = importer.writer
    assert writer is not None
    if kind in ("ready", "insert"):
        _, estimate, rows = message
        if not state.decided:
            importer._bulk_load(state, estimate)
        if importer.writing:
            if kind == "ready":
                writer.insert_ready(state.plan, rows)
            else:
                writer.insert(state.plan, rows)
    elif kind == "issues":
        for issue in message[1]:
            importer.report.add(issue)
        if importer.report.errors and importer.mode == "all_or_nothing":
            importer.writing = False
    elif kind == "progress":
        state.read = message[1]
        importer._tell(
            file=state.plan.hud_file.filename,
            rows=message[2],
            fraction=importer._fraction(sum(j.state.read for j in importer.jobs if not j.file_done)),
        )
    elif kind == "done":
        facts = message[1]
        state.counts = facts["counts"]
        state.counts.worker = True
        importer.result.files[state.plan.name] = state.counts
        state.changed = facts["changed"]
        name = state.plan.name
        if facts["keys"] is not None:
            importer.shared.keys[name] = facts["keys"]
        if facts["quarantined"]:
            importer.shared.quarantined[name] |= facts["quarantined"]
        if not facts["writing"]:
            importer.writing = False
        state.decided = True
        importer._close_file(state)
        job.file_done = True
        _end(job)
        if job.collect_path:
            _start_search(importer, job, facts["collected"])
    elif kind == "search":
        if importer.writing and job.search_table:
            writer.insert_into(job.search_table, ("key", "client_pk"), message[1])
    elif kind == "search_done":
        _end(job)
        os.unlink(job.collect_path)
        started = time.perf_counter()
        writer.drain()
        with building_indexes():
            job.search_load.close()  # the search index's own indexes are built again here
        importer.result.index_seconds += time.perf_counter() - started
    elif kind == "failed":
        _end(job)
        # The last line names the error; the whole traceback (code, no values) goes to the log.
        last = message[1].strip().splitlines()[-1]
        logger.error("HMIS CSV import worker failed:\n%s", message[1])
        raise WorkerFailed(f"The worker reading {state.plan.hud_file.filename} failed: {last}")


def _start_search(importer: Importer, client_job: Job, collected: int | None) -> None:
    """The clients are in the database: fork a process that computes their search keys from the
    fields the client worker collected, and make the search index ready to take them in bulk.
    A fresh process rather than the client worker: that one holds a million IDs it no longer
    needs, and this one shares the main process's pages."""
    from hearth.clients.search import index

    path = client_job.collect_path
    keymap = importer.shared.keys["Client"]
    if not importer.writing or not importer.changed_clients or collected is None:
        os.unlink(path)
        return
    assert keymap.existing == 0 and len(keymap) == collected
    assert importer.writer is not None
    importer.writer.drain()
    sys.stdout.flush()
    sys.stderr.flush()
    ours, theirs = Pipe(duplex=True)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the worker (its coverage is not collected)
        ours.close()
        _settle()
        code = 0
        try:
            _search_keys(theirs, path, keymap.pk, importer.writer.vendor)
        except BaseException:
            code = 1
            with suppress(BaseException):
                theirs.send(("failed", traceback.format_exc()))
        finally:
            os._exit(code)
    theirs.close()
    job = Job(client_job.state, pid, ours, collect_path=path, file_done=True)
    importer.jobs.append(job)
    job.search_table = job.search_load.enter_context(index.bulk_target(index.is_empty()))
    importer.search_by_worker = True
