"""Program Details and its tabs (Notes, Files, Chart, Forms)."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.enrollments.models import CaseNote
from hearth.enrollments.services import note_add, service_record
from hearth.enrollments.tests.conftest import enroll


@pytest.fixture
def household(owner, project, family, frozen):
    return enroll(owner, project, dt.date(2025, 6, 1), *family, relationships=[1, 3, 2])


@pytest.mark.parametrize("tab", ["details", "notes", "files", "chart", "forms"])
def test_it_shows_each_tab_to_the_owner(client, owner, household, tab):
    client.force_login(owner)
    response = client.get(reverse(f"enrollments:{tab}", args=[household[0].pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("Notes", "Files", "Chart", "Forms", "Exit"):
        assert f">{name}</a>" in body
    assert "Ana Reyes" in body and "Sofia Reyes" in body
    assert AuditEvent.objects.filter(action="view", object_type="enrollments.enrollment").exists()


@pytest.mark.parametrize("tab", ["details", "notes", "files", "chart", "forms", "exit"])
def test_it_hides_program_details_from_other_agencies(client, partner, outsider, household, tab):
    for user in (partner, outsider):
        client.force_login(user)
        assert client.get(reverse(f"enrollments:{tab}", args=[household[0].pk])).status_code == 404


def test_it_adds_a_program_note_that_also_shows_in_the_clients_notes(client, owner, household):
    client.force_login(owner)
    url = reverse("enrollments:notes", args=[household[0].pk])
    response = client.post(url, {"body": "Met the family at intake."})
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert note.enrollment == household[0] and note.client == household[0].client
    listing = client.get(reverse("enrollments:client_notes", args=[household[0].client_id]))
    assert "Met the family at intake." in listing.content.decode()
    assert "Owner Shelter" in listing.content.decode()


def test_it_hides_confidential_notes_from_other_agencies(client, owner, partner, partner_agency, household):
    from hearth.enrollments.services import RoiInput, roi_create

    head = household[0]
    roi_create(
        actor=owner,
        client=head.client,
        data=RoiInput(
            permission=True,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 1, 1),
            documentation="signed_paper",
            organizations=[partner_agency],
        ),
    )
    note_add(actor=owner, client=head.client, enrollment=head, body="Shared note")
    note_add(actor=owner, client=head.client, enrollment=head, body="Private note", confidential=True)
    client.force_login(partner)
    body = client.get(reverse("enrollments:client_notes", args=[head.client_id])).content.decode()
    assert "Shared note" in body
    assert "Private note" not in body


def test_it_draws_the_chart_with_a_table_alternative(client, owner, household):
    service_record(
        actor=owner,
        enrollment=household[0],
        date_provided=dt.date(2025, 6, 5),
        record_type=144,
        type_provided=2,
    )
    client.force_login(owner)
    body = client.get(reverse("enrollments:chart", args=[household[0].pk])).content.decode()
    assert "<svg" in body and 'role="img"' in body
    assert "The timeline as a table" in body
    assert "Case management services" in body


def test_it_refuses_notes_from_a_read_only_user(client, owner_agency, household):
    from hearth.accounts.models import Role
    from hearth.testing import factories

    reader = factories.UserFactory(organization=owner_agency, role=Role.READ_ONLY)
    client.force_login(reader)
    url = reverse("enrollments:notes", args=[household[0].pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"body": "x"}).status_code == 403
    assert not CaseNote.objects.exists()
