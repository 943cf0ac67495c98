"""hearth run_report caper: bad input is named, never a traceback or empty tables."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError

from hearth.projects.models import Funder
from hearth.reports.tests.helpers import run_command

pytestmark = pytest.mark.django_db


def _run(tmp_path, project, start="2024-01-01", end="2024-12-31"):
    run_command("caper", tmp_path, project, start, end)


def _fund(project, code):
    Funder.objects.create(
        data_source=project.data_source, project=project, funder=code, start_date=dt.date(2020, 1, 1),
        date_created=project.date_created, date_updated=project.date_updated, hud_user_id="u",
    )  # fmt: skip


def test_it_refuses_a_project_without_esg_funding(tmp_path, project):
    _fund(project, 2)
    with pytest.raises(CommandError, match=f"ESG-funded projects.*project {project.hud_id}"):
        _run(tmp_path, project)
    assert not list(tmp_path.glob("*.csv"))


def test_it_refuses_an_end_before_the_start(tmp_path, project):
    _fund(project, 8)
    with pytest.raises(CommandError, match="end date is before the start date"):
        _run(tmp_path, project, start="2024-12-31", end="2024-01-01")


def test_it_says_when_there_is_no_data(tmp_path, project):
    _fund(project, 8)
    with pytest.raises(CommandError, match="No client was active in the chosen projects between 2024-01-01"):
        _run(tmp_path, project)
    assert not list(tmp_path.glob("*.csv"))
