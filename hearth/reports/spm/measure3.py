"""Measure 3.2: sheltered persons, unduplicated, in ES, SH and TH during the report period."""

from __future__ import annotations

import datetime as dt

from hearth.reports.spm.stays import ES, ES_NBN, SH, TH, Stay

ROWS = (("Unduplicated total sheltered homeless persons", (*ES, SH, TH)), ("Emergency Shelter", ES),
        ("Safe Haven", (SH,)), ("Transitional Housing", (TH,)))  # fmt: skip


def active(stay: Stay, start: dt.date, end: dt.date) -> bool:
    if stay.project_type == ES_NBN:
        return any(start <= night <= end for night in stay.bed_nights) and stay.entry <= end
    # A stay that ended on the report start counts: HUD's kit counts TH clients who left that day.
    return stay.entry <= end and (stay.exit is None or stay.exit >= start)


def sheltered(stays: list[Stay], types: tuple[int, ...], start: dt.date, end: dt.date) -> Stay | None:
    """The client's last stay of those types active in the period, or None."""
    found = [s for s in stays if s.project_type in types and active(s, start, end)]
    return found[-1] if found else None
