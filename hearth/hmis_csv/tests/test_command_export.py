"""hearth export_hmis_csv OUT --start --end."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.tests.builders import basic, read_csv, row, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    files = basic()
    files["Project"].append(row("Project", ProjectID="P2", ProjectName="Outreach", ProjectType="4"))
    import_export(write_export(tmp_path / "in", files))


def test_it_writes_the_export_and_prints_the_rows_of_each_file(imported, tmp_path, capsys):
    call_command("export_hmis_csv", str(tmp_path / "out"), "--start", "2023-10-01", "--end", "2024-09-30")
    out = capsys.readouterr().out
    assert "Client.csv" in out and "ExportID" in out
    _, clients = read_csv(tmp_path / "out" / "Client.csv")
    assert [c[0] for c in clients] == ["C1"]


def test_it_exports_the_projects_named(imported, tmp_path):
    call_command(
        "export_hmis_csv",
        str(tmp_path / "out"),
        "--start",
        "2023-10-01",
        "--end",
        "2024-09-30",
        "--project",
        "P2",
    )
    _, projects = read_csv(tmp_path / "out" / "Project.csv")
    assert [p[0] for p in projects] == ["P2"]


def test_it_hashes_and_writes_an_updated_period(imported, tmp_path):
    call_command(
        "export_hmis_csv",
        str(tmp_path / "out.zip"),
        "--start",
        "2024-01-01",
        "--end",
        "2024-01-31",
        "--period-type",
        "1",
        "--hashed",
    )
    assert (tmp_path / "out.zip").stat().st_size > 0


def test_it_refuses_an_unknown_project_or_a_bad_date(imported, tmp_path):
    with pytest.raises(CommandError, match="No project with ProjectID NOPE"):
        call_command(
            "export_hmis_csv",
            str(tmp_path / "o"),
            "--start",
            "2024-01-01",
            "--end",
            "2024-02-01",
            "--project",
            "NOPE",
        )
    with pytest.raises(CommandError, match="is not a date"):
        call_command("export_hmis_csv", str(tmp_path / "o"), "--start", "01/02/2024", "--end", "2024-02-01")
    with pytest.raises(CommandError, match="before --start"):
        call_command("export_hmis_csv", str(tmp_path / "o"), "--start", "2024-03-01", "--end", "2024-02-01")
