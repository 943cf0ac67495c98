"""The tables only the ESG CAPER has: Q22a2 and Q22d (length of participation in ESG projects, in
the finer bands ESG reports, by leaver/stayer and by household type) and Q24 (homelessness
prevention housing assessment at exit, which the APR numbers Q24a).

Gender (Q10) has no table since FY2026 removed element 3.06; race and ethnicity is the APR's Q12.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from hearth.reports.apr import tables_stay
from hearth.reports.apr.filters import ALL, HH, HH_COLUMNS, LEAVER, STAYER
from hearth.reports.apr.tables_stay import LOP_CUTS, participation_q
from hearth.reports.tables import Table, grid

# ESG's bands split the APR's "30 days or less" into weeks: an ESG shelter stay is short.
ESG_LOP_CUTS: list[tuple[str, int | None, int | None]] = [
    ("0 to 7 days", 0, 7),
    ("8 to 14 days", 8, 14),
    ("15 to 21 days", 15, 21),
    ("22 to 30 days", 22, 30),
    *LOP_CUTS[1:],  # from 31 days on, the APR's bands
]


def _lop_rows() -> list[tuple[str, Any]]:
    # Days in the project (exit or report end), or bed nights in a night-by-night shelter, as the
    # APR's Q22a1 counts them.
    return [*((label, participation_q(low or 0, high)) for label, low, high in ESG_LOP_CUTS), ("Total", ALL)]


def q22a2(run: Any) -> Table:
    return Table(
        "Q22a2",
        "Length of Participation - ESG Projects",
        [" ", "Total", "Leavers", "Stayers"],
        grid(_lop_rows(), [ALL, LEAVER, STAYER]),
        chart="bar",
        chart_rows=tuple(range(len(ESG_LOP_CUTS))),
    )


def q22d(run: Any) -> Table:
    return Table(
        "Q22d",
        "Length of Participation by Household Type",
        ["Length of stay", *HH_COLUMNS],
        grid(_lop_rows(), HH),
    )


def q24(run: Any) -> Table:
    return dataclasses.replace(tables_stay.q24a(run), key="Q24")
