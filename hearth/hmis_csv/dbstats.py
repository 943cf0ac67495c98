"""Keeping the database's table statistics fresh around bulk work.

PostgreSQL plans a query from its statistics of each table. A table just filled by an import or a
bulk load has none (or those of when it was small) until autovacuum gets to it, and the export's
queries over millions of rows then run as nested loops: minutes instead of seconds. So an export
first analyses the HUD tables whose statistics are stale, and an import analyses the tables it
filled. SQLite gets ``PRAGMA optimize``, which does the same where it helps.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

STALE_SHARE = 0.1  # changed rows since the last ANALYZE, as a share of the table


def stale_tables(tables: Iterable[str]) -> list[str]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT relname FROM pg_stat_user_tables
            WHERE relname = ANY(%s)
              AND ((last_analyze IS NULL AND last_autoanalyze IS NULL)
                   OR n_mod_since_analyze > %s * GREATEST(n_live_tup, 1000))
            """,
            [list(tables), STALE_SHARE],
        )
        return [row[0] for row in cursor.fetchall()]


def analyze(tables: Iterable[str]) -> None:
    names = list(tables)
    if not names:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in names:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")


def refresh_stale(tables: Iterable[str]) -> None:
    analyze(stale_tables(tables))
