"""POST /api/clients/search: ranked candidates the caller may see."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.audit.models import AuditEvent
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db


def search(client, body):
    return client.post("/api/clients/search", body, content_type="application/json")


def test_it_returns_ranked_candidates_with_reasons(client, admin_user):
    best = ClientFactory(first_name="Guadalupe", last_name="Reyes", dob=dt.date(1968, 7, 4))
    ClientFactory(first_name="Guadalupe", last_name="Reyes", dob=dt.date(1990, 1, 2))
    client.force_login(admin_user)
    response = search(client, {"first_name": "Lupe", "last_name": "Reyes", "dob": "07/04/1968"})
    assert response.status_code == 200
    body = response.json()
    assert body[0]["id"] == best.pk and body[0]["personal_id"] == best.hud_id
    assert body[0]["score"] > body[1]["score"]
    assert "Date of birth matches" in body[0]["reasons"]


def test_it_takes_the_one_box(client, admin_user):
    record = ClientFactory(first_name="Ana", last_name="Reyes", ssn="123456789", ssn_data_quality=1)
    client.force_login(admin_user)
    body = search(client, {"q": "123-45-6789"}).json()
    assert body[0]["id"] == record.pk
    body = search(client, {"ssn": "6789", "q": "reyes"}).json()
    assert body[0]["id"] == record.pk


def test_it_returns_only_clients_the_caller_may_see(client, outsider, owner, client_record):
    client.force_login(outsider)
    assert search(client, {"q": "Maria Lopez"}).json() == []
    client.force_login(owner)
    assert [c["id"] for c in search(client, {"q": "Maria Lopez"}).json()] == [client_record.pk]


def test_it_refuses_an_anonymous_caller(client):
    assert search(client, {"q": "Maria"}).status_code == 401


def test_it_explains_bad_input(client, owner):
    client.force_login(owner)
    response = search(client, {"dob": "not a date"})
    assert response.status_code == 400
    assert "Date of birth" in response.json()["detail"]
    assert search(client, {}).status_code == 400


def test_it_audits_without_the_query(client, owner, client_record):
    client.force_login(owner)
    search(client, {"q": "Maria Lopez"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH)
    assert event.detail == {"via": "api", "fields": ["name"], "shown": [client_record.pk]}


def test_it_refuses_a_query_in_the_url(client, owner, client_record):
    client.force_login(owner)
    assert client.get("/api/clients/search", {"ssn": "123456789"}).status_code == 405
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).exists()


def test_it_names_the_field_of_the_wrong_type(client, owner):
    client.force_login(owner)
    response = search(client, {"limit": "many"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "limit"


def test_it_documents_its_error_responses():
    from hearth.api import api

    operation = api.get_openapi_schema()["paths"]["/api/clients/search"]["post"]
    assert {200, 400, 401, 403, 422} <= set(operation["responses"])
    assert "parameters" not in operation or not operation["parameters"]
