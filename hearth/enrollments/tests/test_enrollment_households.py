"""The program enrollment household: HouseholdID and RelationshipToHoH."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.audit.models import AuditEvent
from hearth.enrollments.models import CaseAssignment, Enrollment
from hearth.enrollments.services import (
    CaseWarning,
    MemberStart,
    enrollment_create,
    household_head_change,
    household_member_add,
)
from hearth.enrollments.tests.conftest import enroll


def test_it_enrolls_a_household_under_one_household_id(owner, project, family, frozen):
    mother, partner, child = family
    enrollments = enroll(owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2])
    assert len({e.household_id for e in enrollments}) == 1
    assert [e.relationship_to_ho_h for e in enrollments] == [1, 3, 2]
    assert all(e.hud_user_id == f"hearth-user-{owner.pk}" for e in enrollments)
    assert CaseAssignment.objects.filter(staff=owner).count() == 3
    assert AuditEvent.objects.filter(object_type="enrollments.enrollment", action="create").count() == 3


def test_it_writes_the_users_own_hud_user_id_when_set(owner, project, family, frozen):
    owner.hud_user_id = "U-7781"
    owner.save()
    (enrollment,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    assert enrollment.hud_user_id == "U-7781"


@pytest.mark.parametrize("relationships", [[2, 3], [1, 1]])
def test_it_requires_exactly_one_head(owner, project, family, frozen, relationships):
    with pytest.raises(ValidationError) as caught:
        enroll(owner, project, dt.date(2025, 6, 1), family[0], family[1], relationships=relationships)
    assert "exactly one head" in str(caught.value)
    assert not Enrollment.objects.filter(client__in=family[:2]).exists()


def test_it_refuses_a_future_project_start(owner, project, family, frozen):
    with pytest.raises(ValidationError):
        enroll(owner, project, dt.date(2025, 6, 17), family[0])


def test_it_warns_when_a_member_is_already_active_in_the_program(owner, project, family, frozen):
    enroll(owner, project, dt.date(2025, 5, 1), family[2])
    with pytest.raises(CaseWarning) as caught:
        enroll(owner, project, dt.date(2025, 6, 1), family[0], family[2])
    assert caught.value.active_starts == {family[2].pk: dt.date(2025, 5, 1)}
    enrolled = enroll(owner, project, dt.date(2025, 6, 1), family[0], family[2], allow_active_duplicate=True)
    assert len(enrolled) == 2


def test_it_refuses_a_program_of_another_agency(owner, partner_project, family, frozen):
    with pytest.raises(PermissionDenied):
        enroll(owner, partner_project, dt.date(2025, 6, 1), family[0])


def test_it_adds_a_member_to_an_active_household_later(owner, project, family, frozen):
    mother, partner, child = family
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), mother)
    added = household_member_add(
        actor=owner, household_of=head, client=child, relationship=2, entry_date=dt.date(2025, 6, 10)
    )
    assert added.household_id == head.household_id
    assert added.relationship_to_ho_h == 2


def test_it_gives_a_member_added_later_the_households_assigned_staff(
    owner, owner_agency, project, family, frozen
):
    from hearth.enrollments.models import CaseAssignment
    from hearth.enrollments.services import case_assign
    from hearth.testing import factories

    worker = factories.UserFactory(organization=owner_agency)
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    case_assign(actor=owner, enrollment=head, staff=worker)
    added = household_member_add(
        actor=owner, household_of=head, client=family[2], relationship=2, entry_date=dt.date(2025, 6, 10)
    )
    assert CaseAssignment.objects.get(enrollment=added).staff == worker


def test_it_refuses_a_member_who_starts_before_the_head(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 5), family[0])
    with pytest.raises(ValidationError) as caught:
        household_member_add(
            actor=owner, household_of=head, client=family[2], relationship=2, entry_date=dt.date(2025, 6, 4)
        )
    assert "head of household" in str(caught.value)


def test_it_refuses_a_second_head_when_adding_a_member(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 5), family[0])
    with pytest.raises(ValidationError):
        household_member_add(
            actor=owner, household_of=head, client=family[1], relationship=1, entry_date=dt.date(2025, 6, 6)
        )


def test_it_refuses_to_add_to_a_household_that_has_left(owner, project, family, frozen):
    from hearth.enrollments.services import enrollment_exit

    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 3), destination=410)
    with pytest.raises(ValidationError):
        household_member_add(
            actor=owner, household_of=head, client=family[2], relationship=2, entry_date=dt.date(2025, 6, 5)
        )


def test_it_changes_the_head_and_keeps_exactly_one(owner, project, family, frozen):
    mother, partner, child = family
    head, second, third = enroll(
        owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2]
    )
    household_head_change(actor=owner, new_head=second, former_head_relationship=3)
    rels = dict(
        Enrollment.objects.filter(household_id=head.household_id).values_list(
            "client_id", "relationship_to_ho_h"
        )
    )
    assert rels == {mother.pk: 3, partner.pk: 1, child.pk: 2}


def test_it_refuses_a_new_head_who_started_after_another_member(owner, project, family, frozen):
    mother, partner, child = family
    head, second = enroll(owner, project, dt.date(2025, 6, 1), mother, partner, relationships=[1, 3])
    late = household_member_add(
        actor=owner, household_of=head, client=child, relationship=2, entry_date=dt.date(2025, 6, 9)
    )
    with pytest.raises(ValidationError) as caught:
        household_head_change(actor=owner, new_head=late, former_head_relationship=3)
    assert "on or before" in str(caught.value)
    assert Enrollment.objects.get(pk=head.pk).relationship_to_ho_h == 1


def test_it_refuses_clients_the_actor_cannot_see(outsider, project, family, frozen):
    with pytest.raises(PermissionDenied):
        enrollment_create(
            actor=outsider,
            project=project,
            entry_date=dt.date(2025, 6, 1),
            members=[MemberStart(family[0], 1)],
        )
