"""Running the SPM for a CoC and writing HUD's HDX tables (``1a.csv``, ``3.2.csv``, ...) with the
client-level detail behind every cell (``1a.detail.csv``: who, in which cell, with which dates)."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hearth.clients.models import Client
from hearth.projects.models import ProjectCoC
from hearth.reports.spm import measure1, measure2, measure3, measure4, measure5, measure7
from hearth.reports.spm.stays import coc_project_ids, households_left_out, load_stays

DETAIL_HEADER = ["row", "column", "PersonalID", "EnrollmentID, nights or income", "first date", "last date"]


class SpmInputError(ValueError):
    """The report cannot run on what it was given; the message says what is wrong."""


@dataclass
class SpmReport:
    start: dt.date
    end: dt.date
    coc: str
    tables: dict[str, list[list[Any]]] = field(default_factory=dict)
    details: dict[str, list[list[Any]]] = field(default_factory=dict)
    # PersonalID -> the client's key: the pages' drill-downs check access by the client.
    clients: dict[str, int] = field(default_factory=dict)
    # Households of the CoC's projects left out by their client location (stays.households_left_out).
    left_out: dict[str, int] = field(default_factory=dict)

    def write(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for key, rows in self.tables.items():
            written.append(_write(folder / f"{key}.csv", rows))
            written.append(_write(folder / f"{key}.detail.csv", [DETAIL_HEADER, *self.details[key]]))
        return written


def _write(path: Path, rows: list[list[Any]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def _number(value: float) -> str:
    """HUD's figures: two decimals at most, no trailing zeros (231.82, 177, 177.5)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def run_spm(*, start: dt.date, end: dt.date, coc: str) -> SpmReport:
    if end < start:
        raise SpmInputError(f"The report end ({end}) is before its start ({start}).")
    if not coc or not ProjectCoC.objects.filter(coc_code=coc).exists():
        raise SpmInputError(f"No project is in CoC {coc!r}: check the CoC code (for example XX-500).")
    stays = load_stays(coc_project_ids(coc), end=end, coc=coc)
    if not any(s.entry <= end and (s.exit is None or s.exit >= start) for c in stays.values() for s in c):
        raise SpmInputError(
            f"CoC {coc} has no enrollment open between {start} and {end} of a household located in the"
            " CoC (the head of household's client location, 3.16): there is nothing to report."
        )
    report = SpmReport(start=start, end=end, coc=coc)
    report.left_out = households_left_out(coc_project_ids(coc), coc=coc, start=start, end=end)
    personal = dict(Client.objects.filter(pk__in=stays.keys()).values_list("pk", "hud_id"))
    report.clients = {hud_id: pk for pk, hud_id in personal.items()}
    _measure1(report, stays, personal)
    _measure2(report, stays, personal)
    _measure3(report, stays, personal)
    _measure4(report, measure4.load_inputs(coc_project_ids(coc), start, end, coc=coc))
    _measure5(report, stays, personal)
    _measure7(report, stays, personal)
    return report


def _measure1(report: SpmReport, stays: dict[int, list[Any]], personal: dict[int, str]) -> None:
    for key, lines in measure1.LINES.items():
        table: list[list[Any]] = [[""] * 9]
        detail: list[list[Any]] = []
        for number, line in enumerate(lines, start=1):
            counts = [
                c
                for c in (measure1.count_client(s, line, report.start, report.end) for s in stays.values())
                if c is not None
            ]
            nights = [c.nights for c in counts]
            average = _number(statistics.fmean(nights)) if nights else "0"
            median = _number(statistics.median(nights)) if nights else "0"
            table.append(["", "", len(counts), "", average, "", "", median, ""])
            detail += [
                [number, 2, personal[c.client_id], c.nights, c.first.isoformat(), c.last.isoformat()]
                for c in sorted(counts, key=lambda c: personal[c.client_id])
            ]
        report.tables[key] = table
        report.details[key] = detail


def _percent(part: int, whole: int) -> str:
    """HUD's percentages: two decimals at most, no leading zero (5.56%, .48%, 0%)."""
    if not whole or not part:
        return "0%"
    text = _number(100 * part / whole)
    return (text[1:] if text.startswith("0.") else text) + "%"


def _measure2(report: SpmReport, stays: dict[int, list[Any]], personal: dict[int, str]) -> None:
    counted = [
        c
        for c in (measure2.count_client(s, report.start, report.end) for s in stays.values())
        if c is not None
    ]
    table: list[list[Any]] = [[""] * 10]
    detail: list[list[Any]] = []
    for number in range(1, len(measure2.ROWS) + 2):
        here = [c for c in counted if number > len(measure2.ROWS) or c.row == number]
        bands = [sum(1 for c in here if c.band == band) for band in range(len(measure2.BANDS))]
        returns = sum(bands)
        row: list[Any] = ["", len(here)]
        for value in (*bands, returns):
            row += [value, _percent(value, len(here))]
        table.append(row)
        if number > len(measure2.ROWS):
            continue
        for c in sorted(here, key=lambda c: personal[c.client_id]):
            left = c.exit
            detail.append([number, 1, personal[c.client_id], left.enrollment_id, left.entry.isoformat(),
                           left.exit.isoformat() if left.exit else ""])  # fmt: skip
            if c.returned is not None and c.band is not None:
                back = c.returned
                detail.append([number, 2 + 2 * c.band, personal[c.client_id], back.enrollment_id,
                               back.entry.isoformat(), back.exit.isoformat() if back.exit else ""])  # fmt: skip
    report.tables["2"] = table
    report.details["2"] = detail


