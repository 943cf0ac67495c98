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
