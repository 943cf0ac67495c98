"""The SPM on the reports pages: HUD's HDX tables with the previous year beside the current one, a
chart of each measure against the previous year, and the client detail behind every current-year
cell kept as rows (``SpmDetail``) for the drill-downs.

HUD's HDX shells put the previous federal year, the current one and their difference side by side
(1a: persons, average and median days; 3.2, 4.x, 5.x, 7.x: previous, current, difference). The
command line writes the shells as HUD's test kit holds them (current year only); the pages fill the
previous-year columns by running the same measures one year earlier. Measure 2 has no previous-year
columns in HUD's shell, so it has none here.

Stored tables use the reports' JSON layout (hearth.reports.tables.Table.as_json): cell ``c`` of row
``r`` is HDX column ``c + 1`` of HDX row ``r + 1``. Each cell's ``drill`` lists the HDX (row,
column) pairs of the detail behind it (empty when nothing is behind it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection

from hearth.reports.models import SpmDetail
from hearth.reports.spm.report import SpmReport

CURRENT, PREVIOUS = "Current FY", "Previous FY"
Cells = list[tuple[int, int]]


@dataclass(frozen=True)
class Shell:
    title: str
    header: list[str]  # the value columns, HDX columns 1...
    rows: list[str]
    # (current, previous, difference) HDX columns: filled from the previous year's run.
    compare: tuple[tuple[int, int, int | None], ...]
    drill: Callable[[int, int], Cells]  # HDX (row, column) -> the detail cells behind it
    chart_rows: tuple[int, ...] = ()  # stored rows charted previous against current (none: no chart)
    chart_metric: int = 0  # the compared metric charted (index into ``compare``)


def _persons_row(row: int, column: int) -> Cells:
    """1a and 1b: persons, their average and median nights all rest on the persons counted."""
    return [(row, 2)] if column in (2, 4, 7) else []


def _measure2(row: int, column: int) -> Cells:
    rows = range(1, 6) if row == 6 else (row,)  # the total row is every exit row
    if column == 1:
        wanted = [1]
    elif column in (2, 4, 6):
        wanted = [column]
    elif column in (3, 5, 7):
        wanted = [column - 1]
    elif column in (8, 9):
        wanted = [2, 4, 6]
    else:
        wanted = []
    return [(r, c) for r in rows for c in wanted]


def _current(row: int, column: int) -> Cells:
    return [(row, 2)] if column == 2 else []


def _rate(part_rows: tuple[int, ...]) -> Callable[[int, int], Cells]:
    """A measure whose last row is a percentage of the rows ``part_rows`` over row 1."""

    def drill(row: int, column: int) -> Cells:
        if column != 2:
            return []
        last = max(part_rows) + 1
        return [(r, 2) for r in part_rows] if row == last else [(row, 2)]

    return drill


_YEARS = ((2, 1, 3),)
_1_HEADER = [
    f"Persons, {PREVIOUS}",
    f"Persons, {CURRENT}",
    f"Average nights, {PREVIOUS}",
    f"Average nights, {CURRENT}",
    "Average, difference",
    f"Median nights, {PREVIOUS}",
    f"Median nights, {CURRENT}",
    "Median, difference",
]
_1_COMPARE = ((2, 1, None), (4, 3, 5), (7, 6, 8))
_YEAR_HEADER = [PREVIOUS, CURRENT, "Difference"]
_INCOME_ROWS = [
    "Adults in the universe",
    "Adults with increased income",
    "Percentage of adults who increased income",
]

SHELLS: dict[str, Shell] = {
    "1a": Shell(
        "Length of time persons remain homeless (ES, SH, TH)",
        _1_HEADER,
        ["Persons in ES-EE, ES-NbN and SH", "Persons in ES-EE, ES-NbN, SH and TH"],
        _1_COMPARE,
        _persons_row,
        chart_rows=(0, 1),
        chart_metric=1,
    ),
    "1b": Shell(
        "Length of time homeless, with the time before project start",
        _1_HEADER,
        ["Persons in ES-EE, ES-NbN, SH and PH", "Persons in ES-EE, ES-NbN, SH, TH and PH"],
        _1_COMPARE,
        _persons_row,
        chart_rows=(0, 1),
        chart_metric=1,
    ),
    "2": Shell(
        "Returns to homelessness after exits to permanent housing",
        [
            "Exits to permanent housing (2 years before)",
            "Returns in less than 6 months",
            "% returning in less than 6 months",
            "Returns in 6 to 12 months",
            "% returning in 6 to 12 months",
            "Returns in 13 to 24 months",
            "% returning in 13 to 24 months",
            "Returns in 2 years",
            "% returning in 2 years",
        ],
        [
            "Exit was from SO",
            "Exit was from ES",
            "Exit was from TH",
            "Exit was from SH",
            "Exit was from PH",
            "Total returns to homelessness",
        ],
        (),
        _measure2,
    ),
    "3.2": Shell(
        "Sheltered persons in HMIS over the year",
        _YEAR_HEADER,
        [
            "Unduplicated total sheltered homeless persons",
            "Emergency shelter total",
            "Safe haven total",
            "Transitional housing total",
        ],
        _YEARS,
        _current,
        chart_rows=(0, 1, 2, 3),
    ),
    **{
        key: Shell(
            title[0].upper() + title[1:],
            _YEAR_HEADER,
            _INCOME_ROWS,
            _YEARS,
            _rate((2,)),
            chart_rows=(2,),
        )
        for key, title in (
            ("4.1", "change in earned income for adult system stayers"),
            ("4.2", "change in non-employment cash income for adult system stayers"),
            ("4.3", "change in total income for adult system stayers"),
            ("4.4", "change in earned income for adult system leavers"),
            ("4.5", "change in non-employment cash income for adult system leavers"),
            ("4.6", "change in total income for adult system leavers"),
        )
    },
    "5.1": Shell(
        "Persons in ES, SH and TH with no prior enrollment in HMIS",
        _YEAR_HEADER,
        [
            "Persons with entries into ES-EE, ES-NbN, SH or TH in the year",
            "Of them, persons with entries in the 24 months before",
            "Persons experiencing homelessness for the first time",
        ],
        _YEARS,
        _current,
        chart_rows=(0, 2),
    ),
    "5.2": Shell(
        "Persons in ES, SH, TH and PH with no prior enrollment in HMIS",
        _YEAR_HEADER,
        [
            "Persons with entries into ES-EE, ES-NbN, SH, TH or PH in the year",
            "Of them, persons with entries in the 24 months before",
            "Persons experiencing homelessness for the first time",
        ],
        _YEARS,
        _current,
        chart_rows=(0, 2),
    ),
    "7a.1": Shell(
        "Exits from street outreach to successful destinations",
        _YEAR_HEADER,
        [
            "Persons who exit street outreach",
            "Of them, exits to temporary and some institutional destinations",
            "Of them, exits to permanent housing destinations",
            "% successful exits",
        ],
        _YEARS,
        _rate((2, 3)),
        chart_rows=(3,),
    ),
    "7b.1": Shell(
        "Exits from ES, SH, TH and PH-RRH to permanent housing",
        _YEAR_HEADER,
        [
            "Persons in ES, SH, TH and PH-RRH who exited",
            "Of them, exits to permanent housing destinations",
            "% successful exits",
        ],
        _YEARS,
        _rate((2,)),
        chart_rows=(2,),
    ),
    "7b.2": Shell(
        "Retention of or exits to permanent housing from PH other than RRH",
        _YEAR_HEADER,
        [
            "Persons in PH other than PH-RRH (stayers and leavers)",
            "Of them, remained in or exited to permanent housing destinations",
            "% successful exits or retention",
        ],
        _YEARS,
        _rate((2,)),
        chart_rows=(2,),
    ),
}


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (February 29 becomes February 28)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _value(text: Any) -> float | None:
    if text in (None, ""):
        return None
    try:
        return float(str(text).rstrip("%"))
    except ValueError:
        return None


def _difference(current: Any, previous: Any) -> str:
    now, before = _value(current), _value(previous)
    if now is None or before is None:
        return ""
    text = f"{now - before:.2f}".rstrip("0").rstrip(".")
    text = "0" if text in ("", "-0") else text
    return text + ("%" if str(current).endswith("%") else "")


def _hdx(report: SpmReport, previous: SpmReport | None, key: str) -> list[list[Any]]:
    """HUD's shell for ``key``, the previous-year and difference columns filled where HUD has them."""
    shell = SHELLS[key]
    width = len(shell.header) + 1
    rows = [list(row) + [""] * (width - len(row)) for row in report.tables[key]]
    before = previous.tables.get(key) if previous is not None else None
    for number, row in enumerate(rows[1:], start=1):
        for current, earlier, difference in shell.compare:
            if before is None or number >= len(before):
                continue
            row[earlier] = before[number][current] if current < len(before[number]) else ""
            if difference is not None:
                row[difference] = _difference(row[current], row[earlier])
    return rows


