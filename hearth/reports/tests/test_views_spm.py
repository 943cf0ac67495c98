"""The SPM on the reports pages: HDX tables beside the previous year, drill-down to the persons
counted (only those the viewer may see), the chart, the downloads and the refusals."""

from __future__ import annotations

import io
import zipfile

import pytest

from hearth.audit.models import AuditEvent
from hearth.reports import charts
from hearth.reports.models import ReportRun, RunStatus, SpmDetail
from hearth.reports.spm.report import run_spm
from hearth.reports.tests.helpers import D, enroll, person, run
from hearth.testing import factories

pytestmark = pytest.mark.django_db

SPM_TABLES = [
    "1a",
    "1b",
    "2",
    "3.2",
    "4.1",
    "4.2",
    "4.3",
    "4.4",
    "4.5",
    "4.6",
    "5.1",
    "5.2",
    "7a.1",
    "7b.1",
    "7b.2",
]


@pytest.fixture
def coc(project, partner_project):
    """CoC CA-600: the Owner Agency's shelter (two guests in 2024, one in 2023) and the Partner
    Agency's own shelter (one guest in 2024)."""
    partner_shelter = factories.ProjectFactory(
        organization=partner_project.organization, project_name="Partner Shelter", project_type=0
    )
    for each in (project, partner_shelter):
        factories.ProjectCoCFactory(project=each, data_source=each.data_source, coc_code="CA-600")
    owner_org = project.organization
    enroll(person(D(1980, 1, 1), owner_organization=owner_org), project, D(2024, 2, 1), household="A")
    enroll(
        person(D(1981, 1, 1), owner_organization=owner_org),
        project,
        D(2024, 3, 1),
        household="B",
        exit_on=D(2024, 5, 1),
    )
    enroll(
        person(D(1982, 1, 1), owner_organization=owner_org),
        project,
        D(2023, 3, 1),
        household="C",
        exit_on=D(2023, 4, 1),
    )
    enroll(
        person(D(1990, 1, 1), owner_organization=partner_shelter.organization),
        partner_shelter,
        D(2024, 6, 1),
        household="P",
    )
    return "CA-600"


def _spm(user, coc="CA-600"):
    return run("spm", D(2024, 1, 1), D(2024, 12, 31), [], user=user, coc=coc)


def _row(finished: ReportRun, key: str, number: int) -> list:
    table = finished.table(key)
    assert table is not None, key
    return table["rows"][number]["cells"]


def test_it_runs_every_measure_with_the_previous_year_beside_it(admin_user, coc):
    finished = _spm(admin_user)
    assert finished.status == RunStatus.DONE, finished.error
    assert [t["key"] for t in finished.tables()] == SPM_TABLES
    # 3.2 (previous, current, difference): one sheltered person in 2023, three in 2024.
    assert _row(finished, "3.2", 0) == [1, 3, "2"]
    # The current year's figures are the command line's, cell for cell.
    hdx = run_spm(start=D(2024, 1, 1), end=D(2024, 12, 31), coc="CA-600").tables
    for key, rows in finished.results["hdx"].items():
        for number, row in enumerate(hdx[key]):
            assert all(rows[number][c] == value for c, value in enumerate(row) if value != ""), key
    assert finished.universe_size == 3


def test_it_fills_hdx_previous_columns_and_differences_for_measure_1(admin_user, coc):
    finished = _spm(admin_user)
    previous = run_spm(start=D(2023, 1, 1), end=D(2023, 12, 31), coc="CA-600").tables["1a"][1]
    current = finished.results["hdx"]["1a"][1]
    assert current[1] == previous[2] and current[3] == previous[4] and current[6] == previous[7]
    assert float(current[5]) == pytest.approx(float(current[4]) - float(current[3]))
    assert "2023-01-01 to 2023-12-31" in finished.table("1a")["note"]


def test_it_says_there_is_nothing_to_report_over_a_year_without_data(admin_user, coc):
    finished = run("spm", D(2022, 1, 1), D(2022, 12, 31), [], user=admin_user, coc="CA-600")
    assert finished.status == RunStatus.FAILED
    assert "CA-600 has no enrollment open between 2022-01-01 and 2022-12-31" in finished.error
    assert not SpmDetail.objects.filter(run=finished).exists() and not finished.tables()


def test_it_leaves_the_previous_year_empty_when_the_coc_had_no_data(admin_user, coc):
    began = run("spm", D(2023, 1, 1), D(2023, 12, 31), [], user=admin_user, coc="CA-600")
    assert began.status == RunStatus.DONE
    assert _row(began, "3.2", 0)[0] is None and not began.table("3.2")["chart"]
    assert "had no enrollment open" in began.table("3.2")["note"]


def test_it_says_on_the_run_page_which_households_it_left_out(client, admin_user, coc, project):
    enroll(person(D(1983, 1, 1), owner_organization=project.organization), project, D(2024, 7, 1),
           household="X", enrollment_coc="CA-601")  # fmt: skip
    finished = _spm(admin_user)
    client.force_login(admin_user)
    page = client.get(f"/reports/runs/{finished.pk}/").content.decode()
    assert "left out, as HUD&#x27;s client location (3.16, recorded for the head of household)" in page
    assert "1 located in another CoC" in page


