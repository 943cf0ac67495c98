"""Measure 1: length of time persons remain homeless (1a without, 1b with, the client's own
account of when their homelessness began, HUD element 3.917).

For each client, the nights homeless in the measure's projects up to the report end, with the nights
negated by a stay "further along" (TH, or PH after the housing move-in). The count runs back from
the client's last night (at most the report end) 365 nights, and further while the nights before are
unbroken, never before the Lookback Stop Date. Clients with no such night in the report period are
not counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.reports.spm.stays import ES, LOOKBACK_STOP, PH, SH, SO, TH, Stay, _days

DAY = dt.timedelta(days=1)
ES_SH = (*ES, SH)


@dataclass(frozen=True)
class Line:
    key: str
    types: tuple[int, ...]
    self_reported: bool  # 1b: 3.917 and PH nights before the move-in


LINES = {
    "1a": (Line("1a.1", ES_SH, False), Line("1a.2", (*ES_SH, TH), False)),
    "1b": (Line("1b.1", (*ES_SH, *PH), True), Line("1b.2", (*ES_SH, TH, *PH), True)),
}


@dataclass(frozen=True)
class Count:
    client_id: int
    nights: int
    first: dt.date
    last: dt.date


def literally_homeless_at_entry(stay: Stay) -> bool:
    if stay.project_type in (*ES, SH, SO):
        return True
    situation = stay.living_situation or 0
    if 100 <= situation < 200:
        return True
    # LOSUnderThreshold already carries the threshold of the situation (90 or 7 nights).
    return stay.los_under_threshold == 1 and stay.previous_street_essh == 1


def _housed(stay: Stay, end: dt.date) -> list[dt.date]:
    """Nights in permanent housing after the move-in: these negate homeless nights."""
    if stay.project_type not in PH or stay.move_in is None or stay.move_in > end:
        return []
    if stay.move_in < stay.entry:
        return []
    last = min(end, stay.exit - DAY) if stay.exit else end
    return _days(stay.move_in, last)


def _ph_counts_in_1b(stay: Stay, start: dt.date, end: dt.date) -> bool:
    if not literally_homeless_at_entry(stay):
        return False
    if start <= stay.entry <= end:
        return True
    if stay.move_in is not None and start <= stay.move_in <= end:
        return True
    return stay.move_in is None and stay.exit is not None and start <= stay.exit <= end


def _homeless_nights(stays: list[Stay], line: Line, start: dt.date, end: dt.date) -> set[dt.date]:
    nights: set[dt.date] = set()
    th_nights: set[dt.date] = set()
    housed: set[dt.date] = set()
    for stay in stays:
        housed.update(_housed(stay, end))
        if stay.project_type == TH:
            th_nights.update(stay.nights(end))
    for stay in stays:
        if stay.project_type not in line.types:
            continue
        if stay.project_type in PH:
            if not _ph_counts_in_1b(stay, start, end):
                continue
            until = min(end, stay.move_in - DAY) if stay.move_in and stay.move_in >= stay.entry else end
            nights.update(stay.nights(until))
        else:
            nights.update(stay.nights(end))
        if line.self_reported and stay.date_to_street and literally_homeless_at_entry(stay):
            first = max(stay.date_to_street, LOOKBACK_STOP)
            if first < stay.entry:
                nights.update(_days(first, min(stay.entry - DAY, end)))
    nights -= housed
    if TH not in line.types:
        nights -= th_nights
    return {night for night in nights if LOOKBACK_STOP <= night <= end}


def count_client(stays: list[Stay], line: Line, start: dt.date, end: dt.date) -> Count | None:
    nights = _homeless_nights(stays, line, start, end)
    if not any(start <= night for night in nights):
        return None
    last = max(nights)
    first = max(last - dt.timedelta(days=365), LOOKBACK_STOP)
    while first - DAY in nights and first - DAY >= LOOKBACK_STOP:
        first -= DAY
    counted = sum(1 for night in nights if first <= night <= last)
    return Count(stays[0].client_id, counted, first, last)
