"""Counting tables packed into shared groups (hearth.reports.evaluation._packed): which tables
share, and that a report counts the same with and without the packing."""

from __future__ import annotations

import pytest

from hearth.reports import evaluation
from hearth.reports.evaluation import PACKED_ATOMS, _packed
from hearth.reports.tests.helpers import D, enroll, person, project, run


def _atoms(first: int, n: int) -> tuple[str, ...]:
    """Columns as a table reads them: sorted by name."""
    return tuple(sorted(f"a{i}" for i in range(first, first + n)))


def test_it_packs_tables_of_the_same_dimensions():
    one, two, other = ("a1", "a2", "d0"), ("a2", "a3", "d0"), ("a1", "d5")
    packed = _packed([one, two, other])
    assert packed[one] == packed[two] == ("a1", "a2", "a3", "d0")
    assert packed[other] == other  # another dimension: its own groups


def test_it_keeps_a_pack_within_two_keys():
    wide, narrow = _atoms(0, PACKED_ATOMS - 5), _atoms(100, 10)
    too_wide = _atoms(200, PACKED_ATOMS + 1)
    packed = _packed([wide, narrow, too_wide])
    assert packed[wide] == wide and packed[narrow] == narrow
    assert too_wide not in packed  # keeps its own groups, as before


@pytest.mark.django_db
def test_it_counts_the_same_tables_with_and_without_packing(monkeypatch):
    shelter, psh = project(0), project(3)
    for n in range(12):
        adult = person(D(1960 + 3 * n, 1 + n % 12, 5), veteran_status=n % 2)
        enroll(adult, shelter, D(2024, 1 + n % 6, 3), household=f"S{n}",
               exit_on=D(2024, 8, 1) if n % 3 else None, destination=410 if n % 2 else 116)  # fmt: skip
        if n % 4 == 0:
            child = person(D(2015, 2, 2))
            enroll(child, shelter, D(2024, 1 + n % 6, 3), household=f"S{n}", rel=2)
        enroll(adult, psh, D(2024, 9, 1), household=f"P{n}", move_in_date=D(2024, 10, 1) if n % 2 else None)
    packed = run("apr", D(2024, 1, 1), D(2024, 12, 31), [shelter, psh]).tables()
    monkeypatch.setattr(evaluation, "_packed", lambda useds: {})
    unpacked = run("apr", D(2024, 1, 1), D(2024, 12, 31), [shelter, psh]).tables()
    assert [t["key"] for t in packed] == [t["key"] for t in unpacked]
    assert packed == unpacked
    assert any(cell not in (0, None, "") for t in packed for row in t["rows"] for cell in row["cells"])
