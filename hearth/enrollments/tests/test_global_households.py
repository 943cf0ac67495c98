import pytest
from django.core.exceptions import ValidationError

from hearth.audit.models import AuditEvent
from hearth.enrollments.models import GlobalHousehold, GlobalHouseholdMember
from hearth.enrollments.services import (
    global_head_set,
    global_household_create,
    global_member_add,
    global_member_remove,
    global_member_update,
)


def test_it_makes_the_creator_client_the_head(owner, family):
    mother, _, _ = family
    household = global_household_create(actor=owner, head=mother)
    member = household.members.get()
    assert member.client == mother
    assert member.is_head
    assert AuditEvent.objects.filter(
        object_type="enrollments.globalhousehold", object_id=str(household.pk)
    ).exists()


def test_it_refuses_a_second_head(owner, family):
    mother, partner, _ = family
    household = global_household_create(actor=owner, head=mother)
    with pytest.raises(ValidationError):
        global_member_add(actor=owner, household=household, client=partner, relationship=1)


def test_it_keeps_a_client_in_one_household(owner, family):
    mother, partner, _ = family
    global_household_create(actor=owner, head=mother)
    other = global_household_create(actor=owner, head=partner)
    with pytest.raises(ValidationError):
        global_member_add(actor=owner, household=other, client=mother, relationship=3)


def test_it_swaps_the_head_and_gives_the_former_head_a_relationship(owner, family):
    mother, partner, child = family
    household = global_household_create(actor=owner, head=mother)
    new_head = global_member_add(actor=owner, household=household, client=partner, relationship=3)
    global_member_add(actor=owner, household=household, client=child, relationship=2)
    global_head_set(actor=owner, member=new_head, former_head_relationship=3)
    rels = dict(household.members.values_list("client_id", "relationship"))
    assert rels == {mother.pk: 3, partner.pk: 1, child.pk: 2}
    assert household.members.filter(relationship=1).count() == 1


def test_it_refuses_to_remove_the_head_while_others_remain(owner, family):
    mother, partner, _ = family
    household = global_household_create(actor=owner, head=mother)
    global_member_add(actor=owner, household=household, client=partner, relationship=3)
    with pytest.raises(ValidationError):
        global_member_remove(actor=owner, member=household.members.get(client=mother))


def test_it_removes_the_household_with_its_last_member(owner, family):
    mother, partner, _ = family
    household = global_household_create(actor=owner, head=mother)
    member = global_member_add(actor=owner, household=household, client=partner, relationship=3)
    global_member_remove(actor=owner, member=member)
    global_member_remove(actor=owner, member=household.members.get())
    assert not GlobalHousehold.objects.filter(pk=household.pk).exists()
    assert not GlobalHouseholdMember.objects.exists()


def test_it_changes_a_members_relationship(owner, family):
    mother, partner, _ = family
    household = global_household_create(actor=owner, head=mother)
    member = global_member_add(actor=owner, household=household, client=partner, relationship=5)
    global_member_update(actor=owner, member=member, relationship=3)
    member.refresh_from_db()
    assert member.relationship == 3


def test_it_refuses_a_client_the_actor_cannot_see(outsider, family):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        global_household_create(actor=outsider, head=family[0])
