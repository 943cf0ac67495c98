"""Bulk writes of imported rows: COPY on PostgreSQL, executemany on SQLite, from a writer thread.

Rows arrive as tuples in ``FilePlan.insert_columns`` order (or, from the compiled check, ready
COPY lines / tuples). Model instances are never built: at millions of rows the ORM's per-object
cost would dominate the import.

The database's own work on a chunk (index and foreign-key upkeep) takes as long as reading the
next chunk, so writes go to one writer thread that uses the import's own database connection (so
its transaction) while the main thread reads on: SQLite's B-tree work runs without Python's lock,
and PostgreSQL's in the server. The main thread waits for the writer (``drain``) before it reads
from the database itself, so it never sees the database half-way through a chunk.
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection

from hearth.hmis_csv.plan import AUTO_NOW, FilePlan


def _sqlite_value(value: Any) -> Any:
    # The same text forms Django's SQLite backend stores (UTC for aware datetimes).
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


_STOP = object()


class Writer:
    def __init__(self) -> None:
        self.vendor = connection.vendor
        self.now = dt.datetime.now(dt.UTC)
        connection.ensure_connection()
        self.raw: Any = connection.connection  # the import's connection, shared with the thread
        self._jobs: queue.Queue[Any] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="hmis-csv-writer", daemon=True)
        self._thread.start()

    # --- the thread ---------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is _STOP:
                    return
                if self._error is None:
                    job()
            except BaseException as e:  # handed to the main thread at its next call
                self._error = e
            finally:
                self._jobs.task_done()

    def _submit(self, job: Callable[[], None]) -> None:
        self._raise()
        self._jobs.put(job)

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def drain(self) -> None:
        """Wait until everything submitted is in the database."""
        self._jobs.join()
        self._raise()

    def close(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(_STOP)
            self._thread.join()

    # --- writes -------------------------------------------------------------------------------

    def _adapters(self, plan: FilePlan) -> list[int]:
        """Positions of the insert tuple that SQLite needs converted to text."""
        positions = []
        for pos, stored in enumerate(plan.stored, start=1):
            if stored.internal.get_internal_type() in ("DateField", "DateTimeField", "DecimalField"):
                positions.append(pos)
        return positions

    def extras(self, plan: FilePlan) -> tuple[Any, ...]:
        return tuple(self.now if default is AUTO_NOW else default for _, _, default in plan.extra)

    def _insert_sql(self, plan: FilePlan) -> str:
        columns = ", ".join(_quote(c) for c in plan.insert_columns)
        if self.vendor == "postgresql":
            return f"COPY {_quote(plan.table)} ({columns}) FROM STDIN"
        marks = ", ".join(["?"] * len(plan.insert_columns))
        return f"INSERT INTO {_quote(plan.table)} ({columns}) VALUES ({marks})"  # noqa: S608 - names from the model

    def insert(self, plan: FilePlan, rows: Sequence[tuple[Any, ...]]) -> None:
        """Rows of Python values (the general path)."""
        if not rows:
            return
        sql = self._insert_sql(plan)
        if self.vendor == "postgresql":

            def copy_rows() -> None:
                with self.raw.cursor() as cursor, cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)

            self._submit(copy_rows)
            return
        positions = self._adapters(plan)
        ready = [_convert(row, positions) for row in rows] if positions else list(rows)
        self._submit(lambda: self.raw.executemany(sql, ready))

    def insert_ready(self, plan: FilePlan, rows: Sequence[Any]) -> None:
        """Rows from the compiled check: COPY text lines (PostgreSQL) or ready tuples (SQLite).

        Their timestamps are the CoC's local time as written in the CSV file; PostgreSQL reads them
        in that zone for the duration of the COPY.
        """
        if not rows:
            return
        sql = self._insert_sql(plan)
        if self.vendor == "postgresql":
            data = "".join(rows)

            def copy_lines() -> None:
                with self.raw.cursor() as cursor:
                    cursor.execute("SELECT set_config('TimeZone', %s, true)", [settings.TIME_ZONE])
                    try:
                        with cursor.copy(sql) as copy:
                            copy.write(data)
                    finally:
                        cursor.execute("SELECT set_config('TimeZone', 'UTC', true)")

            self._submit(copy_lines)
            return
        self._submit(lambda: self.raw.executemany(sql, rows))

    def insert_into(self, table: str, columns: Sequence[str], data: Any) -> None:
        """Rows for a table outside the HMIS model (the client search index): COPY text on
        PostgreSQL, tuples on SQLite."""
        names = ", ".join(_quote(c) for c in columns)
        if self.vendor == "postgresql":
            sql = f"COPY {_quote(table)} ({names}) FROM STDIN"

            def copy_text() -> None:
                with self.raw.cursor() as cursor, cursor.copy(sql) as copy:
                    copy.write(data)

            self._submit(copy_text)
            return
        marks = ", ".join(["?"] * len(columns))
        sql = f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
        self._submit(lambda: self.raw.executemany(sql, data))

    def update(self, plan: FilePlan, rows: Sequence[tuple[Any, ...]]) -> None:
        """``rows`` are (stored values..., pk); non-HUD columns are left alone."""
        if not rows:
            return
        mark = "%s" if self.vendor == "postgresql" else "?"
        sets = ", ".join(f"{_quote(s.db_column)} = {mark}" for s in plan.stored)
        pk = _quote(plan.model._meta.pk.column)
        sql = f"UPDATE {_quote(plan.table)} SET {sets} WHERE {pk} = {mark}"  # noqa: S608 - names from the model
        if self.vendor == "postgresql":

            def update_rows() -> None:
                with self.raw.cursor() as cursor:
                    cursor.executemany(sql, rows)

            self._submit(update_rows)
            return
        positions = [p - 1 for p in self._adapters(plan)]
        params = [_convert(p, positions) for p in rows]
        self._submit(lambda: self.raw.executemany(sql, params))


def _convert(row: tuple[Any, ...], positions: list[int]) -> tuple[Any, ...]:
    out = list(row)
    for pos in positions:
        value = out[pos]
        if value is not None:
            out[pos] = _sqlite_value(value)
    return tuple(out)


def stream_keys(plan: FilePlan, data_source_id: int, *fields: str) -> Iterable[tuple[Any, ...]]:
    """(hud_id, pk, *fields) of every record of the file from one data source, soft-deleted too."""
    qs = plan.model._base_manager.filter(data_source_id=data_source_id).values_list("hud_id", "pk", *fields)
    return qs.iterator(chunk_size=20_000)


Progress = Callable[[dict[str, Any]], None]
