"""/clients/: search first, by POST or htmx, with nothing identifying in the URL."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.audit.models import AuditEvent
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_search_form(client, owner):
    client.force_login(owner)
    response = client.get("/clients/")
    assert response.status_code == 200
    assert b'name="q"' in response.content
    assert b'method="post"' in response.content


def test_it_finds_the_owners_client_by_post(client, owner, client_record):
    client.force_login(owner)
    response = client.post("/clients/", {"q": "Maria Lopez"})
    assert response.status_code == 200
    assert f"/clients/{client_record.pk}/".encode() in response.content
    assert b"First name matches" in response.content


def test_it_answers_htmx_with_the_results_only(client, owner, client_record):
    client.force_login(owner)
    response = client.post("/clients/", {"q": "lopez"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="search-results"' in response.content
    assert f"/clients/{client_record.pk}/".encode() in response.content


def test_it_hides_other_agencies_clients_from_an_outsider(client, outsider, client_record):
    client.force_login(outsider)
    response = client.post("/clients/", {"q": "Maria Lopez"})
    assert f"/clients/{client_record.pk}/".encode() not in response.content
    assert b"No matching records" in response.content


def test_it_audits_a_search_without_what_was_searched(client, owner, client_record):
    client.force_login(owner)
    client.post("/clients/", {"first_name": "Maria", "last_name": "Lopez", "dob": "05/17/1980"})
    event = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH)
    assert event.detail["fields"] == ["name", "dob"]
    assert event.detail["shown"] == [client_record.pk]
    assert "Lopez" not in str(event.detail) and "1980" not in str(event.detail)


def test_it_explains_an_unreadable_date(client, owner):
    client.force_login(owner)
    response = client.post("/clients/", {"dob": "31/31/1980"})
    assert b"Enter a date such as 05/17/1980" in response.content


def test_it_never_puts_the_search_in_the_url(client, owner, client_record):
    client.force_login(owner)
    response = client.get("/clients/", {"q": "Maria Lopez"})
    # A GET shows the empty form: names in a URL would reach logs and browser history.
    assert f"/clients/{client_record.pk}/".encode() not in response.content


def test_it_shows_the_score_and_reasons(client, admin_user):
    record = ClientFactory(first_name="Jesús", last_name="Hernández", dob=dt.date(1975, 3, 9))
    client.force_login(admin_user)
    response = client.post("/clients/", {"first_name": "Chuy", "last_name": "Hernandez", "dob": "1975-09-03"})
    text = response.content.decode()
    assert f"/clients/{record.pk}/" in text
    assert "nickname" in text
    assert "day and month swapped" in text
