"""Comparing an export with the files it was imported from, cell by cell.

The normalisations an export makes on purpose (docs/hmis-csv.md, "Round trip") are applied to the
expected side here, each with its reason; anything else that differs is a failure.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hearth.hmis_csv.tests.builders import read_csv
from hearth.hud.spec import FILES


def differences(exported: Path, source: Path, export_id: str) -> list[str]:
    """Every difference between the exported files and the source export's files."""
    problems: list[str] = []
    _, source_export = read_csv(source / "Export.csv")
    end = source_export[0][11]  # ExportEndDate
    for name, hud_file in FILES.items():
        header, rows = read_csv(exported / hud_file.filename)
        if header != hud_file.header:
            problems.append(f"{name}: header is not the FY2026 header")
        export_col = header.index("ExportID")
        if any(r[export_col] != export_id for r in rows):
            problems.append(f"{name}: an ExportID other than {export_id}")
        if name == "Export":
            continue  # Export.csv describes the new export (normalisation 1)
        source_header, source_rows = read_csv(source / hud_file.filename)
        # Column names are matched without regard to case (normalisation 2: Exit's WorkPlaceViolenceThreats).
        position = {h.lower(): i for i, h in enumerate(source_header)}
        expected = {}
        for r in source_rows:
            cells = {c: r[position[c.lower()]] for c in header if c != "ExportID"}
            # An exit after the end of a reporting period stays out (normalisation 3); every other
            # record of an exported enrollment is kept whatever its date.
            if name == "Exit" and cells["ExitDate"] > end:
                continue
            expected[cells[header[0]]] = cells
        got = {r[0]: {c: r[i] for i, c in enumerate(header) if c != "ExportID"} for r in rows}
        missing = sorted(set(expected) - set(got))
        if name == "User":
            # Only the users some exported record names are exported (normalisation 4).
            named = _user_ids(exported)
            assert not set(got) - named, "User.csv has a user no exported record names"
            missing = [u for u in missing if u in named]
        if missing:
            problems.append(f"{name}: {len(missing)} records missing, e.g. {missing[:3]}")
        extra = sorted(set(got) - set(expected))
        if name == "User":
            # User.csv gains the UserIDs the records name that the source's User.csv lacked (normalisation 4).
            named = _user_ids(exported)
            extra = [u for u in extra if u not in named]
        if extra:
            problems.append(f"{name}: {len(extra)} unexpected records, e.g. {extra[:3]}")
        for key in sorted(set(expected) & set(got)):
            for column, value in expected[key].items():
                if got[key][column] != value:
                    problems.append(f"{name} {key} {column}: {value!r} became {got[key][column]!r}")
    return problems


def _user_ids(folder: Path) -> set[str]:
    named: set[str] = set()
    for name, hud_file in FILES.items():
        if name in ("User", "Export"):
            continue
        header, rows = read_csv(folder / hud_file.filename)
        index = header.index("UserID")
        named |= {r[index] for r in rows}
    return named


def period(source: Path) -> tuple[dt.date, dt.date]:
    _, rows = read_csv(source / "Export.csv")
    return dt.date.fromisoformat(rows[0][10]), dt.date.fromisoformat(rows[0][11])
