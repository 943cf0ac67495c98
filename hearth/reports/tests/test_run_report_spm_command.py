"""hearth run_report spm: HUD's HDX tables for a whole CoC, with the client detail behind them."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from hearth.reports.tests.helpers import D, enroll, person
from hearth.testing import factories

pytestmark = pytest.mark.django_db


def _spm(tmp_path, *, start="2024-01-01", end="2024-12-31", coc="CA-600"):
    call_command("run_report", "spm", "--start", start, "--end", end, "--coc", coc, "--out", str(tmp_path))


@pytest.fixture
def sheltered(project):
    factories.ProjectCoCFactory(project=project, data_source=project.data_source, coc_code="CA-600")
    enroll(
        person(D(1980, 1, 1), owner_organization=project.organization), project, D(2024, 2, 1), household="S0"
    )
    return project


def test_it_writes_the_hdx_tables_and_their_detail(tmp_path, sheltered, capsys):
    _spm(tmp_path)
    assert (tmp_path / "3.2.csv").read_text().splitlines()[1] == ",,1,"
    detail = (tmp_path / "3.2.detail.csv").read_text().splitlines()
    assert detail[1].startswith("1,2,") and detail[1].endswith(",2024-02-01,")
    assert (tmp_path / "1a.csv").exists() and (tmp_path / "1b.detail.csv").exists()
    assert "System Performance Measures for CA-600" in capsys.readouterr().out


def test_it_says_which_households_it_leaves_out_by_their_location(tmp_path, sheltered, capsys):
    enroll(person(D(1982, 3, 3)), sheltered, D(2024, 4, 1), household="E0", enrollment_coc="CA-601")
    _spm(tmp_path)
    assert (tmp_path / "3.2.csv").read_text().splitlines()[1] == ",,1,"  # still the one
    assert "left out, as HUD's client location (3.16" in capsys.readouterr().out


def test_it_refuses_an_end_before_the_start(tmp_path, sheltered):
    with pytest.raises(CommandError, match=r"end \(2024-01-01\) is before its start"):
        _spm(tmp_path, start="2024-12-31", end="2024-01-01")


def test_it_names_an_unknown_coc(tmp_path, sheltered):
    with pytest.raises(CommandError, match="No project is in CoC 'ZZ-999'"):
        _spm(tmp_path, coc="ZZ-999")


def test_it_says_when_the_period_has_no_data(tmp_path, sheltered):
    with pytest.raises(CommandError, match="no enrollment open between 2010-01-01 and 2010-12-31"):
        _spm(tmp_path, start="2010-01-01", end="2010-12-31")
    assert not list(tmp_path.glob("*.csv"))


def test_it_fills_the_previous_year_columns_when_asked(tmp_path, sheltered, capsys):
    # A second stay in the year before: 3.2 counts one person then and one now.
    enroll(
        person(D(1975, 5, 5), owner_organization=sheltered.organization), sheltered, D(2023, 3, 1),
        household="S1", exit_on=D(2023, 6, 1),
    )  # fmt: skip
    plain = tmp_path / "plain"
    _spm(plain)
    call_command(
        "run_report", "spm", "--start", "2024-01-01", "--end", "2024-12-31", "--coc", "CA-600",
        "--out", str(tmp_path / "compared"), "--previous-year",
    )  # fmt: skip
    rows = (tmp_path / "compared" / "3.2.csv").read_text().splitlines()
    # Previous FY, current FY, difference; the current year's figure as without the flag.
    assert rows[1] == ",1,1,0"
    assert rows[1].split(",")[2] == (plain / "3.2.csv").read_text().splitlines()[1].split(",")[2]
    assert "compared with 2023-01-01 to 2023-12-31" in capsys.readouterr().out


def test_it_says_when_the_year_before_has_no_data(tmp_path, sheltered, capsys):
    call_command(
        "run_report", "spm", "--start", "2024-01-01", "--end", "2024-12-31", "--coc", "CA-600",
        "--out", str(tmp_path), "--previous-year",
    )  # fmt: skip
    assert (tmp_path / "3.2.csv").read_text().splitlines()[1].split(",")[1:3] == ["", "1"]
    assert "the year before (2023-01-01 to 2023-12-31) has no data" in capsys.readouterr().out
