"""Dates as day numbers (proleptic ordinals), turned into text once per distinct day.

The generator reasons in integers (entry day + stay length) and only formats at the end; a
lookup table of ISO strings keeps millions of rows from calling ``date.isoformat``.
"""

from __future__ import annotations

import datetime as dt

# Quarter hours of the working day, in UTC (07:00-16:45 in Los Angeles, before the next UTC day).
_WORK_TIMES = [f"{h:02d}:{m:02d}:00" for h in range(15, 24) for m in (0, 15, 30, 45)]


class Calendar:
    def __init__(self, today: dt.date, timestamp_suffix: str, years_back: int = 110) -> None:
        self.today = today.toordinal()
        self.first = self.today - 366 * years_back
        self._iso = [dt.date.fromordinal(o).isoformat() for o in range(self.first, self.today + 1)]
        self._suffix = timestamp_suffix
        self._times = [f" {t}{timestamp_suffix}" for t in _WORK_TIMES]

    def iso(self, day: int) -> str:
        return self._iso[day - self.first]

    def stamp(self, day: int, slot: int) -> str:
        """A timestamp on ``day`` during the working day (``slot`` is any non-negative number)."""
        return self._iso[day - self.first] + self._times[slot % len(self._times)]

    def date(self, day: int) -> dt.date:
        return dt.date.fromordinal(day)

    def years(self, born: int, on: int) -> int:
        """Age in whole years on day ``on``."""
        b, d = dt.date.fromordinal(born), dt.date.fromordinal(on)
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
