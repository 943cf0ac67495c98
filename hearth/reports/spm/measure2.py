"""Measure 2: returns to homelessness within two years of an exit to permanent housing.

HUD's steps, as the SPM programming specifications give them:

1. The universe: clients who exited a Street Outreach, Emergency Shelter, Transitional Housing,
   Safe Haven or Permanent Housing project to a permanent destination between two years before
   the report start and two years before the report end. Each client counts once, with the
   earliest such exit ("the exit"); the row is that exit's project type.
2. The return: the client's first enrollment in SO, ES, TH, SH or PH that began on or after the
   exit date and within 730 days of it. A TH or PH enrollment is a return only when it began more
   than 14 days after the exit and more than 14 days after the exit of every TH or PH enrollment
   entered in between that way: a move from one housing project to another is not a return.
3. The return is counted by the days from the exit to its start: 0-180 (under 6 months),
   181-365 (6 to 12 months), 366-730 (13 to 24 months).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hearth.reports.apr.tables_stay import PERMANENT_POSITIVE
from hearth.reports.spm.stays import ES, PH, SH, SO, TH, Stay

ROWS = (("Exit was from SO", (SO,)), ("Exit was from ES", ES), ("Exit was from TH", (TH,)),
        ("Exit was from SH", (SH,)), ("Exit was from PH", PH))  # fmt: skip
RETURN_TYPES = (SO, *ES, TH, SH, *PH)
LOOK_BACK = dt.timedelta(days=730)
PH_GAP = dt.timedelta(days=14)
TRANSFER_TYPES = (TH, *PH)  # entered within PH_GAP of leaving: a transfer, not a return
# (first day, last day) after the exit of each return band: the HDX columns 2/3, 4/5, 6/7.
BANDS = ((0, 180), (181, 365), (366, 730))


@dataclass
class ExitToPh:
    client_id: int
    exit: Stay
    row: int  # 1-5: the exit's project type row
    returned: Stay | None
    band: int | None  # 0, 1, 2: the return band; None without a return


def _row(stay: Stay) -> int:
    return next(number for number, (_label, types) in enumerate(ROWS, start=1) if stay.project_type in types)


def _first_exit(stays: list[Stay], start: dt.date, end: dt.date) -> Stay | None:
    window = (start - LOOK_BACK, end - LOOK_BACK)
    exits = [
        s
        for s in stays
        if s.project_type in RETURN_TYPES
        and s.exit is not None
        and window[0] <= s.exit <= window[1]
        and s.destination in PERMANENT_POSITIVE
    ]
    return min(exits, key=lambda s: (s.exit, s.entry, s.enrollment_id)) if exits else None


def _first_return(stays: list[Stay], left: Stay) -> Stay | None:
    assert left.exit is not None
    last_ph_exit: dt.date = left.exit
    housed = False  # in a TH or PH enrollment entered as a transfer, with no exit yet
    for stay in sorted(stays, key=lambda s: (s.entry, s.enrollment_id)):
        if stay.enrollment_id == left.enrollment_id or stay.project_type not in RETURN_TYPES:
            continue
        if stay.entry < left.exit:
            continue
        if stay.entry > left.exit + LOOK_BACK:
            break
        if stay.project_type in TRANSFER_TYPES and (housed or stay.entry <= last_ph_exit + PH_GAP):
            # Housed again within two weeks: a transfer; its own exit moves the two weeks on.
            if stay.exit is None:
                housed = True
            else:
                last_ph_exit = max(last_ph_exit, stay.exit)
            continue
        return stay
    return None


def count_client(stays: list[Stay], start: dt.date, end: dt.date) -> ExitToPh | None:
    left = _first_exit(stays, start, end)
    if left is None:
        return None
    assert left.exit is not None
    returned = _first_return(stays, left)
    band = None
    if returned is not None:
        days = (returned.entry - left.exit).days
        band = next(i for i, (low, high) in enumerate(BANDS) if low <= days <= high)
    return ExitToPh(client_id=left.client_id, exit=left, row=_row(left), returned=returned, band=band)
