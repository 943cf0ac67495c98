"""Enrolling from the client record (/enrollments/clients/<id>/enroll/)."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.enrollments.models import Enrollment
from hearth.enrollments.services import global_household_create, global_member_add
from hearth.enrollments.tests.conftest import enroll


@pytest.fixture
def global_family(owner, family):
    """The partner is the head of the global household; the mother and child are members."""
    mother, partner, child = family
    household = global_household_create(actor=owner, head=partner)
    global_member_add(actor=owner, household=household, client=mother, relationship=3)
    global_member_add(actor=owner, household=household, client=child, relationship=2)
    return household


def _post(mother, partner, child, project, **extra):
    data = {"project": project.pk, "entry_date": "2025-06-16"}
    for person, rel in ((mother, 3), (partner, 1), (child, 2)):
        data[f"m{person.pk}-include"] = "on"
        data[f"m{person.pk}-relationship"] = rel
        data[f"m{person.pk}-disabling_condition"] = "0"
    data.update(extra)
    return data


def test_it_preselects_the_global_head(client, owner, project, family, global_family, frozen):
    mother, partner, child = family
    client.force_login(owner)
    response = client.get(reverse("enrollments:enroll", args=[mother.pk]))
    assert response.status_code == 200
    rows = {c.pk: f for c, f in response.context["rows"]}
    assert rows[partner.pk]["relationship"].value() == 1
    assert rows[mother.pk]["relationship"].value() == 3
    assert rows[child.pk]["relationship"].value() == 2
    assert "Owner Shelter" in response.content.decode()


def test_it_enrolls_the_family_and_opens_program_details(
    client, owner, project, family, global_family, frozen
):
    mother, partner, child = family
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:enroll", args=[mother.pk]), _post(mother, partner, child, project)
    )
    head = Enrollment.objects.get(client=partner)
    assert response.status_code == 302
    assert response["Location"] == reverse("enrollments:details", args=[head.pk])
    rels = dict(
        Enrollment.objects.filter(household_id=head.household_id).values_list(
            "client_id", "relationship_to_ho_h"
        )
    )
    assert rels == {partner.pk: 1, mother.pk: 3, child.pk: 2}


def test_it_never_writes_the_enrollment_relationships_back_to_the_global_household(
    client, owner, project, family, global_family, frozen
):
    from hearth.enrollments.models import GlobalHouseholdMember

    mother, partner, child = family
    before = dict(GlobalHouseholdMember.objects.values_list("client_id", "relationship"))
    # In this program the mother heads the household and the partner is her partner.
    data = _post(
        mother,
        partner,
        child,
        project,
        **{f"m{mother.pk}-relationship": 1, f"m{partner.pk}-relationship": 3},
    )
    client.force_login(owner)
    assert client.post(reverse("enrollments:enroll", args=[mother.pk]), data).status_code == 302
    assert Enrollment.objects.get(client=mother).relationship_to_ho_h == 1
    assert dict(GlobalHouseholdMember.objects.values_list("client_id", "relationship")) == before
    assert before == {partner.pk: 1, mother.pk: 3, child.pk: 2}


def test_it_leaves_out_members_not_ticked(client, owner, project, family, global_family, frozen):
    mother, partner, child = family
    data = _post(mother, partner, child, project)
    del data[f"m{child.pk}-include"]
    client.force_login(owner)
    client.post(reverse("enrollments:enroll", args=[mother.pk]), data)
    assert set(Enrollment.objects.values_list("client_id", flat=True)) == {mother.pk, partner.pk}


def test_it_says_when_there_is_no_head(client, owner, project, family, global_family, frozen):
    mother, partner, child = family
    data = _post(mother, partner, child, project, **{f"m{partner.pk}-relationship": 3})
    client.force_login(owner)
    response = client.post(reverse("enrollments:enroll", args=[mother.pk]), data)
    assert response.status_code == 200
    assert "exactly one head" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_it_warns_about_a_member_already_active_and_enrolls_once_confirmed(
    client, owner, project, family, global_family, frozen
):
    mother, partner, child = family
    enroll(owner, project, dt.date(2025, 6, 1), child)
    client.force_login(owner)
    url = reverse("enrollments:enroll", args=[mother.pk])
    response = client.post(url, _post(mother, partner, child, project))
    assert response.status_code == 200
    assert "Sofia Reyes already has an active enrollment in this program (project start 2025-06-01)" in (
        response.content.decode()
    )
    assert Enrollment.objects.count() == 1
    response = client.post(url, _post(mother, partner, child, project, confirm_duplicate="on"))
    assert response.status_code == 302
    assert Enrollment.objects.count() == 4


def test_it_offers_only_the_users_agency_programs(client, owner, project, partner_project, family, frozen):
    client.force_login(owner)
    response = client.get(reverse("enrollments:enroll", args=[family[0].pk]))
    body = response.content.decode()
    assert "Owner Shelter" in body and "Partner Outreach" not in body
    data = {
        "project": partner_project.pk,
        "entry_date": "2025-06-16",
        f"m{family[0].pk}-include": "on",
        f"m{family[0].pk}-relationship": 1,
    }
    client.post(reverse("enrollments:enroll", args=[family[0].pk]), data)
    assert not Enrollment.objects.exists()


def test_it_refuses_clients_out_of_view(client, outsider, family):
    client.force_login(outsider)
    assert client.get(reverse("enrollments:enroll", args=[family[0].pk])).status_code == 404


def test_it_shows_programs_and_history_in_the_client_panel(client, owner, project, family, frozen):
    from django.template import Context, Template
    from django.test import RequestFactory

    from hearth.enrollments.services import enrollment_exit

    (first,) = enroll(owner, project, dt.date(2025, 5, 1), family[0])
    enrollment_exit(actor=owner, enrollment=first, exit_date=dt.date(2025, 5, 20), destination=410)
    enroll(owner, project, dt.date(2025, 6, 1), family[0])
    request = RequestFactory().get("/")
    request.user = owner
    html = Template('{% include "enrollments/_client_panel.html" %}').render(
        Context({"client": family[0], "request": request, "user": owner})
    )
    assert "Active enrollments" in html and "Program history" in html
    assert "2025-05-20" in html
    assert reverse("enrollments:enroll", args=[family[0].pk]) in html
