"""hearth run_report: the same tables as the web pages, written as CSV files."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from hearth.reports.models import ReportRun

pytestmark = pytest.mark.django_db


def test_it_writes_one_csv_per_apr_table(tmp_path, two_agencies, capsys):
    project, _ = two_agencies
    call_command(
        "run_report", "apr", "--start", "2024-01-01", "--end", "2024-12-31", "--project", project.hud_id,
        "--out", str(tmp_path), "--zip",
    )  # fmt: skip
    assert (tmp_path / "Q5a.csv").read_text().splitlines()[1] == "Total number of persons served,2,2"
    assert (tmp_path / "Q27l.csv").exists() and (tmp_path / "apr.zip").exists()
    assert "2 clients, 71 tables written" in capsys.readouterr().out


@pytest.mark.parametrize(("kind", "files"), [("dq", 7), ("roster", 1), ("income", 5), ("details", 2)])
def test_it_runs_every_report_kind(tmp_path, two_agencies, kind, files):
    ids = [p.hud_id for p in two_agencies]
    call_command(
        "run_report", kind, "--start", "2024-01-01", "--end", "2024-12-31", "--project", ids[0], "--project", ids[1],
        "--out", str(tmp_path), "--discard",
    )  # fmt: skip
    assert len(list(tmp_path.glob("*.csv"))) == files
    assert not ReportRun.objects.exists()


def test_it_names_an_unknown_project(tmp_path, project):
    with pytest.raises(CommandError, match="No project with ProjectID 'nope'"):
        call_command(
            "run_report",
            "apr",
            "--start",
            "2024-01-01",
            "--end",
            "2024-12-31",
            "--project",
            "nope",
            "--out",
            str(tmp_path),
        )


def test_it_refuses_dates_in_the_wrong_order(tmp_path, project):
    with pytest.raises(CommandError, match="The end date is before the start date"):
        call_command(
            "run_report", "apr", "--start", "2024-12-31", "--end", "2024-01-01", "--project", project.hud_id,
            "--out", str(tmp_path),
        )  # fmt: skip
