"""hearth report_worker: computes a queued run (what the web page starts in the background)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hearth.reports.models import RunStatus
from hearth.reports.services import report_run_create
from hearth.reports.tests.helpers import D

pytestmark = pytest.mark.django_db


def test_it_computes_a_queued_run_once(owner, two_agencies, capsys):
    queued = report_run_create(
        user=owner, kind="dq", start_date=D(2024, 1, 1), end_date=D(2024, 12, 31), projects=[two_agencies[0]],
        background=False,
    )  # fmt: skip
    call_command("report_worker", str(queued.pk))
    queued.refresh_from_db()
    assert queued.status == RunStatus.DONE and queued.table("Q5a")["rows"][0]["cells"] == [2, 2]
    # A second worker finds the run already taken and leaves it alone.
    call_command("report_worker", str(queued.pk))
    assert capsys.readouterr().out.count("done") == 2
