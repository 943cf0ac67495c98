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
    url = reverse("enrollments:move_in", args=[head.pk])
    assert client.post(url, {"day": "2025-06-12", "edit_token": _token(client, url)}).status_code == 302
    assert Enrollment.objects.get(pk=head.pk).move_in_date == dt.date(2025, 6, 12)
    child_url = reverse("enrollments:move_in", args=[child.pk])
    client.post(child_url, {"day": "2025-06-12", "edit_token": _token(client, child_url)})
    assert Enrollment.objects.get(pk=child.pk).move_in_date is None


def test_it_refuses_a_move_in_before_the_project_start(client, owner, housing, family, frozen):
    (head,) = enroll(owner, housing, dt.date(2025, 6, 10), family[0])
    client.force_login(owner)
    url = reverse("enrollments:move_in", args=[head.pk])
    response = client.post(url, {"day": "2025-06-01", "edit_token": _token(client, url)})
    assert "before the project start" in response.content.decode()


def _token(client, url):
    return client.get(url).context["edit_token"]


@pytest.mark.parametrize("name", ["move_in", "engagement"])
def test_it_refuses_a_date_saved_over_someone_elses_newer_one(
    client, owner, housing, outreach, family, frozen, name
):
    (head,) = enroll(owner, housing if name == "move_in" else outreach, dt.date(2025, 6, 1), family[0])
    field = "move_in_date" if name == "move_in" else "date_of_engagement"
    client.force_login(owner)
    url = reverse(f"enrollments:{name}", args=[head.pk])
    stale = _token(client, url)
    # A colleague saves first...
    assert client.post(url, {"day": "2025-06-05", "edit_token": _token(client, url)}).status_code == 302
    # ...then the form drawn before it is saved: refused, theirs kept, and the page says what is there now.
    response = client.post(url, {"day": "2025-06-09", "edit_token": stale})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Now recorded: 2025-06-05" in body
    assert getattr(Enrollment.objects.get(pk=head.pk), field) == dt.date(2025, 6, 5)
    # Saving again from the refused page is a deliberate choice, and goes through.
    again = client.post(url, {"day": "2025-06-09", "edit_token": response.context["edit_token"]})
    assert again.status_code == 302
    assert getattr(Enrollment.objects.get(pk=head.pk), field) == dt.date(2025, 6, 9)


def test_it_refuses_a_date_form_without_its_token(client, owner, housing, family, frozen):
    (head,) = enroll(owner, housing, dt.date(2025, 6, 1), family[0])
    client.force_login(owner)
    response = client.post(reverse("enrollments:move_in", args=[head.pk]), {"day": "2025-06-05"})
    assert response.status_code == 409
    assert Enrollment.objects.get(pk=head.pk).move_in_date is None


@pytest.mark.parametrize(
    "name", ["service_new", "contact_new", "move_in", "engagement", "member_add", "enrollment_household"]
)
def test_it_refuses_data_entry_pages_to_other_agencies(client, partner, project, owner, family, frozen, name):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    client.force_login(partner)
    assert client.get(reverse(f"enrollments:{name}", args=[head.pk])).status_code == 404
