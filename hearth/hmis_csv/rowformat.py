"""One export row, from the database's values straight to its CSV line.

An export of ten million rows cannot afford model instances or Django's per-value converters; the
exporter reads plain values with SQL (on PostgreSQL already cast to text in the CoC's time zone,
on SQLite the stored text and numbers) and, for each file, a function generated once turns a row
into its line: strings quoted with ``< > [ ] { }`` removed, quotes doubled and formulas neutralised, codes and dates as
they are, timestamps in local time, amounts with two decimals, dependents emptied unless their
parent holds the triggering value, an empty non-nullable coded field written as 99.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hearth.core import spreadsheet
from hearth.hmis_csv import formatting
from hearth.hud.codelists import LISTS
from hearth.hud.columns import Column

RowLine = Callable[[tuple[Any, ...]], str]


class LocalText:
    """SQLite's stored UTC moment (read as a naive datetime) to the CoC's local
    "YYYY-MM-DD hh:mm:ss", answers kept: exports repeat timestamps."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.seen: dict[Any, str] = {}

    def __call__(self, stored: Any) -> str:
        moment = stored if isinstance(stored, dt.datetime) else dt.datetime.fromisoformat(stored)
        text = moment.replace(tzinfo=dt.UTC).astimezone(self.zone).isoformat(" ")[:19]
        if len(self.seen) > 200_000:
            self.seen.clear()
        self.seen[stored] = text
        return text


def _money(value: Any) -> str:
    return f"{Decimal(str(value)):.2f}"


def empty_cell(column: Column) -> str:
    """An empty non-nullable coded field is written as 99 (Data not collected) where its list has it."""
    if not column.nullable and column.code_list and 99 in LISTS.get(column.code_list, ()):
        return "99"
    return ""


def compile_row(
    columns: list[Column],
    *,
    vendor: str,
    zone: ZoneInfo,
    export_cell: str,
    export_position: int,
    users: dict[str, str] | None,
    user_index: int,
    created_index: int,
    client: bool = False,
    hashed: bool = False,
    fix_id: Callable[[str, Any, str], str] | None = None,
    id_fixes: list[tuple[int, int, str]] | None = None,
) -> RowLine:
    """The line of one row of values in ``columns`` order (ExportID not among them)."""
    pg = vendor == "postgresql"
    local = LocalText(zone)
    ns: dict[str, Any] = {
        "F": formatting.FORBIDDEN,
        "TRIGGERS": spreadsheet.TRIGGERS,
        "neutralise": spreadsheet.neutralise,
        "LOCAL": local.seen,
        "local": local,
        "money": _money,
        "placeholder": formatting.is_placeholder_ssn,
        "hash_ssn": formatting.hash_ssn,
        "hash_name": formatting.hash_name,
        "USERS": users,
        "fix": fix_id,
    }
    body = [f"v{i} = r[{i}]" for i in range(len(columns))]
    for i, source_index, target in id_fixes or []:
        body.append(f"if v{i} is not None: v{i} = fix({target!r}, r[{source_index}], v{i})")
    index = {c.name: i for i, c in enumerate(columns)}
    for i, col in enumerate(columns):
        if col.null_unless and col.null_unless[0] in index:
            parent, trigger = col.null_unless
            wanted = repr(str(trigger)) if pg else repr(trigger)
            body.append(f"if v{index[parent]} != {wanted}: v{i} = None")
    if client:
        s = index["SSN"]
        body.append(f"if placeholder(v{s}): v{s} = None")
        if hashed:
            body.append(f"v{s} = hash_ssn(v{s})")
            for name in ("FirstName", "MiddleName", "LastName", "NameSuffix"):
                body.append(f"v{index[name]} = hash_name(v{index[name]})")
    cells = []
    for i, col in enumerate(columns):
        v = f"v{i}"
        empty = repr(empty_cell(col))
        kind = col.type
        if kind.startswith("S"):
            body.append(f"if {v} and {v}[0] in TRIGGERS: {v} = neutralise({v})")
            cells.append(f"""('"' + {v}.translate(F).replace('"', '""') + '"' if {v} else {empty})""")
        elif kind == "I":
            cells.append(
                f"({v} if {v} is not None else {empty})"
                if pg
                else f"(str({v}) if {v} is not None else {empty})"
            )
        elif kind == "D":
            cells.append(f"({v} or '')" if pg else f"(str({v}) if {v} else '')")
        elif kind == "T":
            if pg:
                cells.append(f"({v}[:19] if {v} else '')")
            else:
                body.append(f"t{i} = (LOCAL.get({v}) or local({v})) if {v} else ''")
                cells.append(f"t{i}")
        else:
            cells.append(
                f"({v} if {v} is not None else '')" if pg else f"(money({v}) if {v} is not None else '')"
            )
    cells.insert(export_position, repr(export_cell))
    if users is not None and user_index >= 0:
        created = f"t{created_index}" if not pg else f"(v{created_index} or '')[:19]"
        body.append(f"u = v{user_index}")
        body.append("s = USERS.get(u)")
        body.append(f"if s is None or {created} < s: USERS[u] = {created}")
    body.append(f"return ','.join(({', '.join(cells)},))")
    source = "def line(r):\n" + "\n".join("    " + b for b in body) + "\n"
    exec(compile(source, "<export row>", "exec"), ns)  # noqa: S102 - code built above
    line: RowLine = ns["line"]
    return line
