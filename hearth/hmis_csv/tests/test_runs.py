"""Background imports: the worker command, starting it, and finding one that died."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.hmis_csv import runs
from hearth.hmis_csv.models import ImportRun
from hearth.hmis_csv.services import import_run_create
from hearth.hmis_csv.tests.builders import basic, write_export

pytestmark = pytest.mark.django_db


def test_the_worker_runs_a_queued_import_and_audits_it(tmp_path, admin_user):
    run = import_run_create(user=admin_user, path=write_export(tmp_path / "x", basic()), background=False)
    call_command("hmis_csv_worker", str(run.pk))
    run.refresh_from_db()
    assert (run.status, run.committed) == ("done", True)
    assert runs.report_path(run).exists()
    event = AuditEvent.objects.get(action="import")
    assert (event.actor, event.object_id, event.detail["inserted"]) == (admin_user, str(run.pk), 8)


def test_the_worker_does_not_run_an_import_twice(tmp_path, admin_user):
    run = import_run_create(user=admin_user, path=write_export(tmp_path / "x", basic()), background=False)
    call_command("hmis_csv_worker", str(run.pk))
    call_command("hmis_csv_worker", str(run.pk))
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_it_starts_a_detached_worker_process_after_the_commit(
    tmp_path, admin_user, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.HMIS_CSV_RUNNER = "process"
    started = {}

    class FakeProcess:
        pid = 4242

    def fake_popen(args, **kwargs):
        started.update(args=args, **kwargs)
        return FakeProcess()

    monkeypatch.setattr(runs.subprocess, "Popen", fake_popen)
    with django_capture_on_commit_callbacks(execute=True):
        run = import_run_create(user=admin_user, path=write_export(tmp_path / "x", basic()))
    assert started["args"] == [sys.executable, "-m", "hearth", "hmis_csv_worker", str(run.pk)]
    assert started["start_new_session"] is True
    run.refresh_from_db()
    assert (run.status, run.pid) == ("queued", 4242)


def test_it_fails_a_run_that_never_started(admin_user):
    run = ImportRun.objects.create(user=admin_user, file_name="x.zip", path="/nowhere")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        runs.check_stale(run)
    assert run.status == "failed"
    assert "did not start" in run.failure


def test_it_leaves_a_run_alone_while_its_worker_reports(admin_user):
    run = ImportRun.objects.create(
        user=admin_user,
        file_name="x.zip",
        path="/nowhere",
        status="running",
        started_at=timezone.now(),
        pid=1,
    )
    runs.ProgressFile(run)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        runs.check_stale(run)
    assert run.status == "running"
