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

from hearth.reports.spm.stays import ES, ES_NBN, LOOKBACK_STOP, PH, SH, SO, TH, Stay

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


# Nights are day ordinals (date.toordinal()) in sets, and a run of nights is a range of them: a
# client's history reaches back to the Lookback Stop Date, and a CoC has hundreds of thousands of
# clients, so building date objects night by night is what would make the measure slow.
STOP = LOOKBACK_STOP.toordinal()


def _span(first: dt.date, last: dt.date) -> range:
    """The nights from ``first`` to ``last`` (both included), never before the Lookback Stop Date."""
    return range(max(first.toordinal(), STOP), last.toordinal() + 1)


def _stay_nights(stay: Stay, until: dt.date) -> range | set[int]:
    """The nights spent in the project up to ``until``: the exit day is not a night there."""
    last = min(until, stay.exit - DAY) if stay.exit else until
    if stay.project_type == ES_NBN:
        return {n.toordinal() for n in stay.bed_nights if stay.entry <= n <= last and n >= LOOKBACK_STOP}
    return _span(stay.entry, last)


def _housed(stay: Stay, end: dt.date) -> range:
    """Nights in permanent housing after the move-in: these negate homeless nights."""
    if stay.project_type not in PH or stay.move_in is None or stay.move_in > end:
        return range(0)
    if stay.move_in < stay.entry:
        return range(0)
    last = min(end, stay.exit - DAY) if stay.exit else end
    return _span(stay.move_in, last)


def _ph_counts_in_1b(stay: Stay, start: dt.date, end: dt.date) -> bool:
    if not literally_homeless_at_entry(stay):
        return False
    if start <= stay.entry <= end:
        return True
    if stay.move_in is not None and start <= stay.move_in <= end:
        return True
    return stay.move_in is None and stay.exit is not None and start <= stay.exit <= end


def _homeless_nights(stays: list[Stay], line: Line, start: dt.date, end: dt.date) -> set[int]:
    nights: set[int] = set()
    th_nights: set[int] = set()
    housed: set[int] = set()
    for stay in stays:
        housed.update(_housed(stay, end))
        if stay.project_type == TH:
            th_nights.update(_stay_nights(stay, end))
    for stay in stays:
        if stay.project_type not in line.types:
            continue
        if stay.project_type in PH:
            if not _ph_counts_in_1b(stay, start, end):
                continue
            until = min(end, stay.move_in - DAY) if stay.move_in and stay.move_in >= stay.entry else end
            nights.update(_stay_nights(stay, until))
        else:
            nights.update(_stay_nights(stay, end))
        if line.self_reported and stay.date_to_street and literally_homeless_at_entry(stay):
            first = max(stay.date_to_street, LOOKBACK_STOP)
            if first < stay.entry:
                nights.update(_span(first, min(stay.entry - DAY, end)))
    nights -= housed
    if TH not in line.types:
        nights -= th_nights
    return nights


def count_client(stays: list[Stay], line: Line, start: dt.date, end: dt.date) -> Count | None:
    # Only a stay of the line's types that had not ended by the report start can give a night in
    # the period (its nights, and the 3.917 nights before its entry); housing and TH nights only
    # take nights away. Without one the client is not counted, and nothing need be built.
    if not any(s.project_type in line.types and (s.exit is None or s.exit > start) for s in stays):
        return None
    nights = _homeless_nights(stays, line, start, end)
    if not nights:
        return None
    last = max(nights)
    if last < start.toordinal():
        return None
    first = max(last - 365, STOP)
    while first - 1 in nights and first - 1 >= STOP:
        first -= 1
    counted = len(nights.intersection(range(first, last + 1)))
    return Count(stays[0].client_id, counted, dt.date.fromordinal(first), dt.date.fromordinal(last))
