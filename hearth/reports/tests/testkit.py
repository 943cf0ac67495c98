"""Comparing Hearth's APR with HUD's expected tables for the FY2022 HMIS test kit.

The expected tables follow the FY2022 APR layout; the FY2026 tables that kept their definition are
compared cell by cell, mapping rows and columns where FY2026 moved them:

- Q5a gained a "Count of Clients" column: FY2022's single column is the DQ column (B).
- Q11's FY2022 age bands 55-61 and 62+ became 55-64 and 65+: the FY2022 bands are counted from the
  same universe rows (``FY2022_OLDER_AGES``), so every FY2022 cell is still checked.
- Q22a1 (and the CAPER's Q22a2 and Q22d) dropped FY2022's "Data Not Collected" row (a stay always
  has a length).
- Q6a-Q6c gained columns (don't know, missing, issues): FY2022's error count is the FY2026 total.
  Q6a's race, ethnicity and gender rows became one race and ethnicity row (not compared).
- Q6d gained the CE and SSO/day shelter/HP rows before the total; Q6e gained a "< 0 days" row.

An expected blank is a cell HUD left empty in FY2022; Hearth's FY2026 table may show 0 there.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

TESTKIT = Path(settings.BASE_DIR).parent / "shared" / "data" / "testkit-fy2022"
PROJECTS = {"psh_coc_1": "1552", "rrh_coc_1": "1554", "so_coc": "1565"}
START, END = "2020-10-01", "2021-09-30"

# FY2022 Q11 rows h and i, for the comparison above.
FY2022_OLDER_AGES = [Q(age__gte=55, age__lte=61), Q(age__gte=62)]


def expected(project: str, key: str, report: str = "apr") -> list[list[str]]:
    with open(TESTKIT / "expected" / report / project / f"{key}.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows if key == "Q5a" else rows[1:]


def _same(want: str, got: Any) -> bool:
    want = want.strip()
    if want == "":
        return got in (None, "", 0, "0")
    if got is None:
        return False
    try:
        return float(want) == float(got)
    except ValueError:
        return want == str(got)


# key -> {FY2022 row index: FY2026 row index}, {FY2022 column: FY2026 column} (None: same place).
MOVED: dict[str, tuple[dict[int, int] | None, dict[int, int] | None]] = {
    "Q6a": ({0: 0, 1: 1, 2: 2}, {0: 0, 1: 1, 2: 2, 3: 3, 4: 4}),
    "Q6b": (None, {0: 3, 1: 4}),
    "Q6c": (None, {0: 3, 1: 4}),
    "Q6d": ({0: 0, 1: 1, 2: 2, 3: 5}, None),
    "Q6e": ({i: i + 1 for i in range(5)}, None),
}


def mismatches(
    project: str,
    key: str,
    table: dict[str, Any],
    extra: dict[int, list[Any]] | None = None,
    report: str = "apr",
) -> list[str]:
    """Cells where Hearth's table differs from HUD's expected one, as readable strings."""
    want = expected(project, key, report)
    got = [row["cells"] for row in table["rows"]]
    pairs: list[tuple[str, str, Any]] = []
    if key == "Q5a":
        pairs = [(f"row {i + 1}", row[1], got[i][0]) for i, row in enumerate(want)]
    elif key == "Q11":
        for i, row in enumerate(want):
            ours = extra[i] if extra and i in extra else got[i if i < 7 else i]
            pairs += [(f"{row[0]} col {c + 1}", value, ours[c]) for c, value in enumerate(row[1:])]
    elif key in ("Q22a1", "Q22a2", "Q22d"):
        # FY2022's "Data Not Collected" row is gone (a stay always has a length): it must be 0,
        # and the rows after it move up one.
        gone = next(i for i, row in enumerate(want) if "Data Not Collected" in row[0])
        for i, row in enumerate(want):
            label = row[0]
            if i == gone:
                pairs += [(f"{label} col {c + 1}", value, 0) for c, value in enumerate(row[1:])]
                continue
            ours = got[i if i < gone else i - 1]
            pairs += [(f"{label} col {c + 1}", value, ours[c]) for c, value in enumerate(row[1:])]
    elif key in MOVED:
        rows, cols = MOVED[key]
        for i, row in enumerate(want):
            if rows is not None and i not in rows:
                continue
            ours = got[rows[i] if rows is not None else i]
            for c, value in enumerate(row[1:]):
                if cols is not None and c not in cols:
                    continue
                pairs.append((f"{row[0]} col {c + 1}", value, ours[cols[c] if cols is not None else c]))
    else:
        for i, row in enumerate(want):
            pairs += [(f"{row[0]} col {c + 1}", value, got[i][c]) for c, value in enumerate(row[1:])]
    return [f"{project} {key} {where}: HUD {w!r}, Hearth {g!r}" for where, w, g in pairs if not _same(w, g)]


@contextmanager
def kit_imported(django_db_blocker: Any) -> Iterator[None]:
    """The kit imported through the HMIS CSV importer, in a transaction rolled back at the end."""
    from hearth.hmis_csv.services import import_export

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            result = import_export(TESTKIT / "inputs")
            assert result.committed, result.report
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def assert_differs_only_where_documented(
    found: list[str], known_differences: dict[tuple[str, str, str], tuple[str, Any]], project: str, key: str
) -> None:
    """Each documented difference of the table is there with the values given, and no other."""
    known = {where: values for (p, k, where), values in known_differences.items() if (p, k) == (project, key)}
    assert len(found) == len(known), found
    for where, (hud, hearth) in known.items():
        assert any(f" {where}: HUD {hud!r}, Hearth {hearth!r}" in line for line in found), found
