"""The few SQL fragments that differ between PostgreSQL and SQLite, for the report builders.

The APR universe is built with set-based SQL (INSERT ... SELECT, UPDATE ... FROM) so a year of a whole
CoC is a handful of statements, not a loop over clients. Both databases accept the same statements
except for date arithmetic and pattern matching, which these helpers write per vendor.

Dates that come from the report parameters are written as literals (``lit``): they are ``date``
objects formatted here, never user text. Every statement is executed with a (possibly empty) params
list, so a literal ``%`` must be written ``%%``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def lit(value: dt.date) -> str:
    """A date literal."""
    if not isinstance(value, dt.date):  # pragma: no cover - guards against text reaching SQL
        raise TypeError("lit() takes dates only")
    text = value.isoformat()
    return f"DATE '{text}'" if is_postgres() else f"'{text}'"


def ids(values: Sequence[int]) -> str:
    """An IN list of integer keys (never empty)."""
    cleaned = [str(int(v)) for v in values]
    return ", ".join(cleaned) if cleaned else "NULL"


def age(dob: str, on: str) -> str:
    """Whole years from ``dob`` to ``on``; NULL when DOB is missing or after ``on``."""
    return f"CASE WHEN {dob} IS NULL OR {dob} > {on} THEN NULL ELSE {whole_years(dob, on)} END"


def whole_years(start: str, end: str) -> str:
    """Whole years from ``start`` to ``end``, counted like an age (leap days included)."""
    if is_postgres():
        return f"CAST(EXTRACT(YEAR FROM AGE({end}, {start})) AS INTEGER)"
    return (
        f"(CAST(strftime('%%Y', {end}) AS INTEGER) - CAST(strftime('%%Y', {start}) AS INTEGER)"
        f" - (strftime('%%m-%%d', {end}) < strftime('%%m-%%d', {start})))"
    )


def days(start: str, end: str) -> str:
    """Days from ``start`` to ``end`` (dates)."""
    if is_postgres():
        return f"({end} - {start})"
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


def add_days(date: str, n: str | int) -> str:
    if is_postgres():
        return f"({date} + ({n}))"
    return f"date({date}, ({n}) || ' days')"


def add_years(date: str, n: str) -> str:
    """``date`` plus ``n`` years; 29 February falls back to the 28th, as in an age."""
    if is_postgres():
        return f"CAST({date} + ({n}) * INTERVAL '1 year' AS DATE)"
    return (
        f"MIN(date({date}, ({n}) || ' years'),"
        f" date({date}, 'start of month', ({n}) || ' years', '+1 month', '-1 day'))"
    )


def local_date(timestamp: str) -> str:
    """The calendar date, in the CoC's time zone, of a stored timestamp."""
    tz = settings.TIME_ZONE
    if is_postgres():
        return f"CAST(timezone('{tz}', {timestamp}) AS DATE)"
    return f"django_datetime_cast_date({timestamp}, '{tz}', 'UTC')"


def all_digits(expr: str, n: int) -> str:
    if is_postgres():
        return f"({expr} ~ '^[0-9]{{{n}}}$')"
    return f"({expr} GLOB '{'[0-9]' * n}')"


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.rowcount


def fetchall(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall()


def analyze(table: str, columns: Sequence[str] = ()) -> None:
    """Fresh statistics for a table just filled, so the planner joins it sensibly; on PostgreSQL
    only for ``columns`` when given (the row count and pages are refreshed either way)."""
    if columns and is_postgres():
        execute(f"ANALYZE {table} ({', '.join(columns)})")
    else:
        execute(f"ANALYZE {table}")
