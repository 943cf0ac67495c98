"""Writing a run's tables: one CSV per table in HUD's layout (Q5a.csv, ...), zipped as HUD's CSV-APR
upload, and an Excel workbook with one sheet per table."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from hearth.core.spreadsheet import neutralise, neutralise_row


def table_rows(table: dict[str, Any]) -> list[list[Any]]:
    """The table as HUD lays it out: the header row, then each row's label and cells."""
    rows: list[list[Any]] = [list(table["header"])]
    for row in table["rows"]:
        rows.append([row["label"], *["" if value is None else value for value in row["cells"]]])
    return rows


def table_csv(table: dict[str, Any]) -> str:
    return _csv(table_rows(table))


def write_csvs(tables: Iterable[dict[str, Any]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table['key']}.csv"
        path.write_text(table_csv(table), encoding="utf-8")
        written.append(path)
    return written


def _csv(rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(
        neutralise_row(r) for r in rows
    )
    return out.getvalue()


def csv_zip(tables: Iterable[dict[str, Any]], *, extra: dict[str, list[list[Any]]] | None = None) -> bytes:
    """One CSV per table, and ``extra`` files (name: rows) as they are, such as HUD's HDX shells."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{table['key']}.csv", table_csv(table))
        for name, rows in (extra or {}).items():
            archive.writestr(name, _csv(rows))
    return buffer.getvalue()


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value


def workbook(tables: Iterable[dict[str, Any]], title: str) -> bytes:
    book = Workbook()
    contents = book.active
    contents.title = "Contents"
    contents.append([neutralise(title)])
    contents["A1"].font = Font(bold=True, size=14)
    contents.append([])
    contents.append(["Table", "Title"])
    for cell in contents[3]:
        cell.font = Font(bold=True)
    for table in tables:
        contents.append(neutralise_row([table["key"], table["title"]]))
        sheet = book.create_sheet(table["key"][:31])
        sheet.append([f"{table['key']}: {table['title']}"])
        sheet["A1"].font = Font(bold=True)
        for i, row in enumerate(table_rows(table)):
            sheet.append([neutralise(_number(value)) for value in row])
            if i == 0:
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 60
        if table.get("note"):
            sheet.append([])
            sheet.append([neutralise(table["note"])])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