def hdx_tables(report: SpmReport, previous: SpmReport | None) -> dict[str, list[list[Any]]]:
    return {key: _hdx(report, previous, key) for key in SHELLS if key in report.tables}


def stored_tables(report: SpmReport, previous: SpmReport | None) -> list[dict[str, Any]]:
    """The run's tables, in the reports' JSON layout."""
    out = []
    previous_range = f"{year_before(report.start)} to {year_before(report.end)}"
    for key, hdx in hdx_tables(report, previous).items():
        shell = SHELLS[key]
        has_details = {(row[0], row[1]) for row in report.details.get(key, [])}
        rows = []
        for number, label in enumerate(shell.rows, start=1):
            values = hdx[number][1:] if number < len(hdx) else [""] * len(shell.header)
            drills = []
            for column in range(1, len(shell.header) + 1):
                cells = [cell for cell in shell.drill(number, column) if cell in has_details]
                drills.append([list(cell) for cell in cells])
            rows.append({"label": label, "cells": [v if v != "" else None for v in values], "drill": drills})
        note = ""
        if shell.compare:
            note = (
                f"{PREVIOUS}: the same measure over {previous_range}."
                if previous is not None
                else f"{PREVIOUS}: the CoC had no enrollment open over {previous_range}."
            )
        table: dict[str, Any] = {
            "key": key,
            "title": shell.title,
            "header": ["", *shell.header],
            "note": note,
            "chart": "compare" if shell.chart_rows and previous is not None and _charted(rows, shell) else "",
            "chart_rows": list(shell.chart_rows),
            "chart_column": 0,
            "rows": rows,
        }
        if table["chart"]:
            current, earlier, _ = shell.compare[shell.chart_metric]
            table["chart_series"] = [[earlier - 1, PREVIOUS], [current - 1, CURRENT]]
        out.append(table)
    return out


