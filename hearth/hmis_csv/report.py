"""The validation report of an import: every problem with its file, row, column, value and rule.

Problems stream to a CSV file as they are found (an import of millions of rows may find millions
of problems); the first ones are also kept in memory for the web page and the command's summary,
and every problem is counted by file, rule and level.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from hearth.core.spreadsheet import neutralise_row
from hearth.hud.validation import ERROR, WARNING

REPORT_HEADER = ["file", "row", "record", "column", "value", "rule", "level", "message", "action"]
MAX_VALUE = 200
CELL_TOO_LARGE = "cell_too_large"
# Rules after which the rest of a file is unread: the import loads nothing, quarantine or not.
FATAL_RULES = frozenset({CELL_TOO_LARGE})

QUARANTINED = "quarantined"
REFUSED = "not loaded"


@dataclass(slots=True)
class Issue:
    file: str  # e.g. "Client.csv"
    row: int  # 1 is the header row; 0 for a problem with the whole file
    record: str  # the HUD identifier of the row's record, if it has one
    column: str
    value: str
    rule: str
    level: str  # "error" or "warning"
    message: str
    action: str = ""  # what happened to the record: quarantined, not loaded, or nothing

    def as_row(self) -> list[Any]:
        return [
            self.file,
            self.row,
            self.record,
            self.column,
            self.value,
            self.rule,
            self.level,
            self.message,
            self.action,
        ]


def show(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # A NUL byte is shown as the symbol for it: no database text column or spreadsheet keeps it.
    text = text[: MAX_VALUE + 1].replace("\x00", "\u2400")
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


class Report:
    def __init__(self, path: Path | None = None, keep: int = 100_000) -> None:
        self.path = path
        self.keep = keep
        self.kept: list[Issue] = []
        self.counts: Counter[tuple[str, str, str]] = Counter()  # (file, rule, level)
        self.errors = 0
        self.warnings = 0
        self._fh: IO[str] | None = None
        self._writer: Any = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115 - closed in close()
            self._writer = csv.writer(self._fh)
            self._writer.writerow(REPORT_HEADER)

    def add(self, issue: Issue) -> None:
        if issue.level == ERROR:
            self.errors += 1
        else:
            self.warnings += 1
        self.counts[(issue.file, issue.rule, issue.level)] += 1
        if len(self.kept) < self.keep:
            self.kept.append(issue)
        if self._writer is not None:
            self._writer.writerow(neutralise_row(issue.as_row()))

    def has_fatal(self) -> bool:
        """Whether a problem stopped a file from being read to its end (never loaded, in any mode)."""
        return any(rule in FATAL_RULES for (_file, rule, _level) in self.counts)

    def mark_all(self, action: str) -> None:
        """Give every error kept in memory an action (e.g. when an all-or-nothing import stops)."""
        for issue in self.kept:
            if issue.level == ERROR and not issue.action:
                issue.action = action

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    @property
    def truncated(self) -> bool:
        return self.errors + self.warnings > len(self.kept)

    def summary(self) -> list[tuple[str, str, str, int]]:
        """(file, rule, level, count), errors first."""
        return sorted(
            ((f, r, lvl, n) for (f, r, lvl), n in self.counts.items()),
            key=lambda t: (t[2] != ERROR, t[0], t[1]),
        )


__all__ = ["ERROR", "WARNING", "Issue", "Report", "QUARANTINED", "REFUSED", "show"]
