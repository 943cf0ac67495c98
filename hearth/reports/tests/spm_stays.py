"""Building a client's SPM stays by hand, for the tests of each measure's steps."""

from __future__ import annotations

import datetime as dt
from itertools import count

from hearth.reports.spm.stays import Stay

_ids = count(1)


def stay(
    ptype: int,
    entry: str,
    exit_: str | None = None,
    destination: int | None = None,
    move_in: str | None = None,
) -> Stay:
    return Stay(
        enrollment_id=next(_ids), client_id=1, project_id=1, project_hud_id="P", project_type=ptype,
        entry=dt.date.fromisoformat(entry), exit=dt.date.fromisoformat(exit_) if exit_ else None,
        destination=destination, move_in=dt.date.fromisoformat(move_in) if move_in else None, living_situation=None, los_under_threshold=None,
        previous_street_essh=None, date_to_street=None, relationship=1, household_id="H",
    )  # fmt: skip
