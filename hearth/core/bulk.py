"""Setting a table's secondary indexes and foreign keys aside for a bulk load, and restoring them.

Loading millions of rows into a table that keeps its secondary indexes costs a scattered index
insert per row and index; on PostgreSQL every row also fires a foreign-key trigger (one lookup
in the parent's primary key each). Building an index afterwards is one sort, and adding a foreign
key back is one validating join, so a load into an empty (or nearly empty) table is far quicker
with them set aside. Used by the demo data writer and the HMIS CSV importer.

Unique indexes, unique constraints and primary keys always stay: callers rely on them while they
load (e.g. the importer's (data source, HUD ID) lookups), and they are what keeps the data sound.

Everything happens inside the caller's transaction: both PostgreSQL and SQLite run DDL
transactionally, so a failed load rolls back to the tables exactly as they were, indexes and
foreign keys included. On PostgreSQL the statements take an ACCESS EXCLUSIVE lock on the tables
until the transaction ends: other sessions cannot read them meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connections

RESTORE_MEMORY = {"maintenance_work_mem": "256MB", "work_mem": "64MB"}


@dataclass
class SetAside:
    """What was set aside: the statements that create it again, in order."""

    using: str = "default"
    indexes: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)

    @property
    def statements(self) -> list[str]:
        return self.indexes + self.foreign_keys

    def __bool__(self) -> bool:
        return bool(self.indexes or self.foreign_keys)

    def restore(self) -> None:
        """Build the indexes again and add the foreign keys back. On PostgreSQL adding a key
        validates every row (an inconsistent row raises IntegrityError, and the caller's
        transaction then rolls everything back)."""
        connection = connections[self.using]
        with connection.cursor() as cursor:
            before: list[tuple[str, str]] = []
            if connection.vendor == "postgresql" and self:
                # The default memory for a sort (64 MB) sends the index builds and the key
                # checks of a million-row table to temporary files; more, only while they run.
                cursor.execute(
                    "SELECT name, setting || COALESCE(unit, '') FROM pg_settings "
                    "WHERE name IN ('maintenance_work_mem', 'work_mem')"
                )
                before = list(cursor.fetchall())
                for name, value in RESTORE_MEMORY.items():
                    cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
            for statement in self.statements:
                cursor.execute(statement)
            for name, value in before:
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        self.indexes, self.foreign_keys = [], []


def set_aside(tables: list[str], *, using: str = "default", foreign_keys: bool = True) -> SetAside:
    """Drop the non-unique secondary indexes of ``tables`` and (PostgreSQL, when ``foreign_keys``)
    their foreign keys. Must run inside a transaction; PostgreSQL also needs no foreign-key
    checks queued for these tables (``SET CONSTRAINTS ALL IMMEDIATE`` before writing to them)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("set_aside must run inside a transaction, so that a failure restores the tables")
    aside = SetAside(using=using)
    if not tables:
        return aside
    aside.indexes = drop_indexes(connection, tables)
    if foreign_keys and connection.vendor == "postgresql":
        aside.foreign_keys = drop_foreign_keys(connection, tables)
    return aside


def drop_indexes(connection: Any, tables: list[str]) -> list[str]:
    """Drop the non-unique secondary indexes of ``tables``; returns the statements that create
    them again."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
                f"AND sql NOT LIKE 'CREATE UNIQUE%%' AND tbl_name IN ({marks}) ORDER BY name",
                tables,
            )
        else:
            cursor.execute(
                "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ANY(%s::regclass[]) "
                "AND NOT i.indisunique AND NOT i.indisprimary ORDER BY 1",
                [tables],
            )
        found = list(cursor.fetchall())
        for name, _ in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _, definition in found]


def drop_foreign_keys(connection: Any, tables: list[str]) -> list[str]:
    """Drop the foreign keys of ``tables`` (PostgreSQL); returns the statements that add them
    back, with their deferrability as before."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        keys = list(cursor.fetchall())
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    return [
        f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}" for table, name, definition in keys
    ]


def definitions(tables: list[str], *, using: str = "default") -> tuple[list[str], list[str]]:
    """The index and (PostgreSQL) foreign-key definitions of ``tables``, sorted: for checking
    that a load left them as it found them."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
                f"AND tbl_name IN ({marks}) ORDER BY 1",
                tables,
            )
            indexes = [row[0] for row in cursor.fetchall()]
            keys: list[str] = []
            for table in tables:
                cursor.execute(f"PRAGMA foreign_key_list({connection.ops.quote_name(table)})")
                keys += [f"{table} {row[2:5]}" for row in cursor.fetchall()]
            return indexes, sorted(keys)
        cursor.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = ANY(%s::regclass[]) ORDER BY 1",
            [tables],
        )
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1",
            [tables],
        )
        return indexes, [row[0] for row in cursor.fetchall()]
