"""The "run reports" capability is checked: case managers neither ask for nor open report runs."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from hearth.reports.models import ReportRun
from hearth.reports.services import report_run_create
from hearth.reports.tests.helpers import D, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(owner, two_agencies):
    return run("apr", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)


def test_it_refuses_the_report_pages_to_a_case_manager(client, case_manager):
    client.force_login(case_manager)
    assert client.get("/reports/").status_code == 403
    assert client.get("/reports/new/apr/").status_code == 403
    response = client.post("/reports/new/apr/", {"start_date": "2024-01-01", "end_date": "2024-12-31"})
    assert response.status_code == 403
    assert not ReportRun.objects.exists()


@pytest.mark.parametrize("suffix", ["", "csv.zip", "workbook.xlsx", "csv/Q5a.csv", "progress/"])
def test_it_refuses_a_case_manager_the_runs_of_their_agency(client, case_manager, finished, suffix):
    client.force_login(case_manager)
    assert client.get(f"/reports/runs/{finished.pk}/{suffix}").status_code == 404


def test_it_refuses_a_case_manager_in_the_service(case_manager, project):
    with pytest.raises(PermissionDenied):
        report_run_create(user=case_manager, kind="apr", start_date=D(2024, 1, 1), end_date=D(2024, 12, 31))
    assert not ReportRun.objects.exists()


def test_it_lets_an_agency_admin_open_their_run(client, owner, finished):
    client.force_login(owner)
    assert client.get(f"/reports/runs/{finished.pk}/").status_code == 200


def test_it_links_reports_in_the_navigation_only_for_roles_that_may_run_them(client, case_manager, owner):
    client.force_login(case_manager)
    assert 'href="/reports/"' not in client.get("/").content.decode()
    client.force_login(owner)
    assert 'href="/reports/"' in client.get("/").content.decode()
