"""The progress bar htmx polls while an import runs."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from hearth.hmis_csv import runs
from hearth.hmis_csv.models import ImportRun

pytestmark = pytest.mark.django_db


def _run(user, **fields):
    return ImportRun.objects.create(user=user, file_name="x.zip", path="/nowhere", **fields)


def test_it_shows_how_far_a_running_import_is(client, admin_user):
    run = _run(admin_user, status="running", started_at=timezone.now())
    progress = runs.ProgressFile(run)
    progress.write({"fraction": 0.42, "file": "Services.csv", "rows": 5000}, force=True)
    client.force_login(admin_user)
    response = client.get(reverse("hmis_csv:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert 'value="0.42"' in text
    assert "42% done" in text and "Services.csv" in text
    assert 'hx-trigger="every 1s"' in text


def test_it_reloads_the_page_when_the_import_has_finished(client, admin_user):
    run = _run(admin_user, status="done")
    client.force_login(admin_user)
    response = client.get(reverse("hmis_csv:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_it_marks_a_run_whose_worker_died_as_failed(client, admin_user):
    run = _run(admin_user, status="running", started_at=timezone.now(), pid=2**22 + 12345)
    runs.ProgressFile(run)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        client.force_login(admin_user)
        response = client.get(reverse("hmis_csv:run_progress", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "failed"
    assert "stopped before it finished" in response.content.decode()


def test_it_refuses_anyone_but_an_hmis_administrator(client, partner, admin_user):
    run = _run(admin_user)
    client.force_login(partner)
    assert client.get(reverse("hmis_csv:run_progress", args=[run.pk])).status_code == 403


def test_it_reads_no_caseload_while_an_import_holds_the_tables(client, admin_user, monkeypatch):
    """A bulk import holds the HUD tables locked until it commits (ADR 0021): the progress
    fragment must not count the caseload the navigation shows, or it would wait for the import."""
    from hearth.enrollments import selectors

    def locked(*args, **kwargs):
        raise AssertionError("the caseload was read")

    run = _run(admin_user, status="running", started_at=timezone.now())
    runs.ProgressFile(run).write({"fraction": 0.5, "file": "Client.csv", "rows": 85_000}, force=True)
    client.force_login(admin_user)
    monkeypatch.setattr(selectors, "active_enrollments", locked)
    response = client.get(reverse("hmis_csv:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Client.csv (85,000 rows)" in response.content.decode()
    with pytest.raises(AssertionError, match="caseload was read"):
        client.get(reverse("hmis_csv:run", args=[run.pk]))  # the whole page shows the navigation
