"""Exit rules: dates, checklist, last service, household exits and the head hand-over."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hearth.enrollments.models import Enrollment, Exit, ExitStep, ExitStepConfirmation
from hearth.enrollments.selectors import household_members, household_needs_head
from hearth.enrollments.services import (
    CaseWarning,
    MemberExit,
    bed_night_record,
    enrollment_exit,
    household_exit,
    service_record,
)
from hearth.enrollments.tests.conftest import enroll


def test_it_exits_a_member(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    record = enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 16), destination=410)
    assert record.exit_date == dt.date(2025, 6, 16)
    assert record.hud_user_id == f"hearth-user-{owner.pk}"


def test_it_refuses_an_exit_before_the_project_start(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 10), family[0])
    with pytest.raises(ValidationError) as caught:
        enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 9), destination=410)
    assert "before a member's project start" in str(caught.value)
    assert not Exit.objects.exists()


def test_it_allows_an_exit_on_the_project_start_day(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 10), family[0])
    assert enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 10), destination=410)


def test_it_refuses_an_exit_in_the_future(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 10), family[0])
    with pytest.raises(ValidationError) as caught:
        enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 17), destination=410)
    assert "future" in str(caught.value)


def test_it_warns_when_the_exit_is_before_the_last_service(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    service_record(
        actor=owner, enrollment=head, date_provided=dt.date(2025, 6, 12), record_type=144, type_provided=2
    )
    with pytest.raises(CaseWarning) as caught:
        enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 11), destination=410)
    assert "2025-06-12" in caught.value.messages[0]
    assert not Exit.objects.exists()
    enrollment_exit(
        actor=owner,
        enrollment=head,
        exit_date=dt.date(2025, 6, 11),
        destination=410,
        accept_before_last_service=True,
    )
    assert Exit.objects.count() == 1


def test_it_warns_when_the_exit_is_on_or_before_the_last_bed_night(owner, shelter, family, frozen, settings):
    settings.HEARTH_SHELTER_AUTO_EXIT_NIGHTS = 30
    (guest,) = enroll(owner, shelter, dt.date(2025, 6, 1), family[0])
    bed_night_record(actor=owner, enrollment=guest, night=dt.date(2025, 6, 10))
    with pytest.raises(CaseWarning) as caught:
        enrollment_exit(actor=owner, enrollment=guest, exit_date=dt.date(2025, 6, 10), destination=410)
    assert "last bed night (2025-06-10)" in caught.value.messages[0]
    # The morning after the last night is the expected exit date: no warning.
    enrollment_exit(actor=owner, enrollment=guest, exit_date=dt.date(2025, 6, 11), destination=410)
    assert Exit.objects.get().exit_date == dt.date(2025, 6, 11)


def test_it_needs_every_exit_step_confirmed(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    keys = ExitStep.objects.create(project=project, position=1, text="Keys returned")
    plan = ExitStep.objects.create(project=project, position=2, text="Aftercare plan given")
    ExitStep.objects.create(project=project, position=3, text="Retired step", active=False)
    with pytest.raises(ValidationError) as caught:
        enrollment_exit(
            actor=owner,
            enrollment=head,
            exit_date=dt.date(2025, 6, 16),
            destination=410,
            confirmed_steps=[keys.pk],
        )
    assert "Aftercare plan given" in str(caught.value)
    enrollment_exit(
        actor=owner,
        enrollment=head,
        exit_date=dt.date(2025, 6, 16),
        destination=410,
        confirmed_steps=[keys.pk, plan.pk],
    )
    assert set(ExitStepConfirmation.objects.values_list("text", flat=True)) == {
        "Keys returned",
        "Aftercare plan given",
    }


def test_it_requires_a_subsidy_type_for_a_subsidised_rental():
    from hearth.enrollments import rules

    _, errors = rules.destination({"destination": 435})
    assert "destination_subsidy_type" in errors
    cleaned, errors = rules.destination({"destination": 410, "destination_subsidy_type": 419})
    assert not errors and cleaned["destination_subsidy_type"] is None


def test_it_stores_the_subsidy_type_only_for_a_subsidised_rental(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    record = household_exit(
        actor=owner,
        exits=[MemberExit(head, destination=435, destination_subsidy_type=419)],
        exit_date=dt.date(2025, 6, 16),
    )[0]
    assert (record.destination, record.destination_subsidy_type) == (435, 419)


def test_it_exits_chosen_members_and_keeps_the_others(owner, project, family, frozen):
    mother, partner, child = family
    head, second, third = enroll(
        owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2]
    )
    household_exit(actor=owner, exits=[MemberExit(second, destination=312)], exit_date=dt.date(2025, 6, 15))
    members = {m.enrollment.pk: m for m in household_members(head)}
    assert not members[second.pk].active
    assert members[head.pk].active and members[third.pk].active


def test_it_requires_a_new_head_when_the_head_leaves_and_others_stay(owner, project, family, frozen):
    mother, partner, child = family
    head, second, third = enroll(
        owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2]
    )
    with pytest.raises(ValidationError) as caught:
        household_exit(actor=owner, exits=[MemberExit(head, destination=207)], exit_date=dt.date(2025, 6, 15))
    assert "name a new head" in str(caught.value)
    assert not Exit.objects.exists()

    household_exit(
        actor=owner,
        exits=[MemberExit(head, destination=207)],
        exit_date=dt.date(2025, 6, 15),
        new_head=second,
        former_head_relationship=3,
    )
    rels = dict(
        Enrollment.objects.filter(household_id=head.household_id).values_list("pk", "relationship_to_ho_h")
    )
    assert rels == {head.pk: 3, second.pk: 1, third.pk: 2}
    assert not household_needs_head(household_members(head))


def test_it_refuses_a_leaving_member_as_the_new_head(owner, project, family, frozen):
    mother, partner, child = family
    head, second, third = enroll(
        owner, project, dt.date(2025, 6, 1), mother, partner, child, relationships=[1, 3, 2]
    )
    with pytest.raises(ValidationError):
        household_exit(
            actor=owner,
            exits=[MemberExit(head, destination=207), MemberExit(second, destination=207)],
            exit_date=dt.date(2025, 6, 15),
            new_head=second,
            former_head_relationship=3,
        )
    assert not Exit.objects.exists()


def test_it_exits_the_whole_household_without_a_new_head(owner, project, family, frozen):
    enrollments = enroll(owner, project, dt.date(2025, 6, 1), *family, relationships=[1, 3, 2])
    household_exit(
        actor=owner,
        exits=[MemberExit(e, destination=410) for e in enrollments],
        exit_date=dt.date(2025, 6, 16),
    )
    assert Exit.objects.count() == 3
    assert not any(m.active for m in household_members(enrollments[0]))


def test_it_refuses_to_exit_a_member_twice(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 10), destination=410)
    with pytest.raises(ValidationError):
        enrollment_exit(actor=owner, enrollment=head, exit_date=dt.date(2025, 6, 11), destination=410)
