"""Evaluating a table's cells in one SQL query, without Django's per-aggregate compile cost.

A table of a few hundred cells as Django aggregates (``Count("id", filter=Q(...))``) spends most of
its time in the ORM resolving each aggregate, not in the database. Here each distinct filter is
compiled to SQL once by Django (``Query.build_where``: the same SQL a ``filter()`` would write,
nulls and negation included) and cached; cells are ``COUNT(*) FILTER (WHERE ...)`` (PostgreSQL and
SQLite 3.30+) over the run's rows. The drill-down still runs the cell's ``Q`` through the ORM, and
since an AND/OR of compiled pieces is exactly what Django writes for the combined ``Q``, the count
and its list agree. A negated node is compiled by Django whole, to keep its null handling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import F, Q
from django.db.models.sql import Query

Fragment = tuple[str, tuple[Any, ...]]
TRUE: Fragment = ("1 = 1", ())
FALSE: Fragment = ("1 = 0", ())


class Compiler:
    """Turns Q objects and expressions on one model into SQL fragments, caching each piece."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.query = Query(model)
        self.sql_compiler = self.query.get_compiler(connection=connection)
        self.table = model._meta.db_table
        self._cache: dict[Any, Fragment] = {}

    def _django(self, q: Q) -> Fragment:
        try:
            where = self.query.build_where(q)
            sql, params = self.sql_compiler.compile(where)
        except EmptyResultSet:
            return FALSE
        except FullResultSet:
            return TRUE
        return sql, tuple(params)

    def _leaf(self, lookup: str, value: Any) -> Fragment | None:
        """The SQL of a plain lookup on a column of the table, written directly (the common case;
        anything else goes through Django)."""
        name, _, kind = lookup.partition("__")
        kind = kind or "exact"
        try:
            field = self.model._meta.get_field(name)
        except Exception:
            return None
        if getattr(field, "is_relation", False) and not name.endswith("_id"):
            return None
        column = f'"{self.table}"."{field.column}"'
        if isinstance(value, F):
            try:
                other = self.model._meta.get_field(value.name)
            except Exception:
                return None
            operator = {"exact": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}.get(kind)
            return None if operator is None else (f'{column} {operator} "{self.table}"."{other.column}"', ())
        if not isinstance(value, int | bool | str | list | tuple | type(None)) and not hasattr(
            value, "isoformat"
        ):
            return None

        def prep(v: Any) -> Any:
            return field.get_db_prep_value(v, connection, prepared=False)

        if kind == "isnull":
            return (f"{column} IS NULL" if value else f"{column} IS NOT NULL", ())
        if value is None:
            return None
        if kind == "in":
            values = [v for v in value if v is not None]
            if not values:
                return FALSE
            return (f"{column} IN ({', '.join(['%s'] * len(values))})", tuple(prep(v) for v in values))
        operator = {"exact": "=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}.get(kind)
        if operator is None or isinstance(value, list | tuple):
            return None
        return (f"{column} {operator} %s", (prep(value),))

    def q(self, q: Q) -> Fragment:
        if not q.children:
            return FALSE if q.negated else TRUE
        try:
            key: Any = (connection.vendor, q)
            hash(key)
        except TypeError:
            key = None
        if key is not None and key in self._cache:
            return self._cache[key]
        if q.negated:
            fragment = self._django(q)
        else:
            parts = [self.q(child) if isinstance(child, Q) else self._child(child) for child in q.children]
            if q.connector == Q.AND:
                parts = [p for p in parts if p != TRUE]
                if FALSE in parts:
                    fragment = FALSE
                elif not parts:
                    fragment = TRUE
                else:
                    fragment = (
                        " AND ".join(f"({s})" for s, _ in parts),
                        tuple(v for _, ps in parts for v in ps),
                    )
            else:
                parts = [p for p in parts if p != FALSE]
                if TRUE in parts:
                    fragment = TRUE
                elif not parts:
                    fragment = FALSE
                else:
                    fragment = (
                        " OR ".join(f"({s})" for s, _ in parts),
                        tuple(v for _, ps in parts for v in ps),
                    )
        if key is not None:
            self._cache[key] = fragment
        return fragment

    def _child(self, child: Any) -> Fragment:
        if isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
            fast = self._leaf(child[0], child[1])
            if fast is not None:
                return fast
        return self._django(Q(child))

    def expression(self, value: Any) -> Fragment:
        """A field name or an expression of fields (F() - F(), Case ...)."""
        expression: Any = F(value) if isinstance(value, str) else value
        if not hasattr(expression, "resolve_expression"):
            raise TypeError(f"not an expression: {value!r}")
        resolved = expression.resolve_expression(self.query, allow_joins=False)
        sql, params = self.sql_compiler.compile(resolved)
        return sql, tuple(params)


_compilers: dict[tuple[str, Any], Compiler] = {}


def compiler_for(model: Any) -> Compiler:
    key = (connection.vendor, model)
    if key not in _compilers:
        _compilers[key] = Compiler(model)
    return _compilers[key]


# Cells are often split by household type (HUD's Total / Without children / With children and adults /
# With only children / Unknown columns): the query groups by it, so each row's filter is evaluated
# once for the whole row, not once per column.
GROUP_FIELD = "household_type"


def split_group(q: Q) -> tuple[Q, Any]:
    """``q`` as (the rest of the filter, the household type it requires or None)."""
    if q.negated or q.connector != Q.AND:
        return q, None
    rest: list[Any] = []
    wanted: Any = None
    for child in q.children:
        leaf = child
        if isinstance(child, Q) and not child.negated and len(child.children) == 1:
            leaf = child.children[0]
        if (
            wanted is None
            and isinstance(leaf, tuple)
            and leaf[0] == GROUP_FIELD
            and isinstance(leaf[1], int)
            and not isinstance(leaf[1], bool)
        ):
            wanted = leaf[1]
            continue
        rest.append(child)
    if wanted is None:
        return q, None
    return Q(*rest), wanted


def aggregate(
    model: Any,
    base: Q,
    counts: dict[str, Q],
    averages: dict[str, tuple[Any, Q]],
    sums: dict[str, tuple[Any, Q]],
) -> dict[str, Any]:
    """Counts of the rows of ``model`` matching ``base`` and each filter of ``counts``, averages and
    sums of an expression over those matching each filter of ``averages`` and ``sums``.

    One query in two steps: the rows are first grouped by the columns the filters and expressions
    read (the filters of one table read a handful of coded columns, so a CoC's half a million rows
    make a few thousand groups), then each filter is evaluated once per group, not once per row,
    weighted by the group's size, and grouped by household type so that a row of a table split into
    household-type columns costs one filter. Identical filters are evaluated once."""
    compiler = compiler_for(model)
    selects: list[str] = []
    params: list[Any] = []
    seen: dict[tuple[str, Fragment, Fragment], int] = {}
    n = '"__n"'

    def column(function: str, q: Q, value: Fragment | None = None) -> int:
        sql, ps = compiler.q(q)
        key = (function, (sql, ps), value or ("", ()))
        if key not in seen:
            seen[key] = len(selects)
            if value is None:
                selects.append(f"SUM({n}) FILTER (WHERE {sql})")
                params.extend(ps)
            elif function == "COUNT":
                selects.append(f"SUM(CASE WHEN ({sql}) AND ({value[0]}) IS NOT NULL THEN {n} END)")
                params.extend(ps)
                params.extend(value[1])
            else:
                selects.append(f"SUM(CASE WHEN {sql} THEN ({value[0]}) * {n} END)")
                params.extend(ps)
                params.extend(value[1])
        return seen[key]

    # name -> (kind, household type or None, column indexes)
    wanted: dict[str, tuple[str, Any, tuple[int, ...]]] = {}
    for name, q in counts.items():
        rest, group = split_group(q)
        wanted[name] = ("count", group, (column("COUNT", rest),))
    for name, (expression, q) in averages.items():
        rest, group = split_group(q)
        value = compiler.expression(expression)
        wanted[name] = ("avg", group, (column("SUM", rest, value), column("COUNT", rest, value)))
    for name, (expression, q) in sums.items():
        rest, group = split_group(q)
        value = compiler.expression(expression)
        wanted[name] = ("sum", group, (column("SUM", rest, value),))
    if not selects:
        return {}
    table = compiler.table
    group_column = f'"{table}"."{model._meta.get_field(GROUP_FIELD).column}"'
    read = sorted(
        {group_column, *(f'"{table}"."{c}"' for c in re.findall(rf'"{table}"\."(\w+)"', " ".join(selects)))}
    )
    where_sql, where_params = compiler.q(base)
    # The grouped rows keep the table's name, so the compiled filters read them unchanged.
    text = (
        f"SELECT {group_column}, {', '.join(selects)} FROM ("  # noqa: S608 - compiled by Django
        f"SELECT {', '.join(read)}, COUNT(*) AS {n} FROM {table} WHERE {where_sql} GROUP BY {', '.join(read)}"
        f') "{table}" GROUP BY {group_column}'
    )
    with connection.cursor() as cursor:
        cursor.execute(text, [*params, *where_params])
        rows: Sequence[Sequence[Any]] = cursor.fetchall()

    def total(group: Any, index: int) -> Any:
        values = [
            row[index + 1]
            for row in rows
            if (group is None or row[0] == group) and row[index + 1] is not None
        ]
        if not values:
            return None
        if any(isinstance(v, float) for v in values):
            return sum(Decimal(str(v)) for v in values)
        return sum(values)

    out: dict[str, Any] = {}
    for name, (kind, group, indexes) in wanted.items():
        if kind == "avg":
            amount, count = total(group, indexes[0]), total(group, indexes[1])
            out[name] = Decimal(str(amount)) / Decimal(count) if count else None
        else:
            out[name] = total(group, indexes[0])
    return out


def medians(model: Any, base: Q, wanted: dict[str, tuple[str, Q]]) -> dict[str, Any] | None:
    """HUD's medians (the middle value, or the mean of the two middle values) of a field over the
    rows matching each filter, in one query: the lower and upper middle values are the 50th
    percentile of the values in ascending and descending order. None where the database has no
    ordered-set aggregates (SQLite): the caller then computes each median on its own."""
    if connection.vendor != "postgresql":
        return None
    if not wanted:
        return {}
    compiler = compiler_for(model)
    selects: list[str] = []
    params: list[Any] = []
    for field_name, q in wanted.values():
        column, _ = compiler.expression(field_name)
        sql, ps = compiler.q(q)
        for order in ("ASC", "DESC"):
            selects.append(
                f"PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY {column} {order}) FILTER (WHERE {sql})"
            )
            params.extend(ps)
    where_sql, where_params = compiler.q(base)
    text = f"SELECT {', '.join(selects)} FROM {compiler.table} WHERE {where_sql}"  # noqa: S608 - compiled by Django
    with connection.cursor() as cursor:
        cursor.execute(text, [*params, *where_params])
        row: Sequence[Any] = cursor.fetchone()
    out: dict[str, Any] = {}
    for i, name in enumerate(wanted):
        low, high = row[2 * i], row[2 * i + 1]
        out[name] = None if low is None else (Decimal(str(low)) + Decimal(str(high))) / 2
    return out
