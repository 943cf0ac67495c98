"""The clients behind a count (reports:cell): only those the viewer may see, audited without PII."""

from __future__ import annotations

import pytest

from hearth.audit.models import AuditEvent
from hearth.reports.tests.helpers import D, run

pytestmark = pytest.mark.django_db


def test_it_lists_visible_clients_and_counts_the_others(client, analyst, two_agencies):
    finished = run("apr", D(2024, 1, 1), D(2024, 12, 31), list(two_agencies), user=analyst)
    client.force_login(analyst)
    # Q5a row 1, column C: all three persons served; the analyst's agency enrolled two of them.
    page = client.get(f"/reports/runs/{finished.pk}/cells/Q5a/0/1/").content.decode()
    assert "3 clients behind this figure; 1 of them is not shown" in page
    assert page.count("/enrollments/clients/") == 2
    event = AuditEvent.objects.get(action="report.drilldown")
    assert event.detail == {"table": "Q5a", "row": 0, "column": 1, "shown": 2, "hidden": 1}


def test_it_has_no_list_behind_a_percentage(client, owner, two_agencies):
    finished = run("apr", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)
    client.force_login(owner)
    assert client.get(f"/reports/runs/{finished.pk}/cells/Q6a/0/4/").status_code == 404


def test_it_lists_the_clients_behind_a_program_details_count(client, owner, two_agencies):
    finished = run("details", D(2024, 1, 1), D(2024, 12, 31), [two_agencies[0]], user=owner)
    client.force_login(owner)
    # PD1, the shelter's row, "Persons served": the two adults enrolled there.
    page = client.get(f"/reports/runs/{finished.pk}/cells/PD1/0/3/").content.decode()
    assert "2 clients behind this figure." in page
    assert page.count("/enrollments/clients/") == 2
    assert AuditEvent.objects.filter(action="report.drilldown").count() == 1
