"""From a file's header and raw CSV records to FY2026 values, one row at a time.

The header is matched to the FY2026 columns once (names compared exactly, then without regard to
case; columns out of order, unknown or missing are reported once per file). A FY2026 file is then
read by position with no per-row dictionary; an older file's row goes through the version steps of
hearth.hmis_csv.versions first. Each cell is read by its HUD type, on a fast path for the correct
form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from hearth.hmis_csv import parsing
from hearth.hmis_csv.parsing import CellIssue, DateOrder
from hearth.hmis_csv.plan import FilePlan
from hearth.hmis_csv.report import Issue, show
from hearth.hmis_csv.versions import FY2026, MigrationContext, Notes, legacy_columns, migrate_row, steps_for
from hearth.hud.validation import ERROR, WARNING

STRING, INT, DATE, TIMESTAMP, MONEY = range(5)
NUL_RULE = "nul_byte"
NUL_MESSAGE = "The cell held a NUL character (byte 0), which was removed; the rest of the value was read."
date_from_iso = dt.date.fromisoformat
datetime_from_iso = dt.datetime.fromisoformat


def _kind(type_: str) -> int:
    if type_ == "I":
        return INT
    if type_ == "D":
        return DATE
    if type_ == "T":
        return TIMESTAMP
    if type_ in ("M", "M+"):
        return MONEY
    return STRING


ScanFactory = Callable[[int], Callable[[], list[tuple[int, int]]]]


class FileParser:
    def __init__(
        self,
        plan: FilePlan,
        version: str,
        header: list[str],
        *,
        filename: str,
        zone: ZoneInfo,
        notes: Notes,
        ctx: MigrationContext,
        scan: ScanFactory,
    ) -> None:
        self.plan = plan
        self.version = version
        self.filename = filename
        self.zone = zone
        self.notes = notes
        self.ctx = ctx
        self.columns = plan.hud_file.columns
        self.names = [c.name for c in self.columns]
        self.kinds = [_kind(c.type) for c in self.columns]
        self.header_issues: list[Issue] = []
        self.fatal = False
        self.width = len(header)
        self.timestamp = parsing.make_timestamp_parser(zone)
        self.legacy = version != FY2026 and bool(steps_for(version, plan.name))
        self._map_header(header, scan)

    # --- header ------------------------------------------------------------------------------

    def _issue(self, column: str, value: str, rule: str, level: str, message: str) -> None:
        self.header_issues.append(Issue(self.filename, 1, "", column, show(value), rule, level, message))

    def _map_header(self, header: list[str], scan: ScanFactory) -> None:
        known = list(self.names)
        legacy = legacy_columns(self.version, self.plan.name) if self.version != FY2026 else set()
        known_all = known + sorted(legacy)
        exact = set(known_all)
        lower = {n.lower(): n for n in known_all}
        canonical: list[str | None] = []
        unknown = []
        for raw in header:
            name = raw.strip().lstrip("\ufeff").removeprefix("ï»¿")
            if name in exact:
                canonical.append(name)
            elif name.lower() in lower:
                fixed = lower[name.lower()]
                self._issue(
                    fixed,
                    raw,
                    "header_case",
                    WARNING,
                    f"Column {raw!r} read as {fixed!r} (names are case-sensitive).",
                )
                canonical.append(fixed)
            else:
                canonical.append(None)
                if name:
                    unknown.append(name)
        if unknown:
            self._issue(
                "",
                ", ".join(unknown),
                "unknown_column",
                WARNING,
                f"Not FY2026 columns of {self.filename}, ignored: {', '.join(unknown)}.",
            )
        dropped = [n for n in canonical if n in legacy and n not in known]
        if dropped:
            self._issue(
                "",
                ", ".join(dropped),
                "dropped_column",
                WARNING,
                f"Columns that FY2026 no longer has, not kept: {', '.join(sorted(set(dropped)))}.",
            )
        self.header = canonical
        present = {n for n in canonical if n}
        added: set[str] = set()
        for step in steps_for(self.version, self.plan.name):
            added |= set(step.adds) | set(step.renames.values())
        missing = [c for c in self.columns if c.name not in present and c.name not in added]
        for col in missing:
            if col.nullable:
                self._issue(
                    col.name, "", "missing_column", WARNING, f"Column {col.name} is missing; read as empty."
                )
            else:
                self.fatal = True
                self._issue(
                    col.name,
                    "",
                    "missing_column",
                    ERROR,
                    f"Required column {col.name} is missing; file not read.",
                )
        if self.version == FY2026:
            in_file = [n for n in canonical if n in self.names]
            if in_file != [n for n in self.names if n in in_file]:
                self._issue(
                    "", "", "column_order", WARNING, "Columns are not in the FY2026 order; read by name."
                )
        positions = {n: i for i, n in enumerate(canonical) if n}
        self.positions = [positions.get(n, -1) for n in self.names]
        # Dates in a non-ISO form are read day- or month-first as the rest of their column says.
        self.orders: list[DateOrder | None] = [
            DateOrder(scan(positions[n])) if k in (DATE, TIMESTAMP) and n in positions else None
            for n, k in zip(self.names, self.kinds, strict=True)
        ]
        self.active = [
            (i, self.positions[i], self.kinds[i], self.orders[i])
            for i in range(len(self.names))
            if self.legacy or self.positions[i] >= 0
        ]

    # --- rows --------------------------------------------------------------------------------

    def cells_for(self, row_no: int, cells: list[str]) -> list[str]:
        """The row's text per FY2026 column ("" where absent), after the version steps."""
        if not self.legacy:
            return cells
        raw = {name: cells[i] for i, name in enumerate(self.header) if name and i < len(cells)}
        self.notes.row = row_no
        migrated = migrate_row(self.version, self.plan.name, raw, self.notes, self.ctx)
        return [migrated.get(n, "") for n in self.names]

    def parse(self, row_no: int, cells: list[str], issues: list[Issue]) -> tuple[list[Any], set[int]]:
        """Values per FY2026 column, and the indexes of columns whose cell could not be read.

        ``cells`` come from cells_for(); problems are appended to ``issues``.
        """
        vals: list[Any] = [None] * len(self.names)
        bad: set[int] = set()
        legacy = self.legacy
        zone = self.zone
        for i, pos, kind, order in self.active:
            text = cells[i] if legacy else cells[pos]
            if text == "":
                continue
            if "\x00" in text:
                issues.append(
                    Issue(
                        self.filename, row_no, "", self.names[i], show(text), NUL_RULE, WARNING, NUL_MESSAGE
                    )
                )
                text = text.replace("\x00", "")
                if text == "":
                    continue
            if kind == STRING:
                vals[i] = text
                continue
            try:
                if kind == INT:
                    if text.isdigit() and text.isascii() and len(text) < 10:
                        vals[i] = int(text)
                        continue
                    vals[i] = _slow(parsing.parse_int, text)
                elif kind == DATE:
                    if len(text) == 10 and text[4] == "-" and text[7] == "-":
                        try:
                            vals[i] = date_from_iso(text)
                            continue
                        except ValueError:
                            pass
                    vals[i] = _slow(parsing.parse_date, text, order)
                elif kind == TIMESTAMP:
                    if len(text) == 19 and text[10] == " " and text[4] == "-" and text[13] == ":":
                        try:
                            vals[i] = datetime_from_iso(text).replace(tzinfo=zone)
                            continue
                        except ValueError:
                            pass
                    vals[i] = _slow(self.timestamp, text, order)
                else:
                    vals[i] = _slow(parsing.parse_money, text)
            except CellIssue as e:
                vals[i] = e.value
                if e.level == ERROR:
                    bad.add(i)
                issues.append(
                    Issue(self.filename, row_no, "", self.names[i], show(text), e.rule, e.level, e.message)
                )
        return vals, bad


def _slow(func: Callable[..., Any], text: str, *args: Any) -> Any:
    if text in parsing.NULL_WORDS:
        parsing.null_word(text)
    return func(text, *args)


def date_order_scan(values: list[str]) -> list[tuple[int, int]]:
    out = []
    for text in values:
        parts = parsing.us_date_parts(text)
        if parts:
            out.append(parts)
    return out


__all__ = ["FileParser", "date_order_scan"]
