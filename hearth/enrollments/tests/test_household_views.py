"""Household pages: the global household on the client record and the enrollment household."""

import datetime as dt

from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.enrollments.models import Enrollment, GlobalHouseholdMember
from hearth.enrollments.tests.conftest import enroll


def test_it_builds_a_global_household_from_the_client_record(client, owner, family):
    mother, partner, child = family
    client.force_login(owner)
    url = reverse("enrollments:global_household", args=[mother.pk])
    client.post(url, {"action": "create"})
    found = client.post(url, {"action": "search", "q": "Sofia"})
    assert child in found.context["candidates"]
    client.post(url, {"action": "add", "client": child.pk, "relationship": 2})
    client.post(url, {"action": "add", "client": partner.pk, "relationship": 3})
    rels = dict(GlobalHouseholdMember.objects.values_list("client_id", "relationship"))
    assert rels == {mother.pk: 1, child.pk: 2, partner.pk: 3}
    member = GlobalHouseholdMember.objects.get(client=partner)
    token = client.get(url).context["edit_token"]
    client.post(
        reverse("enrollments:global_member_change", args=[mother.pk, member.pk]),
        {"action": "head", "former_head_relationship": 3, "edit_token": token},
    )
    assert dict(GlobalHouseholdMember.objects.values_list("client_id", "relationship"))[partner.pk] == 1


def test_it_refuses_a_household_change_made_from_a_stale_page(client, owner, family):
    mother, partner, child = family
    client.force_login(owner)
    url = reverse("enrollments:global_household", args=[mother.pk])
    client.post(url, {"action": "create"})
    client.post(url, {"action": "add", "client": child.pk, "relationship": 2})
    member = GlobalHouseholdMember.objects.get(client=child)
    change = reverse("enrollments:global_member_change", args=[mother.pk, member.pk])
    stale = client.get(url).context["edit_token"]
    fresh = client.get(url).context["edit_token"]
    client.post(change, {"action": "relationship", "relationship": 4, "edit_token": fresh})

    response = client.post(
        change, {"action": "relationship", "relationship": 5, "edit_token": stale}, follow=True
    )

    assert GlobalHouseholdMember.objects.get(client=child).relationship == 4
    assert "someone else changed this household" in response.content.decode()
    # Taking a member out from the stale page is refused the same way.
    client.post(change, {"action": "remove", "edit_token": stale})
    assert GlobalHouseholdMember.objects.filter(client=child).exists()
    client.post(change, {"action": "remove"})
    assert GlobalHouseholdMember.objects.filter(client=child).exists()


def test_it_does_not_offer_clients_the_user_cannot_see(client, owner, outsider, family):
    from hearth.testing import factories

    hidden = factories.ClientFactory(
        first_name="Sofia", last_name="Hidden", owner_organization=outsider.organization
    )
    client.force_login(owner)
    url = reverse("enrollments:global_household", args=[family[0].pk])
    client.post(url, {"action": "create"})
    found = client.post(url, {"action": "search", "q": "Sofia"})
    assert hidden not in found.context["candidates"]
    assert client.post(url, {"action": "add", "client": hidden.pk, "relationship": 2}).status_code == 404


def test_it_adds_a_member_to_an_enrollment_household(client, owner, project, family, frozen):
    mother, _, child = family
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), mother)
    client.force_login(owner)
    url = reverse("enrollments:member_add", args=[head.pk])
    assert child in client.post(url, {"action": "search", "q": "Sofia"}).context["candidates"]
    response = client.post(
        url + f"?client={child.pk}", {"client": child.pk, "relationship": 2, "entry_date": "2025-06-10"}
    )
    assert response.status_code == 302
    added = Enrollment.objects.get(client=child)
    assert (added.household_id, added.relationship_to_ho_h, added.entry_date) == (
        head.household_id,
        2,
        dt.date(2025, 6, 10),
    )


