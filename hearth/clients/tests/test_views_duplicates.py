"""The review queue, merge preview and merge history pages (HMIS administrators only)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hearth.clients.models import Client, ClientMerge, DuplicatePair
from hearth.enrollments.models import Enrollment
from hearth.testing.factories import ClientFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(project):
    a = ClientFactory(
        first_name="Jesus", last_name="Hernandez", dob=dt.date(1975, 3, 9), ssn=None, ssn_data_quality=99
    )
    b = ClientFactory(
        first_name="Chuy", last_name="Hernandez", dob=dt.date(1975, 3, 9), ssn="123456789", ssn_data_quality=1
    )
    EnrollmentFactory(client=a, project=project)
    return DuplicatePair.objects.create(
        client_a=a,
        client_b=b,
        match_probability=0.97,
        evidence={"name": "last name matches, first name is a nickname or matches"},
        found_at=timezone.now(),
    )


@pytest.mark.parametrize("url", ["/clients/duplicates/", "/clients/merges/"])
def test_it_refuses_a_case_manager(client, owner, url):
    client.force_login(owner)
    assert client.get(url).status_code == 403


def test_it_lists_open_pairs(client, admin_user, pair):
    client.force_login(admin_user)
    response = client.get("/clients/duplicates/")
    assert response.status_code == 200
    assert f"/clients/duplicates/{pair.pk}/".encode() in response.content
    assert b"first name is a nickname" in response.content


def test_it_shows_completeness_and_suggests_the_dominant_record(client, admin_user, pair):
    client.force_login(admin_user)
    response = client.get(f"/clients/duplicates/{pair.pk}/")
    ranked = response.context["ranked"]
    # b has the full SSN, so it is more complete than a (which has the enrollment).
    assert ranked[0].client == pair.client_b and ranked[0].suggested
    assert b"suggested dominant" in response.content
    assert b"% complete" in response.content or b"Complete" in response.content


def test_it_marks_different_people(client, admin_user, pair):
    client.force_login(admin_user)
    response = client.post(f"/clients/duplicates/{pair.pk}/", {"decision": "different"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.DIFFERENT and pair.decided_by == admin_user


def test_it_previews_then_merges_then_undoes(client, admin_user, pair):
    a, b = pair.client_a, pair.client_b
    client.force_login(admin_user)
    preview = client.post("/clients/merge/", {"dominant": a.pk, "records": [a.pk, b.pk]})
    assert preview.status_code == 200
    ssn_plan = next(p for p in preview.context["plans"] if p.group.key == "ssn")
    assert ssn_plan.source == b and ssn_plan.changes  # the dominant lacks an SSN
    assert not Client.all_objects.get(pk=b.pk).merged_into_id  # nothing changed yet

    done = client.post(
        "/clients/merge/",
        {
            "dominant": a.pk,
            "records": [a.pk, b.pk],
            "confirm": "yes",
            "reference": "T-7",
            "edit_token": preview.context["edit_token"],
        },
    )
    assert done.status_code == 302 and done["Location"] == f"/clients/{a.pk}/"
    merge = ClientMerge.objects.get()
    assert merge.reference == "T-7"
    a.refresh_from_db()
    assert a.ssn == "123456789"
    assert Client.all_objects.get(pk=b.pk).merged_into_id == a.pk

    undo = client.post(f"/clients/merges/{merge.pk}/")
    assert undo.status_code == 302
    a.refresh_from_db()
    assert a.ssn is None
    assert Client.objects.filter(pk=b.pk).exists()
    assert Enrollment.objects.get(client=a)


def test_it_keeps_a_staff_choice_of_value(client, admin_user, pair):
    a, b = pair.client_a, pair.client_b
    client.force_login(admin_user)
    preview = client.post("/clients/merge/", {"dominant": a.pk, "records": [b.pk], "keep_name": b.pk})
    token = preview.context["edit_token"]
    client.post(
        "/clients/merge/",
        {"dominant": a.pk, "records": [b.pk], "keep_name": b.pk, "confirm": "yes", "edit_token": token},
    )
    a.refresh_from_db()
    assert a.first_name == "Chuy"


def test_it_refuses_a_merge_when_a_record_changed_after_the_preview(client, admin_user, pair):
    a, b = pair.client_a, pair.client_b
    client.force_login(admin_user)
    preview = client.post("/clients/merge/", {"dominant": a.pk, "records": [b.pk]})
    # Another user saves the second record's profile while the administrator reads the preview.
    Client.objects.filter(pk=b.pk).update(first_name="Jesus")

    refused = client.post(
        "/clients/merge/",
        {"dominant": a.pk, "records": [b.pk], "confirm": "yes", "edit_token": preview.context["edit_token"]},
    )
    unsigned = client.post("/clients/merge/", {"dominant": a.pk, "records": [b.pk], "confirm": "yes"})

    assert refused.status_code == unsigned.status_code == 200  # the preview again, with today's values
    assert not ClientMerge.objects.exists()
    assert not Client.all_objects.get(pk=b.pk).merged_into_id
    body = refused.content.decode()
    assert "someone else changed this set of records" in body and f"record {b.hud_id}" in body
    assert "Jesus" in body
    retry = client.post(
        "/clients/merge/",
        {"dominant": a.pk, "records": [b.pk], "confirm": "yes", "edit_token": refused.context["edit_token"]},
    )
    assert retry.status_code == 302 and ClientMerge.objects.count() == 1
