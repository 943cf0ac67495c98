"""Global and enrollment households never change each other."""

import datetime as dt

from hearth.enrollments.models import Enrollment, GlobalHouseholdMember
from hearth.enrollments.services import (
    MemberExit,
    global_head_set,
    global_household_create,
    global_member_add,
    global_member_update,
    household_exit,
    household_head_change,
    relationship_update,
)
from hearth.enrollments.tests.conftest import enroll


def _global_rels(household):
    return dict(
        GlobalHouseholdMember.objects.filter(household=household).values_list("client_id", "relationship")
    )


def _enrollment_rels(enrollments):
    return dict(
        Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).values_list(
            "client_id", "relationship_to_ho_h"
        )
    )


def test_it_leaves_enrollment_relationships_alone_when_the_global_household_changes(
    owner, project, family, frozen
):
    mother, partner, child = family
    household = global_household_create(actor=owner, head=mother)
    partner_member = global_member_add(actor=owner, household=household, client=partner, relationship=3)
    child_member = global_member_add(actor=owner, household=household, client=child, relationship=2)
    enrollments = enroll(owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2])
    before = _enrollment_rels(enrollments)

    global_head_set(actor=owner, member=partner_member, former_head_relationship=3)
    global_member_update(actor=owner, member=child_member, relationship=4)

    assert _global_rels(household) == {mother.pk: 3, partner.pk: 1, child.pk: 4}
    assert _enrollment_rels(enrollments) == before == {mother.pk: 1, partner.pk: 3, child.pk: 2}


def test_it_leaves_the_global_household_alone_when_an_enrollment_household_changes(
    owner, project, family, frozen
):
    mother, partner, child = family
    household = global_household_create(actor=owner, head=mother)
    global_member_add(actor=owner, household=household, client=partner, relationship=3)
    global_member_add(actor=owner, household=household, client=child, relationship=2)
    before = _global_rels(household)
    head, second, third = enroll(
        owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2]
    )

    household_head_change(actor=owner, new_head=second, former_head_relationship=3)
    relationship_update(actor=owner, enrollment=third, relationship=4)
    household_exit(
        actor=owner,
        exits=[MemberExit(head, destination=410)],
        exit_date=dt.date(2025, 6, 10),
    )

    assert _enrollment_rels([head, second, third]) == {mother.pk: 3, partner.pk: 1, child.pk: 4}
    assert _global_rels(household) == before == {mother.pk: 1, partner.pk: 3, child.pk: 2}
