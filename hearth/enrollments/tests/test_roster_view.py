"""The nightly roster of a night-by-night shelter."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.enrollments.models import Service
from hearth.enrollments.tests.conftest import enroll


@pytest.fixture
def guests(owner, shelter, family, frozen):
    return enroll(owner, shelter, dt.date(2025, 6, 15), family[0], family[2])


def test_it_lists_tonights_guests(client, owner, shelter, guests):
    client.force_login(owner)
    response = client.get(reverse("enrollments:roster", args=[shelter.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ana Reyes" in body and "Sofia Reyes" in body
    assert "data-checked-count>0</span> of 2 guests" in body


def test_it_checks_a_guest_in_with_htmx_and_returns_the_row(client, owner, shelter, guests):
    client.force_login(owner)
    url = reverse("enrollments:check_in", args=[shelter.pk, guests[0].pk])
    response = client.post(url, {"night": "2025-06-16"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="guest-{guests[0].pk}"')
    assert "Checked in" in body
    assert Service.objects.get().date_provided == dt.date(2025, 6, 16)
    client.post(url, {"night": "2025-06-16"}, HTTP_HX_REQUEST="true")
    assert Service.objects.count() == 1


def test_it_undoes_a_check_in(client, owner, shelter, guests):
    client.force_login(owner)
    url = reverse("enrollments:check_in", args=[shelter.pk, guests[0].pk])
    client.post(url, {"night": "2025-06-16"})
    response = client.post(url, {"night": "2025-06-16", "undo": "1"})
    assert response.status_code == 302
    assert not Service.objects.exists()
    assert Service.all_objects.get().date_deleted is not None


def test_it_shows_each_guests_latest_bed_night(client, owner, shelter, guests):
    client.force_login(owner)
    url = reverse("enrollments:check_in", args=[shelter.pk, guests[0].pk])
    for night in ["2025-06-15", "2025-06-13", "2025-06-14"]:
        client.post(url, {"night": night})
    response = client.get(reverse("enrollments:roster", args=[shelter.pk]), {"night": "2025-06-16"})
    rows = {row["enrollment"].pk: row for row in response.context["rows"]}
    assert rows[guests[0].pk]["last_bed_night"] == dt.date(2025, 6, 15)
    assert rows[guests[1].pk]["last_bed_night"] is None
    assert "2025-06-15" in response.content.decode()


def test_it_never_checks_in_for_a_future_night(client, owner, shelter, guests):
    client.force_login(owner)
    client.post(reverse("enrollments:check_in", args=[shelter.pk, guests[0].pk]), {"night": "2025-06-20"})
    assert Service.objects.get().date_provided == dt.date(2025, 6, 16)


def test_it_drops_guests_whose_stay_lapsed(client, owner, shelter, guests, time_machine, settings):
    settings.HEARTH_SHELTER_AUTO_EXIT_NIGHTS = 3
    time_machine.move_to(dt.datetime(2025, 6, 20, 19, 0, tzinfo=dt.UTC), tick=False)
    client.force_login(owner)
    body = client.get(reverse("enrollments:roster", args=[shelter.pk])).content.decode()
    assert "Ana Reyes" not in body


def test_it_is_only_for_night_by_night_shelters(client, owner, project):
    client.force_login(owner)
    assert client.get(reverse("enrollments:roster", args=[project.pk])).status_code == 404


def test_it_hides_the_roster_from_other_agencies(client, outsider, shelter, guests):
    client.force_login(outsider)
    assert client.get(reverse("enrollments:roster", args=[shelter.pk])).status_code == 404
    assert client.post(reverse("enrollments:check_in", args=[shelter.pk, guests[0].pk])).status_code == 404


def test_it_shows_an_analyst_of_another_agency_none_of_the_shelters_guests(client, outsider, shelter, guests):
    from hearth.accounts.models import Role

    outsider.role = Role.REPORT_ANALYST
    outsider.save()
    client.force_login(outsider)
    response = client.get(reverse("enrollments:roster", args=[shelter.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ana Reyes" not in body and "Sofia Reyes" not in body


def test_it_audits_the_roster_view_with_the_guests_shown(client, owner, shelter, guests):
    from hearth.audit.models import AuditEvent

    client.force_login(owner)
    client.get(reverse("enrollments:roster", args=[shelter.pk]))
    event = AuditEvent.objects.get(action="view", object_type="projects.project", object_id=str(shelter.pk))
    assert event.actor == owner
    assert sorted(event.detail["shown"]) == sorted(g.client_id for g in guests)
