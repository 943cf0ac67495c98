"""The Coordinated Entry APR on the report pages: asked for like the other reports, its tables on the
run page, the clients behind a count (only those the viewer may see) and the download of it all."""

from __future__ import annotations

import io
import zipfile

import pytest

from hearth.reports.models import ReportRun, RunStatus
from hearth.reports.tests.helpers import D, ce_assessment, enroll, person
from hearth.reports.tests.helpers import project as make_project

pytestmark = pytest.mark.django_db

FORM = {"start_date": "2024-01-01", "end_date": "2024-12-31"}


@pytest.fixture
def assessed(owner_agency, partner_agency):
    """CE access points of the Owner and the Partner Agency, each of which assessed a head of
    household in 2024 (the analyst's agency sees only its own)."""
    points = []
    for i, agency in enumerate((owner_agency, partner_agency)):
        access = make_project(14, organization=agency, name=f"Access Point {i}")
        head = enroll(
            person(D(1980, 1, 1), owner_organization=agency), access, D(2024, 2, 1), household=f"C{i}"
        )
        ce_assessment(head, D(2024, 2, 1), kind=1 + i)
        points.append(access)
    return points


def _request(client, user, projects, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/reports/new/ce_apr/", {**FORM, "projects": [p.pk for p in projects]})


def test_it_runs_the_ce_apr_and_shows_its_tables(
    client, analyst, assessed, django_capture_on_commit_callbacks
):
    response = _request(client, analyst, assessed, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    assert response["Location"] == f"/reports/runs/{run.pk}/"
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.universe_size == 2
    page = client.get(f"/reports/runs/{run.pk}/").content.decode()
    assert "Coordinated Entry Annual Performance Report" in page
    assert "Total Households Assessed" in page


def test_it_lists_only_the_visible_clients_behind_a_count(
    client, analyst, assessed, django_capture_on_commit_callbacks
):
    _request(client, analyst, assessed, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    # Q9a "Total Households Assessed", Total: both heads; the analyst's agency enrolled one of them.
    page = client.get(f"/reports/runs/{run.pk}/cells/Q9a/3/0/").content.decode()
    assert "2 clients behind this figure; 1 of them is not shown" in page
    assert page.count("/enrollments/clients/") == 1


def test_it_downloads_every_ce_apr_table(client, analyst, assessed, django_capture_on_commit_callbacks):
    _request(client, analyst, assessed, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get()
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/reports/runs/{run.pk}/csv.zip").content))
    names = set(archive.namelist())
    assert {"Q5a.csv", "Q9a.csv", "Q9d.csv", "Q10.csv"} <= names
    assert "Virtual,1,1,0,0,0" in archive.read("Q9a.csv").decode()


def test_it_explains_a_project_that_collects_no_ce_data(client, owner, project):
    client.force_login(owner)
    response = client.post("/reports/new/ce_apr/", {**FORM, "projects": [project.pk]})
    assert "is neither" in response.content.decode()
    assert not ReportRun.objects.exists()
