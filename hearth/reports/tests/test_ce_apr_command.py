"""hearth run_report ce_apr: the CE APR's tables as CSV files; bad input is named, never a traceback
or empty tables."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError

from hearth.reports.tests.helpers import D, ce_assessment, ce_event, enroll, person, run_command
from hearth.reports.tests.helpers import project as make_project

pytestmark = pytest.mark.django_db


def _run(tmp_path, project, start="2024-01-01", end="2024-12-31"):
    run_command("ce_apr", tmp_path, project, start, end)


def _rows(tmp_path, key):
    with open(tmp_path / f"{key}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture
def ce_project(owner_agency):
    return make_project(14, organization=owner_agency, coc="CA-600", name="Access Point")


def test_it_writes_the_ce_apr_tables(tmp_path, ce_project):
    head = enroll(person(D(1980, 1, 1)), ce_project, D(2024, 1, 10), household="H1", enrollment_coc="CA-600")
    enroll(person(D(2015, 1, 1)), ce_project, D(2024, 1, 10), household="H1", rel=2)
    ce_assessment(head, D(2024, 2, 1), kind=1, prioritized=1)
    ce_event(head, D(2024, 3, 1), 13, referral_result=1)
    # Another household, assessed before the range only: not in the report.
    other = enroll(person(D(1970, 1, 1)), ce_project, D(2023, 1, 10), household="H2", enrollment_coc="CA-600")
    ce_assessment(other, D(2023, 2, 1))
    _run(tmp_path, ce_project)
    names = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert names == sorted(
        f"{k}.csv" for k in ["Q4a", "Q5a", "Q6a", "Q7a", "Q8a", "Q9a", "Q9b", "Q9c", "Q9d", "Q10"]
    )
    assert _rows(tmp_path, "Q5a")[1][1:] == ["2"]
    assert _rows(tmp_path, "Q9a")[1] == ["Phone", "1", "0", "1", "0", "0"]
    assert _rows(tmp_path, "Q9b")[1][1] == "1"
    q9d = {row[0]: row[1:] for row in _rows(tmp_path, "Q9d")}
    assert q9d["RRH project resource opening"][:3] == ["1", "0", "1"]
    assert q9d["Result: successful referral: client accepted"][0] == "1"
    # The child counts with her household, which has children and adults.
    assert _rows(tmp_path, "Q7a")[2][1:4] == ["1", "0", "1"]
    q10 = {row[0]: row[1:] for row in _rows(tmp_path, "Q10")}
    assert q10["Housing Needs Assessment"][0] == "1"
    assert q10["Referral to RRH project resource opening"][:2] == ["1", "1"]


def test_it_refuses_a_project_that_collects_no_ce_data(tmp_path, project):
    enroll(person(D(1980, 1, 1)), project, D(2024, 1, 10), household="S1")
    with pytest.raises(
        CommandError, match=f"Coordinated Entry projects.*project {project.hud_id} is neither"
    ):
        _run(tmp_path, project)
    assert not list(tmp_path.glob("*.csv"))


def test_it_accepts_a_project_that_collects_ce_assessments(tmp_path, project):
    head = enroll(person(D(1980, 1, 1)), project, D(2024, 1, 10), household="S1")
    ce_assessment(head, D(2024, 1, 10))
    _run(tmp_path, project)
    assert _rows(tmp_path, "Q5a")[1][1:] == ["1"]


def test_it_refuses_an_end_before_the_start(tmp_path, ce_project):
    with pytest.raises(CommandError, match="end date is before the start date"):
        _run(tmp_path, ce_project, start="2024-12-31", end="2024-01-01")


def test_it_says_when_there_is_no_data(tmp_path, ce_project):
    enroll(person(D(1980, 1, 1)), ce_project, D(2024, 1, 10), household="H1")
    with pytest.raises(
        CommandError, match="No household in the chosen projects had a CE assessment between 2024-01-01"
    ):
        _run(tmp_path, ce_project)
    assert not list(tmp_path.glob("*.csv"))
