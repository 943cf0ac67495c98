"""Duplicate keys are found exactly although large files keep only each ID's hash (SeenIds)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hearth.clients.models import Client
from hearth.hmis_csv import checks
from hearth.hmis_csv.checks import SeenIds
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.tests.builders import basic, row, write_export

pytestmark = pytest.mark.django_db


def test_it_tells_a_repeated_id_from_a_shared_hash(monkeypatch):
    monkeypatch.setattr(checks, "hash", lambda text: 7, raising=False)  # every ID has one hash
    rows = {"A": 2, "B": 3}
    seen = SeenIds(lambda upto: {k: v for k, v in rows.items() if v < upto})
    seen.add("A", 2)
    assert seen.maybe("B")  # the hash repeats...
    assert seen.first("B", 3) is None  # ...but B is new
    seen.add("B", 3)
    assert seen.first("A", 4) == 2
    assert seen.maybe("A") and not seen.maybe("C")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=4), max_size=80))
def test_it_answers_as_a_dictionary_would(ids):
    """Whatever the IDs and however many moved to the sorted array, each row gets the answer
    an exact dictionary gives."""
    rows = {}
    for row_no, hud_id in enumerate(ids, start=2):
        rows.setdefault(hud_id, row_no)
    SeenIds.MERGE = 3  # hashes move to the array (and bitmap) every three new IDs
    try:
        seen = SeenIds(lambda upto: {k: v for k, v in rows.items() if v < upto})
        reference: dict[str, int] = {}
        for row_no, hud_id in enumerate(ids, start=2):
            assert seen.maybe(hud_id) or hud_id not in reference
            assert seen.first(hud_id, row_no) == reference.get(hud_id)
            if hud_id not in reference:
                seen.add(hud_id, row_no)
                reference[hud_id] = row_no
    finally:
        SeenIds.MERGE = 100_000


def test_it_keeps_only_hashes_while_no_id_repeats(monkeypatch):
    monkeypatch.setattr(SeenIds, "MERGE", 10)
    seen = SeenIds(lambda upto: pytest.fail("no ID repeats, nothing is read again"))
    for n in range(1000):
        assert seen.first(f"ID{n}", n + 2) is None
        seen.add(f"ID{n}", n + 2)
    assert seen.exact is None and len(seen.older) == 1000
    assert seen.maybe("ID500") and not seen.maybe("ID1000")


def test_it_keeps_an_exact_dictionary_when_it_cannot_read_again():
    seen = SeenIds(None)
    assert seen.first("A", 2) is None
    seen.add("A", 2)
    assert seen.first("A", 3) == 2 and seen.exact == {"A": 2}


def test_it_names_the_first_row_after_blank_and_short_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(checks, "hash", lambda text: 7, raising=False)
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2"))
    files["Client"].append(row("Client", FirstName="Other"))  # C1 again, on row 6 (see below)
    folder = write_export(tmp_path / "x", files)
    lines = (folder / "Client.csv").read_text().splitlines(keepends=True)
    # Row 3 is blank and row 4 too short: neither counts as an ID seen, both count as rows.
    lines[2:2] = ["\r\n", "C9,Short\r\n"]
    (folder / "Client.csv").write_text("".join(lines))
    result = import_export(folder, mode="quarantine")
    [dup] = [i for i in result.report.kept if i.rule == "duplicate_key"]
    assert (dup.file, dup.row, dup.record) == ("Client.csv", 6, "C1")
    assert "row 2" in dup.message
    assert set(Client.objects.values_list("hud_id", flat=True)) == {"C1", "C2"}
