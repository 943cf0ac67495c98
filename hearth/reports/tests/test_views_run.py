"""A run's page: its progress while it runs, then its tables, charts and links (reports:run,
reports:run_progress)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hearth.reports.models import ReportRun, RunStatus
from hearth.reports.services import report_run_create
from hearth.reports.tests.helpers import D, run

pytestmark = pytest.mark.django_db


def test_it_shows_the_tables_with_links_to_the_clients_behind_counts(client, owner, two_agencies):
    project, _ = two_agencies
    finished = run("apr", D(2024, 1, 1), D(2024, 12, 31), [project], user=owner)
    client.force_login(owner)
    page = client.get(f"/reports/runs/{finished.pk}/").content.decode()
    assert "Q5a: Report Validations Table" in page and "Q27l" in page
    assert f'href="/reports/runs/{finished.pk}/cells/Q5a/0/0/"' in page
    assert f"/reports/runs/{finished.pk}/charts/Q7a.svg" in page
    assert 'alt="Bar chart of Total by row. Adults: 2' in page


def test_it_polls_while_the_report_runs(client, owner, project):
    queued = report_run_create(
        user=owner,
        kind="apr",
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
        projects=[project],
        background=False,
    )
    client.force_login(owner)
    page = client.get(f"/reports/runs/{queued.pk}/").content.decode()
    assert f'hx-get="/reports/runs/{queued.pk}/progress/"' in page and "Waiting to start" in page


def test_it_tells_the_page_to_refresh_when_the_report_is_done(client, owner, two_agencies):
    finished = run("dq", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)
    client.force_login(owner)
    response = client.get(f"/reports/runs/{finished.pk}/progress/", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def test_it_fails_a_run_whose_worker_died(client, owner, project):
    queued = report_run_create(
        user=owner,
        kind="apr",
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
        projects=[project],
        background=False,
    )
    long_ago = timezone.now() - dt.timedelta(hours=1)
    ReportRun.objects.filter(pk=queued.pk).update(
        status=RunStatus.RUNNING, started_at=long_ago, heartbeat_at=long_ago, pid=2**22 + 7
    )
    client.force_login(owner)
    page = client.get(f"/reports/runs/{queued.pk}/").content.decode()
    assert "The report stopped before it finished" in page
    assert ReportRun.objects.get(pk=queued.pk).status == RunStatus.FAILED


def test_it_hides_another_users_run(client, owner, partner, two_agencies):
    finished = run("dq", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[1]], user=partner)
    client.force_login(owner)
    assert client.get(f"/reports/runs/{finished.pk}/").status_code == 404
