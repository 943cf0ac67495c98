"""Downloads of a run (reports:download_zip, download_table, download_xlsx, chart)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from hearth.audit.models import AuditEvent
from hearth.reports.tests.helpers import D, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(owner, two_agencies):
    return run("apr", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)


def test_it_zips_one_csv_per_table_in_huds_layout(client, owner, finished):
    client.force_login(owner)
    response = client.get(f"/reports/runs/{finished.pk}/csv.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "Q5a.csv" in archive.namelist() and "Q27l.csv" in archive.namelist()
    lines = archive.read("Q5a.csv").decode().splitlines()
    assert lines[0] == "Category,Count of Clients for DQ,Count of Clients"
    assert lines[1] == "Total number of persons served,2,2"
    assert AuditEvent.objects.filter(action="report.downloaded").count() == 1


def test_it_writes_an_excel_workbook(client, owner, finished):
    client.force_login(owner)
    book = load_workbook(io.BytesIO(client.get(f"/reports/runs/{finished.pk}/workbook.xlsx").content))
    assert "Q7a" in book.sheetnames
    assert book["Q5a"]["C3"].value == 2


def test_it_draws_a_chart_as_svg(client, owner, finished):
    client.force_login(owner)
    response = client.get(f"/reports/runs/{finished.pk}/charts/Q7a.svg")
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content


def test_it_leaves_hidden_clients_out_of_a_roster_download(client, analyst, two_agencies):
    roster = run("roster", D(2024, 1, 1), D(2024, 12, 31), list(two_agencies), user=analyst)
    client.force_login(analyst)
    lines = client.get(f"/reports/runs/{roster.pk}/csv/roster.csv").content.decode().splitlines()
    assert len(lines) == 1 + 2
