"""Evaluating report cells over a run's universe in a few SQL queries.

Each distinct filter is compiled to SQL once by Django (``Query.build_where``: the same SQL a
``filter()`` would write, nulls and negation included) and cached; since an AND/OR of compiled
pieces is exactly what Django writes for the combined ``Q``, a count and its drill-down (the cell's
``Q`` run through the ORM) agree. A negated node is compiled by Django whole, to keep its null
handling.

Evaluating every filter on every row (about 1,300 distinct filters for the APR) costs too much for a
CoC's half a million rows, so ``evaluate_cells`` reads the rows once, computes the leaf conditions
("atoms") of all filters, groups the rows per table by the atoms' truth values, and evaluates each
filter over the few hundred groups of its table, weighted by their sizes.
"""

# ruff: noqa: S608 - the SQL is compiled by Django from the report's own filters, or made of
# generated column names; values travel as parameters.

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, models, transaction
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
# With only children / Unknown columns): the rows are grouped by it, so each row's filter is evaluated
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


class Atoms:
    """Filters as AND/OR trees over *atoms* and *dimensions*. A dimension is a column of small-integer
    codes that filters test for equality (``destination = 116``): rows are grouped by its value, and the test is made on the groups. An atom is any other leaf
    condition (and a negated node, whole) as the Compiler writes it: rows are grouped by its truth
    value, computed once per row whatever the number of filters using it. A filter is then the
    same AND/OR over the dimensions (``d<n>``) and atoms (``a<n>``)."""

    def __init__(self, compiler: Compiler) -> None:
        self.compiler = compiler
        self.atoms: dict[Fragment, int] = {}
        self.dimensions: dict[str, int] = {}  # column -> index
        self.values: dict[Fragment, int] = {}
        self._cache: dict[Any, tuple[str, frozenset[str]]] = {}

    def _atom(self, fragment: Fragment) -> tuple[str, frozenset[str]]:
        if fragment in (TRUE, FALSE):
            return fragment[0], frozenset()
        index = self.atoms.setdefault(fragment, len(self.atoms))
        return f"a{index}", frozenset([f"a{index}"])

    def _dimension(self, child: Any) -> tuple[str, frozenset[str]] | None:
        """An equality test on a column with integer or boolean values, over its dimension."""
        if not (isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str)):
            return None
        lookup, value = child
        name, _, kind = lookup.partition("__")
        values = value if kind == "in" and isinstance(value, list | tuple) else [value]
        if kind not in ("", "exact", "in") or not values:
            return None
        # Integer codes only: true/false tests pack better as atoms; None and text are not codes.
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return None
        try:
            field = self.compiler.model._meta.get_field(name)
        except Exception:
            return None
        if getattr(field, "is_relation", False):
            if not name.endswith("_id"):
                return None
        elif not isinstance(field, models.SmallIntegerField):
            # Codes are small integers. Amounts and day counts (``inc_start_total = 0``) have as many
            # values as rows: grouped by them, a table would have a group per row.
            return None
        column = field.column
        index = self.dimensions.setdefault(column, len(self.dimensions))
        literals = [str(int(v)) for v in values]
        sql = f"d{index} = {literals[0]}" if len(literals) == 1 else f"d{index} IN ({', '.join(literals)})"
        return sql, frozenset([f"d{index}"])

    def value(self, expression: Any) -> int:
        fragment = self.compiler.expression(expression)
        return self.values.setdefault(fragment, len(self.values))

    def _leaf(self, child: Any) -> tuple[str, frozenset[str]]:
        return self._dimension(child) or self._atom(self.compiler._child(child))

    def filter(self, q: Q) -> tuple[str, frozenset[str]]:
        """The SQL of ``q`` over the dimension and atom columns, and the columns it reads."""
        try:
            key: Any = q
            hash(key)
        except TypeError:
            key = None
        if key is not None and key in self._cache:
            return self._cache[key]
        if not q.children:
            result = self._atom(FALSE if q.negated else TRUE)
        elif q.negated:
            result = self._atom(self.compiler.q(q))
        else:
            parts = [
                self.filter(child) if isinstance(child, Q) else self._leaf(child) for child in q.children
            ]
            joiner = " AND " if q.connector == Q.AND else " OR "
            result = (
                joiner.join(f"({sql})" for sql, _ in parts),
                frozenset().union(*(used for _, used in parts)),
            )
        if key is not None:
            self._cache[key] = result
        return result


# A cell: (kind "count" | "avg" | "sum", household type or None, filter over atoms, value index).
Cell = tuple[str, Any, str, int | None]
GROUPS = "apr_tmp_groups"