def _measure3(report: SpmReport, stays: dict[int, list[Any]], personal: dict[int, str]) -> None:
    table: list[list[Any]] = [[""] * 4]
    detail: list[list[Any]] = []
    for number, (_label, types) in enumerate(measure3.ROWS, start=1):
        found = [
            stay
            for stay in (measure3.sheltered(s, types, report.start, report.end) for s in stays.values())
            if stay is not None
        ]
        table.append(["", "", len(found), ""])
        detail += [
            [number, 2, personal[s.client_id], s.enrollment_id, s.entry.isoformat(),
             s.exit.isoformat() if s.exit else ""]
            for s in sorted(found, key=lambda s: personal[s.client_id])
        ]  # fmt: skip
    report.tables["3.2"] = table
    report.details["3.2"] = detail


def _measure4(report: SpmReport, inputs: measure4.Inputs) -> None:
    found = [
        c
        for c in (
            measure4.count_client(s, inputs.incomes, inputs.dobs.get(client), report.start, report.end)
            for client, s in inputs.stays.items()
        )
        if c is not None
    ]
    personal = dict(Client.objects.filter(pk__in={c.client_id for c in found}).values_list("pk", "hud_id"))
    report.clients.update({hud_id: pk for pk, hud_id in personal.items()})
    found.sort(key=lambda c: personal[c.client_id])
    for key, (kind, income) in measure4.METRICS.items():
        universe = [c for c in found if c.kind == kind]
        increased = [c for c in universe if c.increased(income)]
        report.tables[key] = [
            [""] * 3,
            ["", "", len(universe)],
            ["", "", len(increased)],
            ["", "", _percent(len(increased), len(universe))],
        ]
        detail = []
        for c in universe:
            detail.append(_detail_row(1, 2, personal, c.stay))
            if c.increased(income):
                # The two assessments compared: their amounts and dates.
                detail.append([2, 2, personal[c.client_id], _amounts(c, income),
                               c.earlier.date.isoformat() if c.earlier else "",
                               c.later.date.isoformat() if c.later else ""])  # fmt: skip
        report.details[key] = detail


def _amounts(change: measure4.Change, income: str) -> str:
    earlier = change.earlier.amount(income) if change.earlier else 0
    later = change.later.amount(income) if change.later else 0
    return f"{earlier:.2f} -> {later:.2f}"


def _detail_row(row: int, column: int, personal: dict[int, str], stay: Any) -> list[Any]:
    return [row, column, personal[stay.client_id], stay.enrollment_id, stay.entry.isoformat(),
            stay.exit.isoformat() if stay.exit else ""]  # fmt: skip


def _measure5(report: SpmReport, stays: dict[int, list[Any]], personal: dict[int, str]) -> None:
    for key in measure5.METRICS:
        found = [
            c for c in (measure5.count_client(s, key, report.start, report.end) for s in stays.values()) if c
        ]
        prior = [c for c in found if c.prior is not None]
        report.tables[key] = [
            [""] * 3,
            ["", "", len(found)],
            ["", "", len(prior)],
            ["", "", len(found) - len(prior)],
        ]
        detail = []
        for c in sorted(found, key=lambda c: personal[c.client_id]):
            detail.append(_detail_row(1, 2, personal, c.entry))
            if c.prior is not None:
                detail.append(_detail_row(2, 2, personal, c.prior))
            else:
                detail.append(_detail_row(3, 2, personal, c.entry))
        report.details[key] = detail


def _measure7(report: SpmReport, stays: dict[int, list[Any]], personal: dict[int, str]) -> None:
    metrics = (
        ("7a.1", measure7.street_outreach, {"temporary": 2, "permanent": 3}),
        ("7b.1", measure7.housing_exits, {"permanent": 2}),
        ("7b.2", measure7.housing_retention, {"permanent": 2, "stayer": 2}),
    )
    for key, pick, rows in metrics:
        found = [o for o in (pick(s, report.start, report.end) for s in stays.values()) if o is not None]
        counts = {row: sum(1 for o in found if rows.get(o.kind) == row) for row in set(rows.values())}
        table: list[list[Any]] = [[""] * 3, ["", "", len(found)]]
        table += [["", "", counts[row]] for row in sorted(counts)]
        table.append(["", "", _percent(sum(counts.values()), len(found))])
        report.tables[key] = table
        detail = []
        for o in sorted(found, key=lambda o: personal[o.client_id]):
            detail.append(_detail_row(1, 2, personal, o.stay))
            if o.kind in rows:
                detail.append(_detail_row(rows[o.kind], 2, personal, o.stay))
        report.details[key] = detail
