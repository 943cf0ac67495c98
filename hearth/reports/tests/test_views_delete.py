"""Removing a run (reports:delete)."""

from __future__ import annotations

import pytest

from hearth.reports.models import AprClient, ReportRun
from hearth.reports.tests.helpers import D, run

pytestmark = pytest.mark.django_db


def test_it_removes_a_run_and_its_universe(client, owner, two_agencies):
    finished = run("apr", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)
    client.force_login(owner)
    assert client.post(f"/reports/runs/{finished.pk}/delete/").status_code == 302
    assert not ReportRun.objects.exists() and not AprClient.objects.exists()


def test_it_lets_no_one_else_remove_it(client, owner, partner, two_agencies):
    finished = run("apr", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)
    client.force_login(partner)
    assert client.post(f"/reports/runs/{finished.pk}/delete/").status_code == 404
    assert ReportRun.objects.filter(pk=finished.pk).exists()
