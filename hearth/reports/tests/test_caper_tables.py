"""The tables only the ESG CAPER has: Q22a2 and Q22d (length of participation in ESG's bands) and
Q24 (homelessness prevention housing assessment at exit)."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.enrollments.models import Exit
from hearth.projects.models import Funder
from hearth.reports.tests.helpers import D, cells, enroll, person, project, run

pytestmark = pytest.mark.django_db


def _esg(project_type: int):
    made = project(project_type)
    Funder.objects.create(
        data_source=made.data_source, project=made, funder=8, start_date=dt.date(2020, 1, 1),
        date_created=made.date_created, date_updated=made.date_updated, hud_user_id="u",
    )  # fmt: skip
    return made


def test_it_counts_length_of_participation_in_esg_bands():
    shelter = _esg(0)
    # 7 days (leaver, band 0-7), 8 days (leaver, band 8-14), a stayer from 2024-12-02: 30 days to
    # the report end (band 22-30); a family of two, both 400 days (stayers, band 366-730).
    enroll(person(D(1980, 1, 1)), shelter, D(2024, 3, 1), household="a", exit_on=D(2024, 3, 8))
    enroll(person(D(1981, 1, 1)), shelter, D(2024, 3, 1), household="b", exit_on=D(2024, 3, 9))
    enroll(person(D(1982, 1, 1)), shelter, D(2024, 12, 2), household="c")
    enroll(person(D(1983, 1, 1)), shelter, D(2023, 11, 27), household="d")
    enroll(person(D(2015, 1, 1)), shelter, D(2023, 11, 27), household="d", rel=2)
    finished = run("caper", D(2024, 1, 1), D(2024, 12, 31), [shelter])

    q22a2 = cells(finished, "Q22a2")
    assert q22a2[0] == [1, 1, 0]  # 0 to 7 days
    assert q22a2[1] == [1, 1, 0]  # 8 to 14 days
    assert q22a2[3] == [1, 0, 1]  # 22 to 30 days
    assert q22a2[8] == [2, 0, 2]  # 366 to 730 days
    assert q22a2[-1] == [5, 2, 3]
    q22d = cells(finished, "Q22d")
    assert q22d[8] == [2, 0, 2, 0, 0]  # the family: with children and adults
    assert q22d[-1] == [5, 3, 2, 0, 0]


def test_it_reports_the_housing_assessment_of_prevention_leavers():
    prevention = _esg(12)
    kept = enroll(person(D(1980, 1, 1)), prevention, D(2024, 2, 1), household="a", exit_on=D(2024, 5, 1))
    Exit.objects.filter(enrollment=kept).update(housing_assessment=1, subsidy_information=1)
    enroll(person(D(1981, 1, 1)), prevention, D(2024, 2, 1), household="b")  # a stayer: not counted
    q24 = cells(run("caper", D(2024, 1, 1), D(2024, 12, 31), [prevention]), "Q24")
    assert q24[0] == [1, 1, 0, 0, 0]  # maintained the housing without a subsidy
    assert q24[-1] == [1, 1, 0, 0, 0]
