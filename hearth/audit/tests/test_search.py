"""Searching the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hearth.accounts.models import Role
from hearth.accounts.tests.conftest import LA
from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.testing import factories


@pytest.fixture
def events(owner, partner, client_record):
    with time_machine.travel(dt.datetime(2027, 3, 1, 23, 30, tzinfo=LA), tick=False):
        audit_record(actor=owner, action=AuditEvent.Action.SIGN_IN, obj=owner, ip_address="203.0.113.1")
        audit_record(actor=owner, action=AuditEvent.Action.VIEW, obj=client_record)
    with time_machine.travel(dt.datetime(2027, 3, 2, 8, 0, tzinfo=LA), tick=False):
        audit_record(actor=partner, action=AuditEvent.Action.SIGN_IN, obj=partner, ip_address="203.0.113.2")
        audit_record(
            actor=None,
            action=AuditEvent.Action.SIGN_IN_FAILED,
            ip_address="198.51.100.3",
            detail={"username": "ghost", "reason": "unknown_username"},
        )


def rows(response):
    return response.content.decode().split("<tbody>")[1].count("<tr>")


def test_an_hmis_admin_searches_everything(client, admin_user, events):
    client.force_login(admin_user)
    assert rows(client.get("/audit/")) == 4
    assert rows(client.get("/audit/?actor=owner")) == 2
    assert rows(client.get("/audit/?action=sign_in")) == 2
    assert rows(client.get("/audit/?ip_address=198.51.100.3")) == 1
    assert rows(client.get("/audit/?actor=ghost")) == 1  # failed sign-ins by the username typed


def test_dates_are_local_days(client, admin_user, events):
    client.force_login(admin_user)
    # 23:30 on March 1 in Los Angeles is March 2 in UTC; it belongs to March 1.
    assert rows(client.get("/audit/?date_from=2027-03-01&date_to=2027-03-01")) == 2
    assert rows(client.get("/audit/?date_from=2027-03-02")) == 2


def test_it_finds_views_of_a_client(client, admin_user, events, client_record):
    client.force_login(admin_user)
    response = client.get(f"/audit/?client_id={client_record.pk}")
    assert rows(response) == 1 and b"Viewed" in response.content


def test_an_agency_admin_sees_their_agencys_users_only(client, owner_agency, events):
    boss = factories.UserFactory(role=Role.AGENCY_ADMIN, organization=owner_agency)
    client.force_login(boss)
    assert rows(client.get("/audit/")) == 2


def test_a_case_manager_is_refused(client, owner, events):
    client.force_login(owner)
    assert client.get("/audit/").status_code == 403


def test_the_export_is_itself_audited(client, admin_user, events):
    client.force_login(admin_user)
    response = client.get("/audit/?action=sign_in&format=csv")
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("at,username,action")
    assert len(body.splitlines()) == 3
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, actor=admin_user).exists()


def test_a_bad_date_range_says_so(client, admin_user, events):
    client.force_login(admin_user)
    response = client.get("/audit/?date_from=2027-03-05&date_to=2027-03-01")
    assert b"end date is before the start date" in response.content
