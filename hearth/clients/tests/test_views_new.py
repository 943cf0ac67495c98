"""/clients/new/: adding a client always shows the likely existing records first."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.audit.models import AuditEvent
from hearth.clients.models import Client

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Maria",
    "last_name": "Lopez",
    "ssn_text": "xxx-xx-1234",
    "dob": "1980-05-17",
    "sex": "0",
    "hispanic_latinao": "on",
    "veteran_status": "0",
}


def test_it_checks_before_saving(client, owner, client_record):
    client.force_login(owner)
    response = client.post("/clients/new/", {**FORM, "action": "check"})
    assert response.status_code == 200
    assert Client.objects.count() == 1
    text = response.content.decode()
    assert "may be this person" in text
    assert f"/clients/{client_record.pk}/" in text
    assert "None of these: create a new record" in text


def test_it_refuses_to_create_without_the_check(client, owner):
    client.force_login(owner)
    response = client.post("/clients/new/", {**FORM, "action": "create"})
    assert response.status_code == 200
    assert not Client.objects.exists()
    assert b"No existing record matched" in response.content


def test_it_creates_after_the_check_is_confirmed(client, owner):
    client.force_login(owner)
    checked = client.post("/clients/new/", {**FORM, "action": "check"})
    token = checked.context["check_token"]
    response = client.post("/clients/new/", {**FORM, "action": "create", "check_token": token})
    created = Client.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/clients/{created.pk}/"
    assert created.ssn == "xxxxx1234" and created.ssn_data_quality == 2
    assert created.dob == dt.date(1980, 5, 17) and created.dob_data_quality == 1
    assert created.name_data_quality == 1
    assert created.owner_organization_id == owner.organization_id
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, client_id=created.pk).exists()


def test_it_checks_again_when_the_identity_changed_after_the_check(client, owner):
    client.force_login(owner)
    token = client.post("/clients/new/", {**FORM, "action": "check"}).context["check_token"]
    response = client.post(
        "/clients/new/", {**FORM, "last_name": "Lopes", "action": "create", "check_token": token}
    )
    assert response.status_code == 200
    assert not Client.objects.exists()


def test_it_flags_an_impossible_ssn_but_saves_it(client, owner):
    client.force_login(owner)
    data = {**FORM, "ssn_text": "666-12-3456"}
    token = client.post("/clients/new/", {**data, "action": "check"}).context["check_token"]
    response = client.post("/clients/new/", {**data, "action": "create", "check_token": token}, follow=True)
    assert Client.objects.get().ssn == "666123456"
    assert b"never issued" in response.content


def test_it_asks_why_an_ssn_is_missing(client, owner):
    client.force_login(owner)
    response = client.post("/clients/new/", {**FORM, "ssn_text": "", "action": "check"})
    assert b"No SSN was entered: say why it is missing." in response.content


def test_it_refuses_a_read_only_user(client, db):
    from hearth.accounts.models import Role
    from hearth.testing.factories import UserFactory

    client.force_login(UserFactory(role=Role.READ_ONLY))
    assert client.get("/clients/new/").status_code == 403
