"""Asking for a report (services.report_run_create) and opening it later (selectors): a user reports
only on projects they may see, and opens a kept run only while they still may."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hearth.reports.models import ReportRun
from hearth.reports.selectors import run_for_user, runs_for_user
from hearth.reports.services import report_run_create
from hearth.reports.tests.helpers import D, run
from hearth.testing import factories

pytestmark = pytest.mark.django_db


def test_it_refuses_a_project_the_user_may_not_see(owner, project, partner_project):
    with pytest.raises(PermissionDenied):
        report_run_create(
            user=owner, kind="apr", start_date=D(2024, 1, 1), end_date=D(2024, 12, 31),
            projects=[project, partner_project], background=False,
        )  # fmt: skip
    assert not ReportRun.objects.exists()


def test_it_takes_only_the_projects_of_a_coc_the_user_may_see(owner, project, partner_project):
    for each in (project, partner_project):
        factories.ProjectCoCFactory(project=each, coc_code="CA-600")
    made = report_run_create(
        user=owner, kind="dq", start_date=D(2024, 1, 1), end_date=D(2024, 12, 31), coc_code="ca-600",
        background=False,
    )  # fmt: skip
    assert list(made.projects.all()) == [project] and made.coc_code == "CA-600"


def test_it_keeps_a_run_to_open_again(owner, two_agencies):
    finished = run("apr", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)
    again = run_for_user(owner, finished.pk)
    assert again.table("Q5a")["rows"][0]["cells"] == [2, 2]


def test_it_hides_a_run_once_its_user_may_no_longer_see_a_project(owner, partner_project, two_agencies):
    project, _ = two_agencies
    finished = run("apr", D(2024, 1, 1), D(2024, 12, 31), [project], user=owner)
    project.organization = partner_project.organization
    project.save(update_fields=["organization"])
    assert not runs_for_user(owner).exists()
    with pytest.raises(Http404):
        run_for_user(owner, finished.pk)
