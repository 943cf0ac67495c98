"""An import's page: counts per file and the validation report, paged, with its CSV."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hearth.hmis_csv.models import ImportRun
from hearth.hmis_csv.services import import_run_create, import_run_execute
from hearth.hmis_csv.tests.builders import basic, row, write_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_import(tmp_path, admin_user):
    files = basic()
    files["Services"] += [row("Services", ServicesID=f"S{n}", RecordType="12") for n in range(2, 160)]
    run = import_run_create(user=admin_user, path=write_export(tmp_path / "x", files), background=False)
    return import_run_execute(run.pk)


def test_it_refuses_anyone_but_an_hmis_administrator(client, owner, failed_import):
    client.force_login(owner)
    assert client.get(reverse("hmis_csv:run", args=[failed_import.pk])).status_code == 403
    assert client.get(reverse("hmis_csv:run_report", args=[failed_import.pk])).status_code == 403


def test_it_says_nothing_was_loaded_and_shows_the_counts(client, admin_user, failed_import):
    client.force_login(admin_user)
    response = client.get(reverse("hmis_csv:run", args=[failed_import.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nothing was loaded" in text
    assert "Services.csv" in text
    assert "159" in text  # rows of Services.csv


def test_it_pages_the_problems_and_filters_them_by_level(client, admin_user, failed_import):
    client.force_login(admin_user)
    url = reverse("hmis_csv:run", args=[failed_import.pk])
    first = client.get(url, {"level": "error"}).context["page"]
    assert first.paginator.count == failed_import.errors == 158
    assert len(first.object_list) == 100
    second = client.get(url, {"level": "error", "page": 2}).context["page"]
    assert len(second.object_list) == 58
    assert all(p.level == "error" for p in second.object_list)


def test_it_downloads_the_report_as_csv(client, admin_user, failed_import):
    client.force_login(admin_user)
    response = client.get(reverse("hmis_csv:run_report", args=[failed_import.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "file,row,record,column,value,rule,level,message,action"
    assert lines[1].startswith("Services.csv,3,S2,RecordType,12,code_list,error,")
    assert len(lines) == 1 + failed_import.errors + failed_import.warnings


def test_it_shows_a_queued_run_with_its_progress_bar(client, admin_user, tmp_path):
    run = ImportRun.objects.create(user=admin_user, file_name="x.zip", path=str(tmp_path))
    client.force_login(admin_user)
    response = client.get(reverse("hmis_csv:run", args=[run.pk]))
    assert b"<progress" in response.content
    assert reverse("hmis_csv:run_progress", args=[run.pk]).encode() in response.content


def test_it_lists_the_files_in_the_order_they_are_read(client, admin_user, failed_import):
    failed_import.refresh_from_db()  # the counts as the database gives them back
    client.force_login(admin_user)
    files = [
        row["file"] for row in client.get(reverse("hmis_csv:run", args=[failed_import.pk])).context["files"]
    ]
    assert files.index("Export.csv") < files.index("Organization.csv") < files.index("Client.csv")
    assert files.index("Client.csv") < files.index("Enrollment.csv") < files.index("Services.csv")


def test_it_groups_thousands_and_says_when_files_were_read_side_by_side(client, admin_user, failed_import):
    counts = failed_import.counts
    counts["Services"].update(rows=123456, inserted=123456, seconds=2.0, worker=True)
    ImportRun.objects.filter(pk=failed_import.pk).update(counts=counts)
    client.force_login(admin_user)
    text = client.get(reverse("hmis_csv:run", args=[failed_import.pk])).content.decode()
    assert "123,456" in text and "61,728" in text  # rows, and rows per second
    assert "read side by side by worker processes" in text