def evaluate_cells(
    model: Any,
    base: Q,
    jobs: Sequence[tuple[dict[str, Q], dict[str, tuple[Any, Q]], dict[str, tuple[Any, Q]]]],
) -> dict[str, Any]:
    """Counts (rows matching a filter), averages and sums (of an expression over the rows matching a
    filter) over the rows of ``model`` matching ``base``, for ``jobs``: per table, its counts,
    averages and sums by name.

    The rows are read once: each row's atoms (the distinct leaf conditions of every filter) are
    computed, and the rows are grouped, per table, by household type and the truth values of that
    table's atoms (packed into integer keys), counting rows and summing the expressions. PostgreSQL
    does every table's grouping in the same pass (GROUPING SETS); SQLite groups table by table. A
    CoC's half a million rows make a few hundred groups per table. Each table's filters are then
    evaluated over its groups, weighted by their sizes."""
    compiler = compiler_for(model)
    atoms = Atoms(compiler)
    tables: list[tuple[dict[str, Cell], tuple[str, ...]]] = []
    for counts, averages, sums in jobs:
        cells: dict[str, Cell] = {}
        reading: set[str] = set()
        for name, q in counts.items():
            rest, group = split_group(q)
            sql, reads = atoms.filter(rest)
            cells[name] = ("count", group, sql, None)
            reading |= reads
        for kind, items in (("avg", averages), ("sum", sums)):
            for name, (expression, q) in items.items():
                rest, group = split_group(q)
                sql, reads = atoms.filter(rest)
                cells[name] = (kind, group, sql, atoms.value(expression))
                reading |= reads
        tables.append((cells, tuple(sorted(reading))))
    if not any(cells for cells, _ in tables):
        return {}
    # Tables reading the same dimensions and atoms share their groups, and tables that only count
    # rows share them with others of the same dimensions while their atoms fit two keys (_packed).
    counting = [used for cells, used in tables if cells and all(v is None for *_, v in cells.values())]
    packed = _packed(counting)
    tables = [(cells, packed.get(used, used)) for cells, used in tables]
    sets: dict[tuple[str, ...], int] = {}
    # The value expressions each set sums (most sets only count rows).
    needs: dict[int, set[int]] = {}
    for cells, used in tables:
        if cells:
            k = sets.setdefault(used, len(sets))
            needs.setdefault(k, set()).update(v for _, _, _, v in cells.values() if v is not None)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Hash tables for every table's grouping in one pass: the planner cannot tell that
                # packed truth values make few groups (a few hundred per table), and would sort
                # instead, once per table, unless allowed this much memory for hashing. The hash
                # tables hold only the actual groups, and spill to disk past the limit.
                cursor.execute("SET LOCAL work_mem = '256MB'")
                cursor.execute("SET LOCAL hash_mem_multiplier = 16")
                cursor.execute("SET LOCAL jit = off")
        _group(compiler, base, atoms, sets, needs)
        out: dict[str, Any] = {}
        for cells, used in tables:
            if cells:
                out.update(_evaluate(cells, sets[used], used))
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {GROUPS}")
    return out


# Atoms packed per integer key: two bits each (0 null, 1 true, 2 false) in a 64-bit integer.
PER_KEY = 30
# Atoms a pack of counting tables may read (_packed): two keys.
PACKED_ATOMS = 2 * PER_KEY


