"""Bulk writes for demo data: rows are plain tuples, written without building model instances.

SQLite gets ``executemany`` of one INSERT per table (the sqlite3 module loops in C); PostgreSQL
gets ``COPY ... FROM STDIN``. Both write only the columns the generator fills (every other column
of these tables is nullable, so the database stores NULL), and the generator chooses primary keys
itself so that child rows can point at parents without reading anything back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connections, models, transaction

from hearth.core import bulk


class BulkWriter:
    def __init__(self, using: str = "default") -> None:
        self.connection = connections[using]
        self.vendor = self.connection.vendor
        self.rows_written: dict[str, int] = {}
        self._next_pk: dict[type[models.Model], int] = {}
        self._statements: dict[tuple[type[models.Model], tuple[str, ...]], str] = {}
        self.touched: set[type[models.Model]] = set()

    # -- values in the form each backend takes --------------------------------------------------

    @property
    def timestamp_suffix(self) -> str:
        """Timestamps are written as text in UTC: SQLite (as Django stores them) has no offset."""
        return "" if self.vendor == "sqlite" else "+00"

    # -- keys ------------------------------------------------------------------------------------

    def next_pk(self, model: type[models.Model]) -> int:
        """The first free primary key of ``model`` (read once; the generator counts on from it)."""
        if model not in self._next_pk:
            self._next_pk[model] = (model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        return self._next_pk[model]

    def reserve(self, model: type[models.Model], count: int) -> int:
        """Reserve ``count`` keys; returns the first."""
        first = self.next_pk(model)
        self._next_pk[model] = first + count
        return first

    # -- writing -----------------------------------------------------------------------------------

    def columns(self, model: type[models.Model], fields: Sequence[str]) -> list[str]:
        meta = model._meta
        return [str(meta.pk.column if f == "id" else meta.get_field(f).column) for f in fields]  # type: ignore[union-attr]

    def write(self, model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        table = model._meta.db_table
        self.touched.add(model)
        self.rows_written[table] = self.rows_written.get(table, 0) + len(rows)
        key = (model, tuple(fields))
        quote = self.connection.ops.quote_name
        if self.vendor == "postgresql":
            statement = self._statements.get(key)
            if statement is None:
                cols = ", ".join(quote(c) for c in self.columns(model, fields))
                statement = self._statements[key] = f"COPY {quote(table)} ({cols}) FROM STDIN"
            with self.connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:  # psycopg 3
                write_row = copy.write_row
                for row in rows:
                    write_row(row)
            return
        statement = self._statements.get(key)
        if statement is None:
            cols = ", ".join(quote(c) for c in self.columns(model, fields))
            marks = ", ".join(["?"] * len(fields))
            # Table and column names come from the models, quoted; the values are bound parameters.
            statement = f"INSERT INTO {quote(table)} ({cols}) VALUES ({marks})"  # noqa: S608
            self._statements[key] = statement
        raw = self.connection.connection
        raw.executemany(statement, rows)

    # -- around the load -----------------------------------------------------------------------------

    @contextmanager
    def load(self, models_written: Iterable[type[models.Model]]) -> Iterator[None]:
        """The whole load, in one transaction: a failure leaves the database as it was.

        The secondary (non-unique) indexes of the tables written are dropped first and built
        again at the end: one sort per index instead of millions of scattered inserts. On
        PostgreSQL the tables' foreign keys are dropped and added back too (one validating join
        per key instead of a trigger per row). Unique constraints stay throughout. See
        hearth.core.bulk.
        """
        tables = [m._meta.db_table for m in models_written]
        self.connection.ensure_connection()
        sqlite = self.vendor == "sqlite"
        if sqlite:
            self._sqlite_pragmas(loading=True)
        try:
            with transaction.atomic(using=self.connection.alias):
                if not sqlite:
                    # Run the foreign-key checks still pending in an enclosing transaction now:
                    # PostgreSQL will not alter a table with deferred checks queued.
                    with self.connection.cursor() as cursor:
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                aside = bulk.set_aside(tables, using=self.connection.alias)
                yield
                aside.restore()
                with self.connection.cursor() as cursor:
                    if not sqlite:
                        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default again
                if not sqlite:
                    self._reset_sequences()
        finally:
            if sqlite:
                self._sqlite_pragmas(loading=False)
        if not sqlite:
            self._analyze()

    def _sqlite_pragmas(self, *, loading: bool) -> None:
        import sqlite3

        # The sqlite3 module binds int, float and str directly but looks for an adapter (two
        # failed attribute lookups) for every None; most demo columns are NULL, and an identity
        # adapter for None makes that lookup one dict hit. It changes no value.
        sqlite3.register_adapter(type(None), _same)
        if self.connection.in_atomic_block:
            return  # PRAGMAs on durability do not apply inside a transaction
        with self.connection.cursor() as cursor:
            if loading:
                cursor.execute("PRAGMA synchronous=OFF")  # a crash mid-load means: load again
                cursor.execute("PRAGMA cache_size=-65536")  # 64 MB of page cache
            else:
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA optimize")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the load's journal, back into the file

    def _reset_sequences(self) -> None:
        """Move PostgreSQL's id sequences past the keys the generator chose."""
        statements = self.connection.ops.sequence_reset_sql(no_style(), sorted(self.touched, key=str))
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def _analyze(self) -> None:
        """Fresh planner statistics for the tables just filled (not inside a test's transaction)."""
        if self.connection.in_atomic_block:
            return
        with self.connection.cursor() as cursor:
            for model in self.touched:
                cursor.execute(f"ANALYZE {self.connection.ops.quote_name(model._meta.db_table)}")


def _same(value: Any) -> Any:
    return value