def _charted(rows: list[dict[str, Any]], shell: Shell) -> bool:
    """A chart only when one of its bars has a height: a chart of zeros says nothing."""
    current, earlier, _ = shell.compare[shell.chart_metric]
    return any(
        _value(rows[r]["cells"][c - 1]) for r in shell.chart_rows for c in (current, earlier) if r < len(rows)
    )


def _detail_rows(run_id: int, report: SpmReport) -> Iterator[tuple[Any, ...]]:
    for key, details in report.details.items():
        for row, column, personal_id, what, first, last in details:
            yield (
                run_id,
                key,
                row,
                column,
                report.clients[personal_id],
                personal_id,
                str(what)[:40],
                dt.date.fromisoformat(first) if first else None,
                dt.date.fromisoformat(last) if last else None,
            )


def save_details(run_id: int, report: SpmReport) -> int:
    """Write the detail behind every cell (COPY on PostgreSQL: there can be millions of rows)."""
    table = connection.ops.quote_name(SpmDetail._meta.db_table)
    columns = "run_id, table_key, row, column, client_id, personal_id, what, first_date, last_date"
    quoted = ", ".join(connection.ops.quote_name(c.strip()) for c in columns.split(","))
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for values in _detail_rows(run_id, report):
                    copy.write_row(values)
                    written += 1
            return written
        batch: list[tuple[Any, ...]] = []
        marks = ", ".join(["%s"] * 9)
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 - fixed names
        for values in _detail_rows(run_id, report):
            batch.append(values)
            if len(batch) >= 10_000:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written
