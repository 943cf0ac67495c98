"""Measure 5: persons who become homeless for the first time (no enrollment in the 24 months before).

5.1 counts the persons who entered ES, SH or TH during the report period; 5.2 those who entered ES,
SH, TH or PH. Each person is identified by their earliest such entry in the period (the
identification date) and is "not first time" when another enrollment of the look-back types (5.1:
ES, SH, TH, PH; 5.2: SO as well) began before that date and was open at some time in the 730 days
before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.reports.spm.stays import ES, PH, SH, SO, TH, Stay

METRICS = {
    "5.1": ((*ES, SH, TH), (*ES, SH, TH, *PH)),
    "5.2": ((*ES, SH, TH, *PH), (SO, *ES, SH, TH, *PH)),
}
LOOK_BACK = dt.timedelta(days=730)


@dataclass
class Entering:
    client_id: int
    entry: Stay
    prior: Stay | None  # the earlier enrollment that makes the person not first-time homeless


def count_client(stays: list[Stay], metric: str, start: dt.date, end: dt.date) -> Entering | None:
    universe_types, look_back_types = METRICS[metric]
    entries = [s for s in stays if s.project_type in universe_types and start <= s.entry <= end]
    if not entries:
        return None
    first = min(entries, key=lambda s: (s.entry, s.enrollment_id))
    since = first.entry - LOOK_BACK
    prior = [
        s
        for s in stays
        if s.enrollment_id != first.enrollment_id
        and s.project_type in look_back_types
        and s.entry < first.entry
        and (s.exit is None or s.exit >= since)
    ]
    return Entering(
        client_id=first.client_id, entry=first, prior=max(prior, key=lambda s: s.entry) if prior else None
    )
