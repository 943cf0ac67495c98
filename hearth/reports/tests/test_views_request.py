"""The report library and the request form (reports:index, reports:new)."""

from __future__ import annotations

import pytest

from hearth.audit.models import AuditEvent
from hearth.reports.models import ReportRun, RunStatus

pytestmark = pytest.mark.django_db

FORM = {"start_date": "2024-01-01", "end_date": "2024-12-31"}


def test_it_lists_the_report_library(client, owner):
    client.force_login(owner)
    page = client.get("/reports/").content.decode()
    for label in ("Annual Performance Report", "Data Quality", "Program roster", "Program details", "Income"):
        assert label in page


def test_it_offers_only_the_projects_the_user_may_see(client, owner, project, partner_project):
    client.force_login(owner)
    page = client.get("/reports/new/apr/").content.decode()
    assert project.project_name in page
    assert partner_project.project_name not in page


def test_it_runs_a_report_on_a_project_and_audits_the_request(
    client, owner, two_agencies, django_capture_on_commit_callbacks
):
    project, _ = two_agencies
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/new/apr/", {**FORM, "projects": [project.pk]})
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/runs/{run.pk}/"
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.universe_size == 2
    event = AuditEvent.objects.get(action="report.requested")
    assert event.actor == owner and event.detail["projects"] == [project.pk]


def test_it_refuses_a_project_the_user_may_not_see(client, owner, partner_project):
    client.force_login(owner)
    response = client.post("/reports/new/apr/", {**FORM, "projects": [partner_project.pk]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_it_explains_dates_in_the_wrong_order(client, owner, project):
    client.force_login(owner)
    response = client.post(
        "/reports/new/dq/", {"start_date": "2024-12-31", "end_date": "2024-01-01", "projects": [project.pk]}
    )
    assert "The end date is before the start date." in response.content.decode()
    assert not ReportRun.objects.exists()


def test_it_reports_on_every_project_of_a_coc(
    client, analyst, two_agencies, django_capture_on_commit_callbacks
):
    from hearth.testing import factories

    for project in two_agencies:
        factories.ProjectCoCFactory(project=project, coc_code="CA-600")
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/new/apr/", {**FORM, "coc_code": "CA-600"})
    run = ReportRun.objects.get()
    assert set(run.projects.all()) == set(two_agencies)


def test_it_shows_only_the_users_own_runs(
    client, owner, partner, two_agencies, django_capture_on_commit_callbacks
):
    project, partner_project = two_agencies
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/reports/new/dq/", {**FORM, "projects": [partner_project.pk]})
    client.force_login(owner)
    assert "Data Quality" not in client.get("/reports/").content.decode().split("Reports already run")[1]
