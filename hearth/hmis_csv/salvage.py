"""Keeping the person when one client field is impossible (quarantine mode).

A Client.csv row whose only errors are in its DOB (a date in the future, or a cell that is not a
date) still describes someone who was served; leaving the whole record out would also leave out
every enrollment of theirs. The row loads with DOB empty and DOBDataQuality 99 (data not
collected), and each error becomes a warning naming file, row and column. A row with any other
error (no PersonalID, a broken key, a bad code) is left whole to quarantine.
"""

from __future__ import annotations

from typing import Any

from hearth.hmis_csv.report import Issue
from hearth.hud.validation import ERROR, WARNING

DATA_NOT_COLLECTED = 99
# Client fields that may be emptied, each with the data-quality field that then says why.
SALVAGEABLE = {"DOB": "DOBDataQuality"}
EMPTIED = "field emptied"  # the action the report shows


def keep_the_person(index: dict[str, int], vals: list[Any], issues: list[Issue]) -> bool:
    """Empty the impossible fields of a client row when they are its only errors; True if done."""
    errors = [i for i in issues if i.level == ERROR]
    if not errors or any(i.column not in SALVAGEABLE for i in errors):
        return False
    for column in {i.column for i in errors}:
        vals[index[column]] = None
        vals[index[SALVAGEABLE[column]]] = DATA_NOT_COLLECTED
    for issue in errors:
        issue.level = WARNING
        issue.action = EMPTIED
        issue.message = (
            f"{issue.message} Loaded with {issue.column} empty and "
            f"{SALVAGEABLE[issue.column]} {DATA_NOT_COLLECTED} (data not collected)."
        )
    return True