def _packed(useds: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each counting table's dimensions and atoms -> those of the groups it is counted over.

    Every set of groups costs a hash lookup per row, and its keys an expression per atom they read:
    a CoC's APR has some sixty tables over half a million rows, most reading a handful of atoms.
    Tables with the same dimensions are packed into one set while their atoms together fit two keys
    (PACKED_ATOMS). A table's counts are the same summed over the finer groups of the packed set
    (each of its filters reads only its own atoms), and those groups stay far fewer than the rows:
    the atoms of a pack describe the same people, so few of their combinations occur (the CoC APR
    at a million clients makes 68,000 groups in all of 440,000 rows)."""
    bins: dict[tuple[str, ...], list[set[str]]] = {}
    chosen: dict[tuple[str, ...], tuple[tuple[str, ...], int]] = {}
    for used in sorted(set(useds), key=lambda u: (-len(_atoms_of(u)), u)):
        dimensions = tuple(c for c in used if not c.startswith("a"))
        atoms = {c for c in used if c.startswith("a")}
        if len(atoms) > PACKED_ATOMS:
            continue
        row = bins.setdefault(dimensions, [])
        fits = [i for i, held in enumerate(row) if len(held | atoms) <= PACKED_ATOMS]
        if fits:
            row[fits[0]] |= atoms
        else:
            row.append(set(atoms))
        chosen[used] = (dimensions, fits[0] if fits else len(row) - 1)
    return {
        used: tuple(sorted({*dimensions, *bins[dimensions][i]})) for used, (dimensions, i) in chosen.items()
    }


def _atoms_of(used: tuple[str, ...]) -> list[int]:
    return sorted(int(c[1:]) for c in used if c.startswith("a"))


def _dimensions_of(used: tuple[str, ...]) -> list[int]:
    return sorted(int(c[1:]) for c in used if c.startswith("d"))


def _chunks(used: tuple[str, ...]) -> list[list[int]]:
    atoms = _atoms_of(used)
    return [atoms[i : i + PER_KEY] for i in range(0, len(atoms), PER_KEY)]


def _group(
    compiler: Compiler,
    base: Q,
    atoms: Atoms,
    sets: dict[tuple[str, ...], int],
    needs: dict[int, set[int]],
) -> None:
    """Fill the temporary table of groups: per set of dimensions and atoms, its rows' household
    type, dimensions' values and packed atoms' values (``k0``, ``k1``, ...), with the number of rows
    and the sum and count of each value expression the set needs (``needs``)."""
    model = compiler.model
    n_values = len(atoms.values)
    n_keys = max([len(_chunks(used)) for used in sets] + [1])
    columns = {field.column: field for field in model._meta.concrete_fields}
    dimensions = {index: column for column, index in atoms.dimensions.items()}
    declared = ", ".join(
        ["gid INTEGER", "ht INTEGER"]
        + [f"d{d} {columns[dimensions[d]].db_type(connection)}" for d in sorted(dimensions)]
        + [f"k{c} BIGINT" for c in range(n_keys)]
        + ["n BIGINT"]
        + [f"s{j} NUMERIC, c{j} BIGINT" for j in range(n_values)]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE {GROUPS} ({declared})")
    if connection.vendor == "postgresql":
        # Two passes, each computing only the atoms its sets read: every aggregate of a GROUPING
        # SETS query is kept for every group of every set, so the few sets that sum values (eight
        # tables of the APR) are grouped apart from the many that only count rows.
        counting = {used: k for used, k in sets.items() if not needs.get(k)}
        summing = {used: k for used, k in sets.items() if needs.get(k)}
        for part in (counting, summing):
            if part:
                _group_pass(compiler, base, atoms, part, needs, n_keys)
    else:
        for used, k in sets.items():
            _group_pass(compiler, base, atoms, {used: k}, needs, n_keys)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX {GROUPS}_gid ON {GROUPS} (gid)")


def _group_pass(
    compiler: Compiler,
    base: Q,
    atoms: Atoms,
    sets: dict[tuple[str, ...], int],
    needs: dict[int, set[int]],
    n_keys: int,
) -> None:
    """Group the rows for ``sets`` (one statement), reading only the dimensions, atoms and values
    they use."""
    model, table = compiler.model, compiler.table
    group_column = f'"{table}"."{model._meta.get_field(GROUP_FIELD).column}"'
    dimensions = {index: column for column, index in atoms.dimensions.items()}
    read = set().union(*sets)
    used_dimensions = sorted(d for d in dimensions if f"d{d}" in read)
    used_values = sorted(set().union(*(needs.get(k, set()) for k in sets.values())))
    # x: each row's dimensions, atoms and values, each computed once (on PostgreSQL OFFSET 0 keeps
    # the planner from copying the atoms' expressions into every key that reads them); y: each
    # set's keys.
    where_sql, where_params = compiler.q(base)
    params: list[Any] = []
    selected = [f"{group_column} AS ht"]
    selected += [f'"{table}"."{dimensions[d]}" AS d{d}' for d in used_dimensions]
    for (sql, ps), i in atoms.atoms.items():
        if f"a{i}" in read:
            selected.append(f"({sql}) AS a{i}")
            params.extend(ps)
    for (sql, ps), j in atoms.values.items():
        if j in used_values:
            selected.append(f"({sql}) AS v{j}")
            params.extend(ps)
    params.extend(where_params)
    postgres = connection.vendor == "postgresql"
    fence = " OFFSET 0" if postgres else ""
    x = f"SELECT {', '.join(selected)} FROM {table} WHERE {where_sql}{fence}"

    def key(chunk: list[int]) -> str:
        return " + ".join(
            f"(CASE WHEN x.a{i} THEN {1 << (2 * p)} WHEN NOT x.a{i} THEN {2 << (2 * p)} ELSE 0 END)"
            for p, i in enumerate(chunk)
        )

    keys = [
        f"{key(chunk)} AS key{k}_{c}" for used, k in sets.items() for c, chunk in enumerate(_chunks(used))
    ]
    passed = [f"x.d{d}" for d in used_dimensions] + [f"x.v{j}" for j in used_values]
    markers = [f"1 AS m{k}" for k in sets.values()] if postgres else []
    y = f"SELECT {', '.join(['x.ht', *markers, *keys, *passed])} FROM ({x}) x"
    totals = [f"SUM(y.v{j}), COUNT(y.v{j})" for j in used_values]
    names = ", ".join(
        [
            "gid",
            "ht",
            *(f"d{d}" for d in used_dimensions),
            *(f"k{c}" for c in range(n_keys)),
            "n",
            *(f"s{j}, c{j}" for j in used_values),
        ]
    )

    def grouped(used: tuple[str, ...], k: int) -> list[str]:
        """The columns set ``k`` groups by (besides its marker)."""
        return [
            "y.ht",
            *(f"y.d{d}" for d in _dimensions_of(used)),
            *(f"y.key{k}_{c}" for c in range(len(_chunks(used)))),
        ]

    with connection.cursor() as cursor:
        if postgres:
            # One pass; a constant marker column per set tells its groups apart. A set's keys are
            # never null, other sets' are null in its groups.
            grouping = ", ".join(
                "(" + ", ".join([f"y.m{k}", *grouped(used, k)]) + ")" for used, k in sets.items()
            )
            gid = "CASE " + " ".join(f"WHEN GROUPING(y.m{k}) = 0 THEN {k}" for k in sets.values()) + " END"
            outputs = [gid, "y.ht", *(f"y.d{d}" for d in used_dimensions)]
            for c in range(n_keys):
                having = [f"y.key{k}_{c}" for used, k in sets.items() if c < len(_chunks(used))]
                outputs.append(f"COALESCE({', '.join(having)})" if having else "NULL")
            outputs += ["COUNT(*)", *totals]
            cursor.execute(
                f"INSERT INTO {GROUPS} ({names}) SELECT {', '.join(outputs)} FROM ({y}) y "
                f"GROUP BY GROUPING SETS ({grouping})",
                params,
            )
        else:
            for used, k in sets.items():
                mine = set(_dimensions_of(used))
                outputs = [str(k), "y.ht", *(f"y.d{d}" if d in mine else "NULL" for d in used_dimensions)]
                n_mine = len(_chunks(used))
                outputs += [f"y.key{k}_{c}" for c in range(n_mine)] + ["NULL"] * (n_keys - n_mine)
                outputs += ["COUNT(*)", *totals]
                cursor.execute(
                    f"INSERT INTO {GROUPS} ({names}) SELECT {', '.join(outputs)} FROM ({y}) y "
                    f"GROUP BY {', '.join(grouped(used, k))}",
                    params,
                )


def _decoder(used: tuple[str, ...]) -> dict[str, str]:
    """Atom column name -> its value unpacked from the group's keys (true, false or null)."""
    out = {}
    for c, chunk in enumerate(_chunks(used)):
        for p, i in enumerate(chunk):
            digit = f"(k{c} / {1 << (2 * p)} - 4 * (k{c} / {1 << (2 * p + 2)}))"
            out[f"a{i}"] = f"(CASE {digit} WHEN 1 THEN 1 = 1 WHEN 2 THEN 1 = 0 END)"
    return out


def _evaluate(cells: dict[str, Cell], gid: int, used: tuple[str, ...]) -> dict[str, Any]:
    """One table's cells over its groups, per household type."""
    decode = _decoder(used)

    def unpacked(sql: str) -> str:
        return re.sub(r"\ba\d+\b", lambda m: decode[m.group(0)], sql)

    selects: list[str] = []
    seen: dict[tuple[str, str, int | None], int] = {}

    def column(kind: str, sql: str, value: int | None = None) -> int:
        key = (kind, sql, value)
        if key not in seen:
            seen[key] = len(selects)
            if kind == "count":
                selects.append(f"SUM(n) FILTER (WHERE {unpacked(sql)})")
            else:
                selects.append(f"SUM(CASE WHEN {unpacked(sql)} THEN {kind}{value} END)")
        return seen[key]

    wanted: dict[str, tuple[str, Any, tuple[int, ...]]] = {}
    for name, (kind, group, sql, value) in cells.items():
        if kind == "count":
            wanted[name] = (kind, group, (column("count", sql),))
        elif kind == "avg":
            wanted[name] = (kind, group, (column("s", sql, value), column("c", sql, value)))
        else:
            wanted[name] = (kind, group, (column("s", sql, value),))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ht, {', '.join(selects)} FROM {GROUPS} WHERE gid = {int(gid)} GROUP BY ht")
        rows: Sequence[Sequence[Any]] = cursor.fetchall()

    def total(group: Any, index: int) -> Any:
        found = [
            row[index + 1]
            for row in rows
            if (group is None or row[0] == group) and row[index + 1] is not None
        ]
        if not found:
            return None
        return sum(Decimal(str(v)) if isinstance(v, float) else v for v in found)

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
