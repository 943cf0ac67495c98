"""The database connection's settings while an import loads: SQLite's page cache."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def bulk_settings() -> Iterator[None]:
    """SQLite's page cache is 2 MB by default; the indexes of a million-row table are far larger,
    so the import gives its connection 128 MB while it loads rows (each table's unique key) and
    256 MB while it builds indexes (``sqlite_cache``)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
    sqlite_cache(LOAD_CACHE_KIB)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


LOAD_CACHE_KIB = 131_072
BUILD_CACHE_KIB = 262_144


def sqlite_cache(kib: int) -> None:
    """Set the SQLite connection's page cache (nothing on PostgreSQL). The caller has drained the
    writer thread, which shares the connection."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{int(kib)}")


@contextmanager
def building_indexes() -> Iterator[None]:
    """The larger cache while indexes are built, the smaller one again afterwards."""
    sqlite_cache(BUILD_CACHE_KIB)
    try:
        yield
    finally:
        sqlite_cache(LOAD_CACHE_KIB)
