"""/clients/<pk>/ and /clients/<pk>/edit/."""

from __future__ import annotations

import pytest

from hearth.audit.models import AuditEvent
from hearth.clients.merge import client_merge
from hearth.clients.models import ClientAlias, ClientContact
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_profile_and_audits_the_view(client, owner, client_record):
    client.force_login(owner)
    response = client.get(f"/clients/{client_record.pk}/")
    assert response.status_code == 200
    assert b"Lopez, Maria" in response.content
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, client_id=client_record.pk).exists()


def test_it_includes_the_programs_panel(client, owner, client_record):
    client.force_login(owner)
    response = client.get(f"/clients/{client_record.pk}/")
    assert "enrollments/_client_panel.html" in [t.name for t in response.templates]


def test_it_hides_the_profile_from_an_outsider(client, outsider, client_record):
    client.force_login(outsider)
    assert client.get(f"/clients/{client_record.pk}/").status_code == 404
    assert client.get(f"/clients/{client_record.pk}/edit/").status_code == 404


def test_it_shows_only_the_last_four_ssn_digits(client, owner, client_record):
    client_record.ssn, client_record.ssn_data_quality = "123456789", 1
    client_record.save()
    client.force_login(owner)
    response = client.get(f"/clients/{client_record.pk}/")
    assert b"xxx-xx-6789" in response.content
    assert b"123456789" not in response.content and b"123-45" not in response.content


def test_it_flags_an_impossible_ssn(client, owner, client_record):
    client_record.ssn, client_record.ssn_data_quality = "000123456", 1
    client_record.save()
    client.force_login(owner)
    assert b"never issued" in client.get(f"/clients/{client_record.pk}/").content


def test_it_sends_a_merged_record_to_the_dominant_one(client, admin_user):
    dominant, other = ClientFactory(), ClientFactory()
    client_merge(actor=admin_user, dominant=dominant, others=[other])
    client.force_login(admin_user)
    response = client.get(f"/clients/{other.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/clients/{dominant.pk}/"


def test_it_edits_the_profile_aliases_and_contacts(client, owner, client_record):
    client.force_login(owner)
    page = client.get(f"/clients/{client_record.pk}/edit/")
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "edit_token": page.context["edit_token"],
            "first_name": "Mariana",
            "ssn_text": "",
            "ssn_quality": "9",
            "white": "on",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-kind": "alias",
            "aliases-0-first_name": "Mari",
            "aliases-0-last_name": "",
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-kind": "phone",
            "contacts-0-value": "555-0100",
            "contacts-0-preferred": "on",
        }
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = client.post(f"/clients/{client_record.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    client_record.refresh_from_db()
    assert client_record.first_name == "Mariana"
    assert client_record.ssn_data_quality == 9
    assert ClientAlias.objects.get(client=client_record).first_name == "Mari"
    assert ClientContact.objects.get(client=client_record).value == "555-0100"
    details = list(
        AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, client_id=client_record.pk).values_list(
            "detail", flat=True
        )
    )
    assert any("first_name" in d.get("fields", []) for d in details)
    assert any(d.get("alias") == "added" for d in details) and any(
        d.get("contact") == "added" for d in details
    )
    assert "Mariana" not in str(AuditEvent.objects.values_list("detail", flat=True))


def test_it_refuses_edits_by_a_read_only_user(client, db, client_record, owner_agency):
    from hearth.accounts.models import Role
    from hearth.testing.factories import UserFactory

    client.force_login(UserFactory(role=Role.READ_ONLY, organization=owner_agency))
    assert client.get(f"/clients/{client_record.pk}/edit/").status_code == 403


def _drawn_form(client, client_record) -> dict:
    """The edit form's fields as the page draws them, ready to post back."""
    page = client.get(f"/clients/{client_record.pk}/edit/")
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(
        {
            "edit_token": page.context["edit_token"],
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
        }
    )
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


def test_it_refuses_a_stale_profile_save_and_names_what_changed(client, owner, client_record):
    from hearth.clients.services import client_update

    client.force_login(owner)
    data = _drawn_form(client, client_record)
    client_update(actor=owner, client=client_record, data={"last_name": "Lopez-Garcia"})
    data["first_name"] = "Mariana"
    updates_before = AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).count()
    response = client.post(f"/clients/{client_record.pk}/edit/", data)
    assert response.status_code == 409
    message = " ".join(response.context["form"].non_field_errors())
    assert "Not saved" in message and "LastName" in message and "FirstName" not in message
    assert "Lopez-Garcia" not in message
    client_record.refresh_from_db()
    assert (client_record.first_name, client_record.last_name) == ("Maria", "Lopez-Garcia")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).count() == updates_before


def test_it_saves_once_the_refused_form_is_sent_again(client, owner, client_record):
    from hearth.clients.services import client_update

    client.force_login(owner)
    data = _drawn_form(client, client_record)
    client_update(actor=owner, client=client_record, data={"last_name": "Lopez-Garcia"})
    refused = client.post(f"/clients/{client_record.pk}/edit/", {**data, "first_name": "Mariana"})
    retry = {**data, "first_name": "Mariana", "last_name": "Lopez-Garcia"}
    retry["edit_token"] = refused.context["edit_token"]
    assert client.post(f"/clients/{client_record.pk}/edit/", retry).status_code == 302
    client_record.refresh_from_db()
    assert (client_record.first_name, client_record.last_name) == ("Mariana", "Lopez-Garcia")


def test_it_refuses_a_profile_save_without_an_edit_token(client, owner, client_record):
    client.force_login(owner)
    data = _drawn_form(client, client_record)
    del data["edit_token"]
    data["first_name"] = "Mariana"
    assert client.post(f"/clients/{client_record.pk}/edit/", data).status_code == 409
    client_record.refresh_from_db()
    assert client_record.first_name == "Maria"


def test_it_keeps_merged_in_values_when_a_stale_form_is_saved(client, owner, admin_user, client_record):
    import datetime

    client.force_login(owner)
    data = _drawn_form(client, client_record)
    other = ClientFactory(
        first_name="Maria", last_name="Lopez", dob=datetime.date(1980, 3, 4), dob_data_quality=1
    )
    client_merge(actor=admin_user, dominant=client_record, others=[other], choices={"dob": other.pk})
    client_record.refresh_from_db()
    merged_dob = client_record.dob
    assert merged_dob == datetime.date(1980, 3, 4)
    response = client.post(f"/clients/{client_record.pk}/edit/", {**data, "first_name": "Mariana"})
    assert response.status_code == 409
    client_record.refresh_from_db()
    assert client_record.dob == merged_dob and client_record.first_name == "Maria"