def test_it_shows_the_tables_and_a_chart_against_the_previous_year(client, admin_user, coc):
    finished = _spm(admin_user)
    client.force_login(admin_user)
    page = client.get(f"/reports/runs/{finished.pk}/").content.decode()
    assert "3.2: Sheltered persons in HMIS over the year" in page
    # No adult had an income change either year: a chart of zeros is left out, the table stays.
    assert not finished.table("4.1")["chart"] and "/charts/4.1.svg" not in page
    assert "Every HMIS project of CoC CA-600 (2)" in page
    assert "client location (3.16" not in page  # every household is located in the CoC
    assert f"/reports/runs/{finished.pk}/charts/3.2.svg" in page
    assert "Previous FY: Unduplicated total sheltered homeless persons 1" in page  # the text alternative
    svg = client.get(f"/reports/runs/{finished.pk}/charts/3.2.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert "Current FY" in svg.content.decode()


def test_it_lists_only_visible_persons_behind_a_cell(client, analyst, coc):
    finished = _spm(analyst)
    client.force_login(analyst)
    # 3.2 row 1 (all sheltered persons), current year: three counted, one the Partner Agency's.
    page = client.get(f"/reports/runs/{finished.pk}/cells/3.2/0/1/").content.decode()
    assert "3 clients behind this figure; 1 of them is not shown" in page
    assert page.count("/enrollments/clients/") == 2
    assert "2024-02-01" in page and "row 1, column 2" in page
    event = AuditEvent.objects.filter(action="report.drilldown").latest("pk")
    assert event.detail["table"] == "3.2" and event.detail["hidden"] == 1


def test_it_has_no_list_behind_a_previous_year_cell(client, admin_user, coc):
    finished = _spm(admin_user)
    client.force_login(admin_user)
    assert client.get(f"/reports/runs/{finished.pk}/cells/3.2/0/0/").status_code == 404
    assert client.get(f"/reports/runs/{finished.pk}/cells/3.2/0/9/").status_code == 404
    assert client.get(f"/reports/runs/{finished.pk}/cells/3.2/9/1/").status_code == 404


def test_it_downloads_the_tables_and_hud_shells(client, admin_user, coc):
    finished = _spm(admin_user)
    client.force_login(admin_user)
    response = client.get(f"/reports/runs/{finished.pk}/csv.zip")
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "3.2.csv" in names and "hdx/3.2.csv" in names and "hdx/7b.2.csv" in names
    shell = zipfile.ZipFile(io.BytesIO(response.content)).read("hdx/3.2.csv").decode()
    assert shell.splitlines()[1] == ",1,3,2"
    assert client.get(f"/reports/runs/{finished.pk}/workbook.xlsx").status_code == 200


def test_it_refuses_a_user_who_does_not_see_every_project_of_the_coc(client, owner, coc):
    client.force_login(owner)
    response = client.post(
        "/reports/new/spm/", {"start_date": "2024-01-01", "end_date": "2024-12-31", "coc_code": "CA-600"}
    )
    assert response.status_code == 200
    assert "does not see all of them" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_it_asks_for_a_coc(client, analyst, coc):
    client.force_login(analyst)
    page = client.get("/reports/new/spm/").content.decode()
    assert 'name="projects"' not in page
    response = client.post("/reports/new/spm/", {"start_date": "2024-01-01", "end_date": "2024-12-31"})
    assert "Continuum of Care: This field is required." in response.content.decode()
    assert not ReportRun.objects.exists()


def test_it_runs_from_the_request_form(client, analyst, coc, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/reports/new/spm/", {"start_date": "2024-01-01", "end_date": "2024-12-31", "coc_code": "CA-600"}
        )
    finished = ReportRun.objects.get()
    assert response["Location"] == f"/reports/runs/{finished.pk}/"
    assert finished.kind == "spm" and finished.status == RunStatus.DONE
    assert SpmDetail.objects.filter(run=finished, table_key="3.2").count() == 3 + 3  # rows 1 and 2 (ES)


def test_it_removes_the_detail_with_the_run(client, admin_user, coc):
    finished = _spm(admin_user)
    assert SpmDetail.objects.filter(run=finished).exists()
    client.force_login(admin_user)
    client.post(f"/reports/runs/{finished.pk}/delete/")
    assert not SpmDetail.objects.filter(run_id=finished.pk).exists()


def test_it_describes_a_comparison_chart():
    table = {
        "key": "3.2",
        "chart": "compare",
        "chart_rows": [0],
        "chart_series": [[0, "Previous FY"], [1, "Current FY"]],
        "rows": [{"label": "Sheltered", "cells": ["4", "6", "2"]}],
        "header": ["", "Previous FY", "Current FY", "Difference"],
    }
    assert charts.describe(table) == (
        "Bar chart of 3.2 comparing Previous FY with Current FY. Previous FY: Sheltered 4; Current FY: Sheltered 6."
    )


@pytest.mark.django_db(transaction=True)
def test_it_computes_the_year_before_outside_a_transaction(coc):
    """As the report worker runs it (no transaction open): on PostgreSQL the year before is computed
    in a second process beside the report year; both databases give the same figures."""
    finished = run("spm", D(2024, 1, 1), D(2024, 12, 31), [], coc="CA-600")
    assert finished.status == RunStatus.DONE, finished.error
    assert _row(finished, "3.2", 0) == [1, 3, "2"]
    assert SpmDetail.objects.filter(run=finished, table_key="3.2", row=1).count() == 3
