"""NUL bytes and huge cells in an HMIS CSV file: named by file, row and column, never a crash.

PostgreSQL cannot store a NUL (byte 0) in a text column; SQLite would keep it silently. Neither is
acceptable, so the importer removes it and says where it was.
"""

from __future__ import annotations

import pytest

from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.tests.builders import basic, write_export

pytestmark = pytest.mark.django_db


def _nul_issues(result):
    return [i for i in result.report.kept if i.rule == "nul_byte"]


@pytest.mark.parametrize("mode", ["strict", "quarantine"])
def test_it_removes_a_nul_byte_from_a_name_and_says_where_it_was(tmp_path, mode):
    files = basic()
    files["Client"][0]["FirstName"] = "An\x00n"
    result = import_export(
        write_export(tmp_path / "x", files), **({"mode": mode} if mode != "strict" else {})
    )
    assert result.committed
    assert Client.objects.get(hud_id="C1").first_name == "Ann"
    [issue] = _nul_issues(result)
    assert (issue.file, issue.row, issue.column, issue.level) == ("Client.csv", 2, "FirstName", "warning")
    assert "\x00" not in issue.value


def test_it_reads_a_date_or_key_around_a_nul_byte_and_says_where_it_was(tmp_path):
    files = basic()
    files["Enrollment"][0]["EntryDate"] = "2024-01-0\x001"
    files["Enrollment"][0]["EnrollmentID"] = "N\x001"
    files["Exit"][0]["EnrollmentID"] = "N1"
    result = import_export(write_export(tmp_path / "x", files))
    assert result.committed
    enrollment = Enrollment.objects.get()
    assert (enrollment.hud_id, enrollment.entry_date.isoformat()) == ("N1", "2024-01-01")
    assert sorted((i.file, i.row, i.column) for i in _nul_issues(result)) == [
        ("Enrollment.csv", 2, "EnrollmentID"),
        ("Enrollment.csv", 2, "EntryDate"),
    ]
    assert all("\x00" not in (i.value or "") for i in result.report.kept)


def test_it_names_the_cell_of_a_field_over_the_size_limit(tmp_path, settings):
    files = basic()
    folder = write_export(tmp_path / "x", files)
    path = folder / "Client.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines()
    huge = '"' + "x" * (17 * 1024 * 1024) + '"'
    cells = first.split(",")
    cells[header.split(",").index("FirstName")] = huge
    path.write_text("\n".join([header, ",".join(cells), *rest]) + "\n", encoding="utf-8")
    result = import_export(folder)
    assert not result.committed
    problem = [i for i in result.report.kept if i.level == "error"][0]  # the others follow from it
    assert (problem.file, problem.row, problem.rule) == ("Client.csv", 2, "cell_too_large")
    assert "16 MiB" in problem.message
    assert not Client.objects.exists()


def test_it_loads_nothing_of_a_file_cut_short_even_in_quarantine(tmp_path):
    files = basic()
    folder = write_export(tmp_path / "x", files)
    path = folder / "Client.csv"
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    # A quotation mark never closed swallows the rest of the file into one cell.
    path.write_text("\n".join([header, first, 'C9,"' + "y" * (17 * 1024 * 1024)]) + "\n", encoding="utf-8")
    result = import_export(folder, mode="quarantine")
    assert not result.committed
    assert not Client.objects.exists()