def test_it_warns_when_the_member_added_is_already_active_in_the_program(
    client, owner, project, family, frozen
):
    mother, _, child = family
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), mother)
    enroll(owner, project, dt.date(2025, 5, 20), child)
    client.force_login(owner)
    url = reverse("enrollments:member_add", args=[head.pk])
    data = {"client": child.pk, "relationship": 2, "entry_date": "2025-06-10"}
    response = client.post(url, data)
    assert "Sofia Reyes already has an active enrollment in this program (project start 2025-05-20)" in (
        response.content.decode()
    )
    assert not Enrollment.objects.filter(household_id=head.household_id, client=child).exists()
    assert client.post(url, {**data, "confirm_duplicate": "on"}).status_code == 302
    assert Enrollment.objects.filter(household_id=head.household_id, client=child).exists()


def test_it_explains_a_member_starting_before_the_head(client, owner, project, family, frozen):
    mother, _, child = family
    (head,) = enroll(owner, project, dt.date(2025, 6, 5), mother)
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:member_add", args=[head.pk]),
        {"client": child.pk, "relationship": 2, "entry_date": "2025-06-01"},
    )
    assert "before the head of household" in response.content.decode()


def test_it_changes_the_enrollment_head_from_its_page(client, owner, project, family, frozen):
    mother, partner, _ = family
    head, second = enroll(owner, project, dt.date(2025, 6, 1), mother, partner, relationships=[1, 3])
    client.force_login(owner)
    url = reverse("enrollments:enrollment_household", args=[head.pk])
    token = client.get(url).context["edit_token"]
    response = client.post(
        url, {"action": "head", "new_head": second.pk, "former_head_relationship": 3, "edit_token": token}
    )
    assert response.status_code == 302
    assert Enrollment.objects.get(pk=second.pk).relationship_to_ho_h == 1
    assert Enrollment.objects.get(pk=head.pk).relationship_to_ho_h == 3


def test_it_refuses_an_enrollment_household_change_from_a_stale_page(client, owner, project, family, frozen):
    mother, partner, child = family
    head, second, third = enroll(
        owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2]
    )
    client.force_login(owner)
    url = reverse("enrollments:enrollment_household", args=[head.pk])
    stale = client.get(url).context["edit_token"]
    fresh = client.get(url).context["edit_token"]
    client.post(url, {"action": "relationship", "member": third.pk, "relationship": 4, "edit_token": fresh})

    refused = client.post(
        url, {"action": "relationship", "member": third.pk, "relationship": 5, "edit_token": stale}
    )
    head_refused = client.post(
        url, {"action": "head", "new_head": second.pk, "former_head_relationship": 3, "edit_token": stale}
    )

    assert refused.status_code == head_refused.status_code == 409
    assert "someone else changed this household" in refused.content.decode()
    assert Enrollment.objects.get(pk=third.pk).relationship_to_ho_h == 4
    assert Enrollment.objects.get(pk=head.pk).relationship_to_ho_h == 1


def test_it_never_searches_household_members_by_a_name_in_the_url(client, owner, project, family, frozen):
    mother, _, child = family
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), mother)
    client.force_login(owner)
    for url in (
        reverse("enrollments:member_add", args=[head.pk]),
        reverse("enrollments:global_household", args=[mother.pk]),
    ):
        response = client.get(url, {"q": "Sofia"})
        assert response.context["candidates"] == []
        assert 'method="get"' not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).exists()


def test_it_audits_the_household_member_search(client, owner, project, family, frozen):
    mother, _, child = family
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), mother)
    client.force_login(owner)
    client.post(reverse("enrollments:member_add", args=[head.pk]), {"action": "search", "q": "Sofia"})
    row = AuditEvent.objects.get(action=AuditEvent.Action.SEARCH)
    assert row.actor == owner
    assert row.detail["via"] == "household member search"
    assert child.pk in row.detail["shown"]
    assert "Sofia" not in str(row.detail)


def test_it_audits_the_household_pages(client, owner, project, family, frozen):
    mother, _, child = family
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), mother)
    client.force_login(owner)
    client.get(reverse("enrollments:enrollment_household", args=[head.pk]))
    client.get(reverse("enrollments:member_add", args=[head.pk]))
    pages = set(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.VIEW, actor=owner, client_id=mother.pk
        ).values_list("detail__page", flat=True)
    )
    assert {"enrollment household", "household member add"} <= pages
