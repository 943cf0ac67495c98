"""Measure 7: successful placement from street outreach (7a.1) and in or retention of permanent
housing (7b.1, 7b.2).

- Leavers are the persons whose latest exit from the metric's project types falls in the report
  period and who are not still enrolled in one of those types at its end.
- Exits to five destinations are left out of every metric: HUD counts them neither as success nor
  as failure (hospital, foster care, long-term care, deceased, and the residential project or
  halfway house with no homeless criteria).
- 7a.1 (SO leavers): a success is an exit anywhere but a place not meant for habitation, jail or
  prison, or an unknown destination; row 2 counts the temporary and institutional ones, row 3 the
  permanent ones.
- 7b.1: leavers of ES, SH, TH and PH-RRH, and of other PH projects who left before moving in; a
  success is a permanent destination.
- 7b.2: persons in PH other than RRH who moved in: those still there at the report end, and leavers;
  a success is staying or leaving to a permanent destination.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.reports.apr.tables_stay import PERMANENT_POSITIVE
from hearth.reports.spm.stays import ES, SH, SO, TH, Stay

RRH = 13
PH_OTHER = (3, 9, 10)
EXCLUDED = frozenset({206, 215, 225, 24, 329})
UNSUCCESSFUL_FROM_STREET = frozenset({116, 207, 8, 9, 17, 30, 99})


@dataclass
class Outcome:
    client_id: int
    stay: Stay
    kind: str  # "permanent", "temporary" (7a.1: temporary or institutional), "stayer", "other"


def _open_at(stay: Stay, day: dt.date) -> bool:
    return stay.entry <= day and (stay.exit is None or stay.exit > day)


def _latest_leave(stays: list[Stay], start: dt.date, end: dt.date) -> Stay | None:
    if any(_open_at(s, end) for s in stays):
        return None
    left = [s for s in stays if s.exit is not None and start <= s.exit <= end]
    if not left:
        return None
    chosen = max(left, key=lambda s: (s.exit, s.entry, s.enrollment_id))
    return None if chosen.destination in EXCLUDED else chosen


def street_outreach(stays: list[Stay], start: dt.date, end: dt.date) -> Outcome | None:
    left = _latest_leave([s for s in stays if s.project_type == SO], start, end)
    if left is None:
        return None
    if left.destination in PERMANENT_POSITIVE:
        kind = "permanent"
    elif left.destination is not None and left.destination not in UNSUCCESSFUL_FROM_STREET:
        kind = "temporary"
    else:
        kind = "other"
    return Outcome(client_id=left.client_id, stay=left, kind=kind)


def housing_exits(stays: list[Stay], start: dt.date, end: dt.date) -> Outcome | None:
    """7b.1: leavers of ES, SH, TH, RRH, and of other PH before moving in."""
    relevant = [
        s
        for s in stays
        if s.project_type in (*ES, SH, TH, RRH)
        or (s.project_type in PH_OTHER and (s.move_in is None or (s.exit is not None and s.move_in > s.exit)))
    ]
    left = _latest_leave(relevant, start, end)
    if left is None:
        return None
    kind = "permanent" if left.destination in PERMANENT_POSITIVE else "other"
    return Outcome(client_id=left.client_id, stay=left, kind=kind)


def housing_retention(stays: list[Stay], start: dt.date, end: dt.date) -> Outcome | None:
    """7b.2: in PH other than RRH after moving in, during the period."""
    housed = [
        s
        for s in stays
        if s.project_type in PH_OTHER
        and s.move_in is not None
        and s.move_in <= end
        and (s.exit is None or s.exit >= s.move_in)
        and s.entry <= end
        and (s.exit is None or s.exit >= start)
    ]
    staying = [s for s in housed if _open_at(s, end)]
    if staying:
        return Outcome(
            client_id=staying[0].client_id, stay=max(staying, key=lambda s: s.entry), kind="stayer"
        )
    left = _latest_leave(housed, start, end)
    if left is None:
        return None
    kind = "permanent" if left.destination in PERMANENT_POSITIVE else "other"
    return Outcome(client_id=left.client_id, stay=left, kind=kind)
