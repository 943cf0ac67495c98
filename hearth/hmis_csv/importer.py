"""Importing an HMIS CSV export (FY2022, FY2024 or FY2026) into Hearth.

One pass over the files in dependency order (hearth.hmis_csv.plan.ORDER), in chunks: each row is
read by type and checked by the shared rules (hearth.hud.validation.row_problems) and by the rules
that need other rows (hearth.hmis_csv.checks), then written in bulk. Clean new rows of a FY2026
file take a compiled shortcut (hearth.hmis_csv.fastpath). The whole import is one transaction:

- all or nothing (the default): any error and the transaction is rolled back, so nothing changes;
  after the first error the rest is only checked, not written, so the report is complete.
- quarantine: rows with errors, and every record that depends on them, are left out; the report
  lists them; everything else is loaded.

Records are keyed by (data source, HUD ID). A record already held from the same source is updated
when any HUD field differs and the incoming DateUpdated is not older; identical records count as
unchanged, so importing the same export twice changes nothing. A DateDeleted that arrives
soft-deletes the record.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

from hearth.core import bulk, clock
from hearth.hmis_csv import dbstats, parallel, prepare, salvage
from hearth.hmis_csv.checks import FileChecks, SeenIds, Shared
from hearth.hmis_csv.dbsettings import building_indexes, bulk_settings
from hearth.hmis_csv.fastpath import FastRow, compile_fast
from hearth.hmis_csv.keys import EnrollmentKeys, KeyMap
from hearth.hmis_csv.plan import ORDER, PARENTS, FilePlan, plan_for
from hearth.hmis_csv.reader import FileParser, date_order_scan
from hearth.hmis_csv.report import CELL_TOO_LARGE, QUARANTINED, REFUSED, Issue, Report, show
from hearth.hmis_csv.source import ExportSource, SourceError
from hearth.hmis_csv.versions import FY2022, FY2026, MigrationContext, Note, Notes
from hearth.hmis_csv.writer import Writer, stream_keys
from hearth.hud.models import DataSource
from hearth.hud.spec import FILES
from hearth.hud.validation import ERROR, WARNING, row_problems

ALL_OR_NOTHING = "all_or_nothing"
QUARANTINE = "quarantine"
MODES = (ALL_OR_NOTHING, QUARANTINE)
CHUNK = 5000
# A file is loaded with its table's secondary indexes and foreign keys set aside (see
# docs/hmis-csv.md, "Loading into empty tables") when it brings at least this many rows, the
# source has none of its records yet, and the table holds fewer than a tenth of the rows coming.
# The setting HMIS_CSV_BULK_MIN_ROWS changes the threshold; None turns bulk loads off.
BULK_MIN_ROWS = 50_000
BULK_TABLE_SHARE = 10
KNOWN_EXTRA_FILES = {"enrollmentcoc.csv"}  # FY2022, folded into Enrollment


@dataclass
class FileCounts:
    file: str
    present: bool = True
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    quarantined: int = 0
    seconds: float = 0.0
    rebuild_seconds: float = 0.0  # of the seconds, restoring the indexes and keys set aside
    worker: bool = False  # read by a worker process, side by side with other files

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


@dataclass
class ImportResult:
    path: str
    mode: str
    validate_only: bool = False
    version: str = ""
    data_source_id: int | None = None
    data_source_name: str = ""
    export_id: str = ""
    committed: bool = False
    files: dict[str, FileCounts] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    seconds: float = 0.0
    index_seconds: float = 0.0  # of the seconds, keeping the client search index current
    report: Report = field(default_factory=Report)

    @property
    def errors(self) -> int:
        return self.report.errors

    @property
    def warnings(self) -> int:
        return self.report.warnings

    def total(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.files.values())


Progress = Callable[[dict[str, Any]], None]


@dataclass
class _FileState:
    plan: FilePlan
    parser: FileParser
    counts: FileCounts
    checks: FileChecks
    any_existing: bool = False
    fast: FastRow | None = None
    changed: list[str] = field(default_factory=list)  # HUD IDs of clients inserted or updated
    decided: bool = False  # whether the bulk load question has been answered for this file
    aside: bulk.SetAside | None = None
    rows: Iterator[list[str]] = field(default_factory=lambda: iter(()))  # the records after the header
    tell: Callable[[], int] = lambda: 0  # bytes of the file read so far
    size: int = 0
    read: int = 0
    started: float = 0.0
    reopen: Callable[[ExportSource], Iterator[list[str]]] | None = None  # the records again, header first
    collect: parallel.Collected | None = None  # the clients accepted, for the search index (in a worker)


class Importer:
    def __init__(
        self,
        path: str | Path,
        *,
        mode: str = ALL_OR_NOTHING,
        source: str | None = None,
        source_name: str | None = None,
        validate_only: bool = False,
        report_path: Path | None = None,
        progress: Progress | None = None,
        chunk_size: int = CHUNK,
        before_commit: Callable[[ImportResult], None] | None = None,
        bulk_min_rows: int | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.path = Path(path)
        self.mode = mode
        self.source_override = source
        self.source_name = source_name
        self.chunk_size = chunk_size
        self.bulk_min_rows: int | None = (
            getattr(settings, "HMIS_CSV_BULK_MIN_ROWS", BULK_MIN_ROWS)
            if bulk_min_rows is None
            else bulk_min_rows
        )
        self.progress = progress
        self.before_commit = before_commit
        self.report = Report(report_path)
        self.result = ImportResult(str(path), mode, validate_only=validate_only, report=self.report)
        self.writing = not validate_only
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.today = clock.local_today()
        self.notes = Notes()
        self.ctx = MigrationContext()
        keys: dict[str, KeyMap] = {name: KeyMap() for name in PARENTS}
        keys["Enrollment"] = EnrollmentKeys()
        self.shared = Shared(keys=keys, quarantined={n: set() for n in PARENTS}, users=set(), export_id="")
        self.data_source: DataSource | None = None
        self.hashed = False
        self.fatal = False
        self.writer: Writer | None = None
        self.changed_clients: list[str] = []
        self._bytes_total = 1
        self._bytes_done = 0
        self._reopen: Callable[[ExportSource], Iterator[list[str]]] | None = None
        self.jobs: list[parallel.Job] = []
        self.search_by_worker = False  # a worker computed the search keys of the clients written

    @property
    def keys(self) -> dict[str, KeyMap]:
        return self.shared.keys

    # --- the run -----------------------------------------------------------------------------

    def run(self) -> ImportResult:
        started = time.perf_counter()
        try:
            with ExportSource(self.path) as src:
                self.src = src
                self._bytes_total = sum(src.size(m) for m in src.members) or 1
                with bulk_settings(), transaction.atomic():
                    if connection.vendor == "postgresql":
                        # Django's foreign keys are deferred to the commit; a deferred check per
                        # row of ten million would pile up in the server until then.
                        with connection.cursor() as cursor:
                            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    try:
                        self._run()
                        if self.writer is not None:
                            self.writer.drain()
                    finally:
                        if self.writer is not None:
                            self.writer.close()
                    result = self.result
                    result.committed = (
                        not self.fatal
                        and not self.report.has_fatal()
                        and not result.validate_only
                        and (self.mode == QUARANTINE or result.errors == 0)
                    )
                    if not result.committed:
                        transaction.set_rollback(True)
                    elif self.before_commit is not None:
                        self.before_commit(result)
            if self.result.committed:
                # The tables just filled need statistics before anyone queries them in bulk.
                filled = [plan_for(n).table for n, c in self.result.files.items() if c.inserted > 1000]
                if len(self.changed_clients) > 1000:
                    filled += _search_index_tables()
                dbstats.analyze(filled)
        except SourceError as e:
            self._file_issue("", "source", ERROR, str(e))
        finally:
            self.report.close()
        self.result.notes = list(self.notes.items.values())
        self.result.seconds = time.perf_counter() - started
        return self.result

    def _run(self) -> None:
        self._check_members()
        prepared = prepare.prepare(self.src)
        source = None
        if not prepared.fatal:
            source = prepare.data_source(prepared, implementation=self.source_override, name=self.source_name)
        for issue in prepared.issues:
            self.report.add(issue)
        if prepared.fatal or source is None:
            self.fatal = True
            return
        self.data_source = source
        self.hashed = prepared.hashed
        self.shared.export_id = prepared.export_id
        self.ctx.implementation_id = source.implementation_id
        self.writer = Writer()
        self.result.version = prepared.version
        self.result.export_id = prepared.export_id
        self.result.data_source_id, self.result.data_source_name = source.pk, source.name
        if prepared.version == FY2022:
            self.ctx.enrollment_coc = prepare.enrollment_cocs(self.src, prepared)
        self._read_all()
        self._after_load()

    def _read_all(self) -> None:
        """Every file in ORDER. Large files of new records are read by worker processes while
        this process writes (hearth.hmis_csv.parallel); a file that others point at is finished
        before the next file opens, and any other file waits for the workers to finish."""
        workers, least, jobs = parallel.worker_count(), parallel.min_bytes(), self.jobs
        try:
            for name in ORDER:
                state = self._open_file(name)
                if state is None:
                    continue
                if workers and parallel.suits(state, least):
                    parallel.finish(self, jobs, until=workers - 1)
                    jobs.append(parallel.start(self, state))
                    if name in PARENTS:
                        parallel.finish(self, jobs, until=0)
                    continue
                parallel.finish(self, jobs, until=0)
                self._read_rows(state)
                self._finish_checks(state)
                self._close_file(state)
            parallel.finish(self, jobs, until=0)
            started = time.perf_counter()
            parallel.finish(self, jobs, until=0, processes=True)  # the search keys, if a worker computes them
            self.result.index_seconds += time.perf_counter() - started
        except BaseException as e:
            parallel.stop(jobs, e)
            raise

    def _tell(self, **info: Any) -> None:
        if self.progress is not None:
            info.setdefault("fraction", min(self._bytes_done / self._bytes_total, 1.0))
            self.progress(info)

    def _file_issue(self, filename: str, rule: str, level: str, message: str, value: str = "") -> None:
        self.report.add(Issue(filename, 0, "", "", value, rule, level, message))
        if level == ERROR and self.mode == ALL_OR_NOTHING:
            self.writing = False

    def _check_members(self) -> None:
        known = {f.filename.lower() for f in FILES.values()} | KNOWN_EXTRA_FILES
        for member in self.src.members:
            if member.lower() not in known:
                self._file_issue(
                    member, "unknown_file", WARNING, f"{member} is not an HMIS CSV file; ignored.", member
                )
        for member in self.src.other_members:
            self._file_issue(member, "unknown_file", WARNING, f"{member} is not a CSV file; ignored.", member)

    # --- one file ----------------------------------------------------------------------------

    def _rows(
        self, name: str, filename: str
    ) -> tuple[Iterator[list[str]], Callable[[], int], int, Any, str] | None:
        """The file's records (header first), how far they are read, the file's size, the scan
        for ambiguous dates, and the version to read it as."""
        member = self.src.find(filename)
        derived = self.ctx.derived.pop(name, None)
        if member is not None:
            encoding = self.src.encoding(member)
            if encoding.fallback:
                self._file_issue(
                    filename, "encoding", WARNING, f"{filename} is not UTF-8; read as Windows-1252."
                )
            rows = self.src.rows(member, encoding)

            def scan(position: int) -> Callable[[], list[tuple[int, int]]]:
                def run() -> list[tuple[int, int]]:
                    again = self.src.rows(member, encoding)
                    next(again, None)
                    return date_order_scan([r[position] for r in again if len(r) > position])

                return run

            self._reopen = lambda src: src.rows(member, encoding)
            return rows, rows.tell, self.src.size(member), scan, self.result.version
        if derived:
            # Rows a version step made (FY2022 HMISParticipation from Project.csv): already FY2026.
            header = list(derived[0])
            made = iter([header] + [[r.get(h, "") for h in header] for r in derived])
            return made, lambda: 0, 0, lambda position: lambda: [], FY2026
        return None

    def _open_file(self, name: str) -> _FileState | None:
        """Everything before the rows: the parents' keys, the header, the compiled check. None
        when the file is absent or empty (reported)."""
        plan = plan_for(name)
        filename = plan.hud_file.filename
        counts = self.result.files[name] = FileCounts(filename)
        started = time.perf_counter()
        assert self.writer is not None
        self.writer.drain()  # the previous file is in the database before this one reads it
        self._load_keys(plan)
        found = self._rows(name, filename)
        if found is None:
            counts.present = False
            self._file_issue(
                filename, "missing_file", WARNING, f"The export has no {filename}; nothing read."
            )
            return None
        rows, tell, size, scan, version = found
        reopen, self._reopen = self._reopen, None
        header = next(rows, None)
        if header is None:
            self._file_issue(filename, "empty_file", WARNING, f"{filename} is empty (no header row).")
            self._bytes_done += size
            return None
        parser = FileParser(
            plan,
            version,
            header,
            filename=filename,
            zone=self.zone,
            notes=self.notes,
            ctx=self.ctx,
            scan=scan,
        )
        for issue in parser.header_issues:
            self.report.add(issue)
            if issue.level == ERROR and self.mode == ALL_OR_NOTHING:
                self.writing = False
        state = _FileState(
            plan, parser, counts, FileChecks(plan, self.shared), rows=rows, tell=tell, size=size
        )
        state.started = started
        state.reopen = reopen
        if reopen is not None and not parser.legacy and not parser.fatal:
            state.checks.seen = SeenIds(lambda row_no: self._ids_before(state, row_no))
        state.any_existing = plan.model._base_manager.filter(data_source=self.data_source).exists()
        if not (state.any_existing or parser.legacy or parser.fatal or (self.hashed and name == "Client")):
            state.fast = self._compile(plan, parser)
        return state

    def _ids_before(self, state: _FileState, upto: int) -> dict[str, int]:
        """Every HUD ID of the file's rows before row ``upto`` with its first row, as the checks
        saw them, read again from the file (see checks.SeenIds)."""
        assert state.reopen is not None
        key, width = state.parser.positions[0], state.parser.width
        ids: dict[str, int] = {}
        rows = state.reopen(self.src)
        try:
            next(rows, None)  # the header
            row_no = 1
            for cells in rows:
                row_no += 1
                if row_no >= upto:
                    break
                if len(cells) != width or (len(cells) == 1 and not cells[0].strip()):
                    continue  # a blank line, or a row refused for its length before any check
                if cells[key]:
                    ids.setdefault(cells[key], row_no)
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()
        return ids

    def _read_rows(self, state: _FileState) -> None:
        """The rows, chunk by chunk: checked, then handed to the writer."""
        rows, tell, size, counts = state.rows, state.tell, state.size, state.counts
        filename = state.plan.hud_file.filename
        batch: list[tuple[int, list[str]]] = []
        row_no = 1
        for cells in rows:
            row_no += 1
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line
            batch.append((row_no, cells))
            if len(batch) >= self.chunk_size:
                if not state.decided:
                    read = tell()
                    self._bulk_load(state, len(batch) * size // read if 0 < read < size else len(batch))
                self._chunk(state, batch)
                batch = []
                state.read = min(tell(), size)
                self._tell(file=filename, rows=counts.rows, fraction=self._fraction(state.read))
        if not state.decided:
            self._bulk_load(state, counts.rows + len(batch))
        self._chunk(state, batch)
        state.read = size
        stopped_at = getattr(rows, "oversized_at", 0)
        if stopped_at:
            self.report.add(
                Issue(filename, row_no + 1, "", "", "", CELL_TOO_LARGE, ERROR,
                      f"A cell of this record (it ends on or after line {stopped_at} of the file) is longer "
                      "than 16 MiB, most likely because a quotation mark is never closed. The file was read "
                      "only up to it, so nothing was loaded.")
            )  # fmt: skip

    def _fraction(self, read: int) -> float:
        return min((self._bytes_done + read) / self._bytes_total, 1.0)

    def _finish_checks(self, state: _FileState) -> None:
        for issue in state.checks.finish():
            self.report.add(issue)

    def _close_file(self, state: _FileState) -> None:
        self._finish_file(state)
        self._bytes_done += state.size
        counts = state.counts
        counts.seconds = time.perf_counter() - state.started
        self._tell(
            file=state.plan.hud_file.filename,
            rows=counts.rows,
            done=True,
            rows_per_second=counts.rows_per_second,
        )

    def _compile(self, plan: FilePlan, parser: FileParser) -> FastRow:
        """New records of a FY2026 file: the compiled check reads the clean ones."""
        assert self.data_source is not None and self.writer is not None
        return compile_fast(
            plan,
            parser.positions,
            vendor=self.writer.vendor,
            data_source_id=self.data_source.pk,
            keys=self.keys,
            export_id=self.shared.export_id,
            today=self.today,
            zone=self.zone,
            now=self.writer.now,
        )

    def _load_keys(self, plan: FilePlan) -> None:
        """Keys of the source's records already in Hearth, for parents and for UserIDs."""
        assert self.data_source is not None
        if plan.name == "User":
            self.shared.users |= set(
                plan.model._base_manager.filter(data_source=self.data_source).values_list("hud_id", flat=True)
            )
            return
        if plan.name not in PARENTS:
            return
        keymap = self.keys[plan.name]
        if isinstance(keymap, EnrollmentKeys):
            clients = self.keys["Client"]
            by_pk = {pk: i for i, pk in enumerate(clients.pk) if pk}
            for hud_id, pk, client_id, entry in stream_keys(
                plan, self.data_source.pk, "client_id", "entry_date"
            ):
                if hud_id not in keymap.index:
                    keymap.add(hud_id, pk, by_pk.get(client_id, -1), entry.toordinal() if entry else 0)
        else:
            for hud_id, pk in stream_keys(plan, self.data_source.pk):
                if hud_id not in keymap.index:
                    keymap.add(hud_id, pk)
        keymap.existing = len(keymap)

    # --- a chunk of rows ---------------------------------------------------------------------

    def _chunk(self, state: _FileState, batch: list[tuple[int, list[str]]]) -> None:
        if not batch:
            return
        plan, parser, counts, checks = state.plan, state.parser, state.counts, state.checks
        accepted: list[tuple[int, list[Any]]] = []
        ready: list[tuple[str, Any]] = []  # (HUD ID, database row) from the compiled check
        fast = state.fast
        width = parser.width
        add = self.report.add
        collect = state.collect
        quick = checks.quick
        for row_no, raw in batch:
            counts.rows += 1
            if fast is not None and len(raw) == width:
                got = fast(raw)
                if got is not None:
                    vals, db_row = got
                    if quick(row_no, vals):
                        ready.append((vals[0], db_row))
                        if collect is not None:
                            collect.append(vals)
                        continue
                    issues: list[Issue] = []
                    checks.check(row_no, vals, issues, resolved=True)
                    if issues and any(i.level == ERROR for i in issues):
                        self._reject(state, row_no, vals[0], issues)
                        continue
                    for issue in issues:
                        issue.record = show(vals[0])
                        add(issue)
                    checks.accept(row_no, vals, add)
                    ready.append((vals[0], db_row))
                    if collect is not None:
                        collect.append(vals)
                    continue
            issues = []
            if len(raw) != width:
                message = f"The row has {len(raw)} cells but the header has {width}."
                issues.append(
                    Issue(
                        plan.hud_file.filename,
                        row_no,
                        "",
                        "",
                        show(",".join(raw)),
                        "row_length",
                        ERROR,
                        message,
                    )
                )
                self._reject(state, row_no, raw[0] if raw else None, issues)
                continue
            if parser.fatal:
                key = raw[parser.positions[0]] if parser.positions[0] >= 0 else None
                self._reject(state, row_no, key, issues, silent=True)
                continue
            vals = self._read(state, row_no, raw, issues)
            checks.check(row_no, vals, issues)
            if self.mode == QUARANTINE and state.plan.name == "Client":
                salvage.keep_the_person(state.plan.index, vals, issues)
            if any(i.level == ERROR for i in issues):
                self._reject(state, row_no, vals[0], issues)
                continue
            for issue in issues:
                issue.record = show(vals[0])
                add(issue)
            checks.accept(row_no, vals, add)
            accepted.append((row_no, vals))
            if collect is not None:
                collect.append(vals)
        if self.writing and (accepted or ready):
            self._write(state, accepted, ready)

    def _read(self, state: _FileState, row_no: int, raw: list[str], issues: list[Issue]) -> list[Any]:
        """The general path: every cell by type, then every rule of row_problems."""
        plan, parser = state.plan, state.parser
        hud_file = plan.hud_file
        cells = parser.cells_for(row_no, raw)
        vals, bad = parser.parse(row_no, cells, issues)
        if self.hashed and plan.name == "Client":
            lengths = {n: hud_file.by_name[n].max_length or 0 for n in prepare.HASHED_NAMES}
            prepare.unhash_client(plan.index, lengths, hud_file.filename, row_no, vals, issues)
        names = parser.names
        values = dict(zip(names, vals, strict=True))
        for p in row_problems(hud_file, values, today=self.today):
            if p.rule == "required" and plan.index[p.column] in bad:
                continue  # already reported as unreadable
            issues.append(
                Issue(hud_file.filename, row_no, "", p.column, show(p.value), p.rule, p.level, p.message)
            )
        return vals

    def _reject(
        self, state: _FileState, row_no: int, hud_id: str | None, issues: list[Issue], *, silent: bool = False
    ) -> None:
        state.counts.quarantined += 1
        if hud_id and state.plan.name in self.shared.quarantined:
            self.shared.quarantined[state.plan.name].add(hud_id)
        action = QUARANTINED if self.mode == QUARANTINE else REFUSED
        for issue in issues:
            issue.record = show(hud_id)
            if issue.level == ERROR:
                issue.action = action
            self.report.add(issue)
        if self.mode == ALL_OR_NOTHING and not silent:
            self.writing = False

    def _finish_file(self, state: _FileState) -> None:
        assert self.writer is not None
        self.writer.drain()
        if state.aside:
            # Before anything reads the table again (the keys just below, the next files).
            started = time.perf_counter()
            self._tell(file=f"{state.plan.hud_file.filename}: indexes and keys", rows=state.counts.rows)
            with building_indexes():
                state.aside.restore()
            state.counts.rebuild_seconds = time.perf_counter() - started
        if self.writing and state.plan.name in PARENTS:
            # The database keys of the records just written, for the files that point at them.
            keymap = self.keys[state.plan.name]
            assert self.data_source is not None
            for hud_id, pk in stream_keys(state.plan, self.data_source.pk):
                ordinal = keymap.index.get(hud_id)
                if ordinal is not None:
                    keymap.pk[ordinal] = pk
        if state.plan.name == "Client":
            self.changed_clients = state.changed

    # --- writing -----------------------------------------------------------------------------

    def _bulk_load(self, state: _FileState, incoming: int) -> None:
        """Set the table's secondary indexes and foreign keys aside for this file when it brings
        many times the rows the table holds (typically the first import into a new instance).

        Nothing reads the table while they are aside: records of this source are only looked up
        when the source already has some (``any_existing``, which keeps the ordinary path), and
        ``_finish_file`` restores them before reading the keys just written. Unique constraints
        stay, so (data source, HUD ID) stays unique throughout. Restoring validates every foreign
        key; a failure there, like any other, rolls the whole import back, indexes included.
        """
        state.decided = True
        if self.bulk_min_rows is None or not self.writing or state.any_existing:
            return
        if incoming < max(self.bulk_min_rows, 1):
            return
        table = state.plan.table
        limit = max(incoming // BULK_TABLE_SHARE, 1)
        assert self.writer is not None
        self.writer.drain()  # the writer thread shares this connection
        with connection.cursor() as cursor:
            # Counting stops at the limit: a big table is not read through to say it is big.
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT %s) AS t",  # noqa: S608
                [limit],
            )
            if cursor.fetchone()[0] >= limit:
                return
        state.aside = bulk.set_aside([table])

    def _write(
        self, state: _FileState, accepted: list[tuple[int, list[Any]]], ready: list[tuple[str, Any]]
    ) -> None:
        plan, counts = state.plan, state.counts
        assert self.data_source is not None and self.writer is not None
        writer = self.writer
        ds = self.data_source.pk
        if ready:
            writer.insert_ready(plan, [row for _, row in ready])
            counts.inserted += len(ready)
            if plan.name == "Client":
                state.changed.extend(hud_id for hud_id, _ in ready)
        if not accepted:
            return
        resolvers = [(s.index, self.keys[s.target] if s.target else None) for s in plan.stored]
        existing: dict[str, tuple[Any, ...]] = {}
        if state.any_existing:
            writer.drain()  # earlier chunks of this file may hold some of these records
            ids = [vals[0] for _, vals in accepted]
            rows = plan.model._base_manager.filter(data_source_id=ds, hud_id__in=ids).values_list(
                "pk", *plan.compare_attnames
            )
            existing = {row[1]: row for row in rows}
        extras = writer.extras(plan)
        updated_at = next((i for i, s in enumerate(plan.stored) if s.attname == "date_updated"), None)
        deleted_at = next((i for i, s in enumerate(plan.stored) if s.attname == "date_deleted"), None)
        inserts, updates = [], []
        for row_no, vals in accepted:
            stored = tuple(
                vals[i] if keymap is None or vals[i] is None else keymap.pk[keymap.index[vals[i]]]
                for i, keymap in resolvers
            )
            current = existing.get(vals[0])
            if current is None:
                inserts.append((ds, *stored, *extras))
                counts.inserted += 1
            elif current[1:] == stored:
                counts.unchanged += 1
                continue
            elif updated_at is not None and _older(stored[updated_at], current[1 + updated_at]):
                counts.unchanged += 1
                self.report.add(
                    Issue(
                        plan.hud_file.filename,
                        row_no,
                        show(vals[0]),
                        "DateUpdated",
                        show(stored[updated_at]),
                        "older_record",
                        WARNING,
                        "Hearth holds a newer version of this record (a later DateUpdated); kept it.",
                    )
                )
                continue
            else:
                updates.append((*stored, current[0]))
                newly_deleted = deleted_at is not None and stored[deleted_at] and not current[1 + deleted_at]
                if newly_deleted:
                    counts.deleted += 1
                else:
                    counts.updated += 1
            if plan.name == "Client":
                state.changed.append(vals[0])
        writer.insert(plan, inserts)
        writer.update(plan, updates)

    def _after_load(self) -> None:
        """Derived data other parts of Hearth keep for the records written: the client search index."""
        if not self.writing or not self.changed_clients or self.search_by_worker:
            return
        try:
            from hearth.clients.search.index import index_clients
        except ImportError:  # pragma: no cover - the search index is optional
            return
        clients = self.keys["Client"]
        started = time.perf_counter()
        assert self.writer is not None
        self.writer.drain()
        self._tell(file="client search index", rows=len(self.changed_clients))
        with building_indexes():
            index_clients(clients.pk[clients.index[h]] for h in self.changed_clients)
        self.result.index_seconds = time.perf_counter() - started


def _search_index_tables() -> list[str]:
    from django.apps import apps

    try:
        return [apps.get_model("clients", "ClientSearchKey")._meta.db_table]
    except LookupError:  # pragma: no cover - the search index is optional
        return []


def _older(new: Any, old: Any) -> bool:
    return new is not None and old is not None and new < old


def import_export(
    path: str | Path,
    *,
    mode: str = ALL_OR_NOTHING,
    source: str | None = None,
    source_name: str | None = None,
    validate_only: bool = False,
    report_path: Path | None = None,
    progress: Progress | None = None,
    chunk_size: int = CHUNK,
    before_commit: Callable[[ImportResult], None] | None = None,
    bulk_min_rows: int | None = None,
) -> ImportResult:
    """Import the export at ``path`` (a folder or a .zip). See the module's docstring.

    ``before_commit`` runs inside the import's transaction when the records are about to be
    committed (e.g. to write the audit row with them).
    """
    return Importer(
        path,
        mode=mode,
        source=source,
        source_name=source_name,
        validate_only=validate_only,
        report_path=report_path,
        progress=progress,
        chunk_size=chunk_size,
        before_commit=before_commit,
        bulk_min_rows=bulk_min_rows,
    ).run()
