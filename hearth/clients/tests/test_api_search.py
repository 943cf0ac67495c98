"""GET /api/clients/search: ranked candidates the caller may see."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.audit.models import AuditEvent
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_it_returns_ranked_candidates_with_reasons(client, admin_user):
    best = ClientFactory(first_name="Guadalupe", last_name="Reyes", dob=dt.date(1968, 7, 4))
    ClientFactory(first_name="Guadalupe", last_name="Reyes", dob=dt.date(1990, 1, 2))
    client.force_login(admin_user)
    response = client.get(
        "/api/clients/search", {"first_name": "Lupe", "last_name": "Reyes", "dob": "07/04/1968"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body[0]["id"] == best.pk and body[0]["personal_id"] == best.hud_id
    assert body[0]["score"] > body[1]["score"]
    assert "Date of birth matches" in body[0]["reasons"]


def test_it_takes_the_one_box(client, admin_user):
    record = ClientFactory(first_name="Ana", last_name="Reyes", ssn="123456789", ssn_data_quality=1)
    client.force_login(admin_user)
    body = client.get("/api/clients/search", {"q": "123-45-6789"}).json()
    assert body[0]["id"] == record.pk
    body = client.get("/api/clients/search", {"ssn": "6789", "q": "reyes"}).json()
    assert body[0]["id"] == record.pk


def test_it_returns_only_clients_the_caller_may_see(client, outsider, owner, client_record):
    client.force_login(outsider)
    assert client.get("/api/clients/search", {"q": "Maria Lopez"}).json() == []
    client.force_login(owner)
    assert [c["id"] for c in client.get("/api/clients/search", {"q": "Maria Lopez"}).json()] == [
        client_record.pk
    ]


def test_it_refuses_an_anonymous_caller(client):
    assert client.get("/api/clients/search", {"q": "Maria"}).status_code == 401


def test_it_explains_bad_input(client, owner):
    client.force_login(owner)
    response = client.get("/api/clients/search", {"dob": "not a date"})
    assert response.status_code == 400
    assert "Date of birth" in response.json()["detail"]
    assert client.get("/api/clients/search").status_code == 400


def test_it_audits_without_the_query(client, owner, client_record):
    client.force_login(owner)
    client.get("/api/clients/search", {"q": "Maria Lopez"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH)
    assert event.detail == {"via": "api", "fields": ["name"], "shown": [client_record.pk]}
