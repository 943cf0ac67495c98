"""Services, contacts, move-in and engagement pages."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.enrollments.models import CurrentLivingSituation, Enrollment, Service
from hearth.enrollments.tests.conftest import enroll


def test_it_records_a_service(client, owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:service_new", args=[head.pk]),
        {"date_provided": "2025-06-16", "service": "144:2"},
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.record_type, service.type_provided) == (144, 2)
    assert (
        "SSVF Service: Case management services"
        in client.get(reverse("enrollments:details", args=[head.pk])).content.decode()
    )


def test_it_refuses_a_service_before_the_project_start(client, owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 10), family[0])
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:service_new", args=[head.pk]),
        {"date_provided": "2025-06-01", "service": "144:2"},
    )
    assert "before the project start" in response.content.decode()
    assert not Service.objects.exists()


def test_it_offers_bed_nights_only_in_night_by_night_shelters(
    client, owner, project, shelter, family, frozen
):
    (entry_exit,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    (nightly,) = enroll(owner, shelter, dt.date(2025, 6, 1), family[1])
    client.force_login(owner)
    assert (
        "200:200" not in client.get(reverse("enrollments:service_new", args=[entry_exit.pk])).content.decode()
    )
    assert "200:200" in client.get(reverse("enrollments:service_new", args=[nightly.pk])).content.decode()


def test_it_records_a_street_contact_with_its_location_and_engagement(
    client, owner, outreach, family, frozen
):
    (head,) = enroll(owner, outreach, dt.date(2025, 6, 1), family[0])
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:contact_new", args=[head.pk]),
        {
            "information_date": "2025-06-16",
            "current_living_situation": "116",
            "location_details": "5th and Main, under the bridge",
            "engagement": "on",
        },
    )
    assert response.status_code == 302
    contact = CurrentLivingSituation.objects.get()
    assert contact.location_details == "5th and Main, under the bridge"
    assert Enrollment.objects.get(pk=head.pk).date_of_engagement == dt.date(2025, 6, 16)


def test_it_asks_contact_follow_ups_when_housed(client, owner, outreach, family, frozen):
    (head,) = enroll(owner, outreach, dt.date(2025, 6, 1), family[0])
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:contact_new", args=[head.pk]),
        {"information_date": "2025-06-16", "current_living_situation": "435"},
    )
    assert "Choose the subsidy type." in response.content.decode()


def test_it_does_not_record_contacts_in_permanent_housing(client, owner, housing, family, frozen):
    (head,) = enroll(owner, housing, dt.date(2025, 6, 1), family[0])
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:contact_new", args=[head.pk]),
        {"information_date": "2025-06-16", "current_living_situation": "116"},
    )
    assert response.status_code == 200
    assert not CurrentLivingSituation.objects.exists()


def test_it_sets_the_move_in_date_for_the_head_in_permanent_housing(client, owner, housing, family, frozen):
    head, child = enroll(owner, housing, dt.date(2025, 6, 1), family[0], family[2])
    client.force_login(owner)
    assert (
        client.post(reverse("enrollments:move_in", args=[head.pk]), {"day": "2025-06-12"}).status_code == 302
    )
    assert Enrollment.objects.get(pk=head.pk).move_in_date == dt.date(2025, 6, 12)
    client.post(reverse("enrollments:move_in", args=[child.pk]), {"day": "2025-06-12"})
    assert Enrollment.objects.get(pk=child.pk).move_in_date is None


def test_it_refuses_a_move_in_before_the_project_start(client, owner, housing, family, frozen):
    (head,) = enroll(owner, housing, dt.date(2025, 6, 10), family[0])
    client.force_login(owner)
    response = client.post(reverse("enrollments:move_in", args=[head.pk]), {"day": "2025-06-01"})
    assert "before the project start" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["service_new", "contact_new", "move_in", "engagement", "member_add", "enrollment_household"]
)
def test_it_refuses_data_entry_pages_to_other_agencies(client, partner, project, owner, family, frozen, name):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    client.force_login(partner)
    assert client.get(reverse(f"enrollments:{name}", args=[head.pk])).status_code == 404
