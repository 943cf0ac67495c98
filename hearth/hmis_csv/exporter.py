"""Writing an HMIS CSV FY2026 export: the 24 files of the specification, to a folder or a .zip.

What goes in (hearth.hmis_csv.selection) depends on the export period type: 3, a reporting period
(enrollments active in the period and their data dated up to its end), or 1, what was created,
updated or deleted in the period. Every file is written in the specification's column order with
one ExportID; the values follow the rules of hearth.hmis_csv.formatting, dependent fields are
emptied unless their parent holds the triggering value, non-nullable coded fields left empty
become 99, placeholder SSNs become empty, and with ``hashed`` names and SSNs are hashed
(HashStatus 4). User.csv carries every UserID the other files name.

Records keep their HUD IDs whatever their data source. Two sources may use the same ID in one
file (PersonalID "1" in both); only then is the ID of the record from the non-local source
prefixed with the source's number, everywhere it appears, so the export stays consistent.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, QuerySet, TextField
from django.db.models.functions import Cast

from hearth.core import clock
from hearth.hmis_csv import dbstats, formatting, rowformat
from hearth.hmis_csv.plan import COMMON_FIELDS
from hearth.hmis_csv.selection import PERIOD_REPORTING, PERIOD_UPDATED, Selection
from hearth.hud.models import DataSource, new_hud_id
from hearth.hud.spec import CSV_VERSION, FILES

CHUNK = 5000
DATA_FILES = [name for name in FILES if name not in ("Export", "User")]


@dataclass
class ExportResult:
    path: Path
    export_id: str
    start: dt.date
    end: dt.date
    period_type: int
    hashed: bool
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


class _Sink:
    """A folder or a zip file the export's CSV files are written into."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.zip: zipfile.ZipFile | None = None
        if out.suffix.lower() == ".zip":
            out.parent.mkdir(parents=True, exist_ok=True)
            self.zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        else:
            out.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def open(self, filename: str) -> Iterator[IO[str]]:
        if self.zip is not None:
            with self.zip.open(filename, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                yield text
                text.flush()
                text.detach()
        else:
            with open(self.out / filename, "w", encoding="utf-8", newline="") as fh:
                yield fh

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()


def _software_version() -> str:
    try:
        return version("hearth")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return ""


class Exporter:
    def __init__(
        self,
        *,
        start: dt.date,
        end: dt.date,
        projects: list[int] | None = None,
        period_type: int = PERIOD_REPORTING,
        hashed: bool = False,
        user: Any = None,
    ) -> None:
        if period_type not in (PERIOD_REPORTING, PERIOD_UPDATED):
            raise ValueError("period_type must be 3 (reporting period) or 1 (updated)")
        if end < start:
            raise ValueError("the end date is before the start date")
        self.start, self.end = start, end
        self.period_type = period_type
        self.hashed = hashed
        self.user = user
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.export_id = new_hud_id()
        self.selection = Selection(
            start=start, end=end, projects=projects, period_type=period_type, zone=self.zone
        )
        self.users: dict[str, str] = {}  # UserID -> earliest DateCreated naming it (as written)
        self.vendor = connection.vendor
        self.local_source = DataSource.objects.filter(is_local=True).values_list("pk", flat=True).first()
        self.prefixed: dict[str, set[tuple[int, str]]] = {}  # file -> (source, HUD ID) to prefix

    def run(self, out: Path) -> ExportResult:
        started = time.perf_counter()
        result = ExportResult(out, self.export_id, self.start, self.end, self.period_type, self.hashed)
        sink = _Sink(out)
        try:
            with transaction.atomic():
                self._write_all(sink, result)
        finally:
            sink.close()
        result.total_seconds = time.perf_counter() - started
        return result

    def _write_all(self, sink: _Sink, result: ExportResult) -> None:
        querysets = self.selection.querysets()
        dbstats.refresh_stale(qs.model._meta.db_table for qs in querysets.values())
        self._find_collisions(querysets)
        for name in DATA_FILES:
            file_started = time.perf_counter()
            result.counts[name] = self._write_file(sink, name, querysets[name])
            result.seconds[name] = time.perf_counter() - file_started
        file_started = time.perf_counter()
        result.counts["User"] = self._write_users(sink)
        result.seconds["User"] = time.perf_counter() - file_started
        result.counts["Export"] = self._write_export(sink)
        result.seconds["Export"] = 0.0

    # --- IDs shared by two sources -----------------------------------------------------------

    def _find_collisions(self, querysets: dict[str, QuerySet]) -> None:
        if DataSource.objects.count() < 2:
            return  # one source: its IDs are unique per file already
        for name, qs in querysets.items():
            if FILES[name].key.name == "UserID":
                continue
            clashes = (
                qs.order_by()
                .values("hud_id")
                .annotate(n=Count("data_source_id", distinct=True))
                .filter(n__gt=1)
                .values_list("hud_id", flat=True)
            )
            ids = set(clashes)
            if not ids:
                continue
            # The local source (else the oldest source) keeps the ID; the others get their prefix.
            by_id: dict[str, list[int]] = {}
            for source, hud_id in (
                qs.filter(hud_id__in=ids).values_list("data_source_id", "hud_id").distinct()
            ):
                by_id.setdefault(hud_id, []).append(source)
            prefixed = set()
            for hud_id, sources in by_id.items():
                keep = self.local_source if self.local_source in sources else min(sources)
                prefixed |= {(source, hud_id) for source in sources if source != keep}
            self.prefixed[name] = prefixed

    def _exported_id(self, target: str, source: int, hud_id: str) -> str:
        if (source, hud_id) in self.prefixed.get(target, ()):
            return f"{source}-{hud_id}"[:32]
        return hud_id

    # --- one file ----------------------------------------------------------------------------

    def _write_file(self, sink: _Sink, name: str, qs: QuerySet) -> int:
        hud_file = FILES[name]
        columns = [c for c in hud_file.columns if c.name != "ExportID"]
        export_position = next(i for i, c in enumerate(hud_file.columns) if c.name == "ExportID")
        fields: list[Any] = []
        for i, col in enumerate(columns):
            if i == 0:
                field_name = "hud_id"
            elif col.references:
                field_name = f"{col.field}__hud_id"
            elif not col.field:
                field_name = COMMON_FIELDS[col.name]
            else:
                field_name = col.field
            # PostgreSQL hands every value over as text, timestamps in the CoC's zone (see _fetch());
            # SQLite hands dates and timestamps over as their stored text, without converters.
            cast = col.type in (("I", "D", "T", "M", "M+") if self.vendor == "postgresql" else ("D", "T"))
            fields.append(Cast(field_name, TextField()) if cast else F(field_name))
        # Sources of the record and of the records it points at, when an ID needs its prefix.
        id_fixes: list[tuple[int, int, str]] = []
        for i, col in enumerate(columns):
            target = name if i == 0 else col.references
            if target and self.prefixed.get(target):
                fields.append(F("data_source_id" if i == 0 else f"{col.field}__data_source_id"))
                id_fixes.append((i, len(fields) - 1, target))
        names = [f"c{i}" for i in range(len(fields))]
        qs = qs.annotate(**dict(zip(names, fields, strict=True))).values_list(*names)
        line = rowformat.compile_row(
            columns,
            vendor=self.vendor,
            zone=self.zone,
            export_cell=formatting.quote(self.export_id),
            export_position=export_position,
            users=self.users,
            user_index=next(i for i, c in enumerate(columns) if c.name == "UserID"),
            created_index=next(i for i, c in enumerate(columns) if c.name == "DateCreated"),
            client=name == "Client",
            hashed=self.hashed,
            fix_id=self._exported_id,
            id_fixes=id_fixes,
        )
        count = 0
        end = formatting.LINE_END
        with sink.open(hud_file.filename) as fh:
            fh.write(formatting.header_line(hud_file.header))
            for rows in self._fetch(qs, name):
                fh.write(end.join(map(line, rows)) + end)
                count += len(rows)
        return count

    def _fetch(self, qs: QuerySet, name: str) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of the queryset in batches, as the database gives them (no converters)."""
        sql, params = qs.query.get_compiler(using=qs.db).as_sql()
        if self.vendor == "postgresql":
            # A server-side cursor: the rows stream instead of all arriving at once. Timestamps
            # become text in the session's time zone, so the CoC's while the rows are read (and
            # only then: Django reads timestamps expecting UTC).
            connection.ensure_connection()
            with connection.cursor() as plain:
                plain.execute("SET LOCAL TIME ZONE %s", [settings.TIME_ZONE])
                try:
                    with connection.connection.cursor(name=f"hmis_csv_export_{name.lower()}") as cursor:  # type: ignore[union-attr]
                        cursor.itersize = CHUNK
                        cursor.execute(sql, params)
                        while rows := cursor.fetchmany(CHUNK):
                            yield rows
                finally:
                    plain.execute("SET LOCAL TIME ZONE 'UTC'")
            return
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK):
                yield rows

    def _write_users(self, sink: _Sink) -> int:
        from hearth.accounts.models import HudUser, User

        hud_file = FILES["User"]
        wanted = {u for u in self.users if u}
        known: dict[str, tuple[Any, ...]] = {}
        rows = HudUser._base_manager.filter(hud_id__in=wanted).order_by("data_source__is_local", "pk")
        for row in rows.values_list(
            "hud_id",
            "user_first_name",
            "user_last_name",
            "user_phone",
            "user_extension",
            "user_email",
            "date_created",
            "date_updated",
            "date_deleted",
        ):
            known.setdefault(row[0], row[1:])
        staff = User.objects.filter(hud_user_id__in=wanted - set(known)).values_list(
            "hud_user_id", "first_name", "last_name", "email", "date_joined"
        )
        for hud_user_id, first, last, email, joined in staff:
            known.setdefault(
                hud_user_id, (first[:50], last[:50], None, None, email[:320], joined, joined, None)
            )
        columns = hud_file.columns
        formatters = [formatting.make_formatter(c, self.zone) for c in columns]
        moment = formatting.local_text(clock.now(), self.zone)
        with sink.open(hud_file.filename) as fh:
            fh.write(formatting.header_line(hud_file.header))
            for user_id in sorted(wanted):
                details = known.get(user_id)
                if details is None:
                    # A UserID no User.csv described: the earliest record naming it dates it.
                    first_seen = self.users.get(user_id) or moment
                    cells = [formatting.quote(user_id), "", "", "", "", "", first_seen, first_seen, ""]
                else:
                    vals = [user_id, *details]
                    cells = ["" if v is None or v == "" else formatters[i](v) for i, v in enumerate(vals)]
                cells.append(formatting.quote(self.export_id))
                fh.write(formatting.line(cells))
        return len(wanted)

    def _write_export(self, sink: _Sink) -> int:
        hud_file = FILES["Export"]
        user = self.user
        values: dict[str, Any] = {
            "ExportID": self.export_id,
            "SourceType": 1,
            "SourceID": settings.HEARTH_COC_CODE,
            "SourceName": settings.HEARTH_SOURCE_NAME[:50],
            "SourceContactFirst": (getattr(user, "first_name", "") or None),
            "SourceContactLast": (getattr(user, "last_name", "") or None),
            "SourceContactEmail": (getattr(user, "email", "") or None),
            "ExportDate": clock.now(),
            "ExportStartDate": self.start,
            "ExportEndDate": self.end,
            "SoftwareName": settings.HEARTH_SYSTEM_NAME,
            "SoftwareVersion": _software_version() or None,
            "CSVVersion": CSV_VERSION,
            "ExportPeriodType": self.period_type,
            "ExportDirective": 2 if self.period_type == PERIOD_REPORTING else 1,
            "HashStatus": 4 if self.hashed else 1,
            "ImplementationID": settings.HEARTH_IMPLEMENTATION_ID,
        }
        cells = []
        for col in hud_file.columns:
            value = values.get(col.name)
            cells.append("" if value is None else formatting.make_formatter(col, self.zone)(value))
        with sink.open(hud_file.filename) as fh:
            fh.write(formatting.header_line(hud_file.header))
            fh.write(formatting.line(cells))
        return 1
