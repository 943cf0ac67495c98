"""Night-by-night shelter stays end after N nights without a bed night (hearth apply_shelter_exits)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from hearth.enrollments.models import Enrollment, Exit, ProgramSettings
from hearth.enrollments.selectors import active_enrollments, exit_date_of
from hearth.enrollments.services import bed_night_record
from hearth.enrollments.tests.conftest import enroll


@pytest.fixture
def guest(owner, shelter, family, time_machine, settings):
    """A guest who entered on 1 June and slept on 1-3 June; the CoC default is 3 nights."""
    settings.HEARTH_SHELTER_AUTO_EXIT_NIGHTS = 3
    time_machine.move_to(dt.datetime(2025, 6, 3, 20, 0, tzinfo=dt.UTC), tick=False)
    (enrollment,) = enroll(owner, shelter, dt.date(2025, 6, 1), family[0])
    for day in (1, 2, 3):
        bed_night_record(actor=owner, enrollment=enrollment, night=dt.date(2025, 6, day))
    return enrollment


def _at(time_machine, day):
    time_machine.move_to(dt.datetime(2025, 6, day, 20, 0, tzinfo=dt.UTC), tick=False)


def _active(enrollment):
    return active_enrollments(Enrollment.objects.filter(pk=enrollment.pk)).exists()


def test_it_keeps_the_stay_open_through_the_nth_empty_night(guest, time_machine):
    _at(time_machine, 6)  # the nights of 4, 5 have passed; the 6th is tonight
    assert _active(guest)
    assert exit_date_of(guest) is None
    call_command("apply_shelter_exits", stdout=StringIO())
    assert not Exit.objects.exists()


def test_it_counts_the_stay_as_exited_the_day_after_the_nth_empty_night_before_the_command_runs(
    guest, time_machine
):
    _at(time_machine, 7)  # the nights of 4, 5 and 6 had no bed night
    assert not _active(guest)
    assert exit_date_of(guest) == dt.date(2025, 6, 4)
    assert not Exit.objects.exists()


def test_it_writes_the_same_exit_date_however_late_the_command_runs(guest, time_machine):
    _at(time_machine, 20)
    out = StringIO()
    call_command("apply_shelter_exits", stdout=out)
    record = Exit.objects.get(enrollment=guest)
    assert record.exit_date == dt.date(2025, 6, 4)
    assert record.destination == 30
    assert record.hud_user_id == "hearth-system"
    assert "1 shelter stay" in out.getvalue()
    call_command("apply_shelter_exits", stdout=StringIO())
    assert Exit.objects.count() == 1


def test_it_counts_from_the_project_start_when_there_is_no_bed_night(
    owner, shelter, family, time_machine, settings
):
    settings.HEARTH_SHELTER_AUTO_EXIT_NIGHTS = 2
    _at(time_machine, 10)
    (enrollment,) = enroll(owner, shelter, dt.date(2025, 6, 9), family[1])
    assert _active(enrollment)
    _at(time_machine, 11)  # the nights of the 9th and 10th passed with none
    assert not _active(enrollment)
    assert exit_date_of(enrollment) == dt.date(2025, 6, 9)


def test_it_uses_the_programs_own_number_of_nights(guest, shelter, time_machine):
    ProgramSettings.objects.create(project=shelter, shelter_auto_exit_nights=10)
    _at(time_machine, 10)
    assert _active(guest)
    _at(time_machine, 14)  # nights 4..13 empty
    assert not _active(guest)
    assert exit_date_of(guest) == dt.date(2025, 6, 4)


def test_it_refuses_a_bed_night_after_the_automatic_exit(owner, guest, time_machine):
    _at(time_machine, 9)
    with pytest.raises(ValidationError):
        bed_night_record(actor=owner, enrollment=guest, night=dt.date(2025, 6, 8))


def test_it_accepts_a_late_bed_night_that_keeps_the_stay_open(owner, guest, time_machine):
    _at(time_machine, 6)
    bed_night_record(actor=owner, enrollment=guest, night=dt.date(2025, 6, 5))
    _at(time_machine, 8)
    assert _active(guest)
    _at(time_machine, 9)  # nights 6, 7 and 8 empty
    assert exit_date_of(guest) == dt.date(2025, 6, 6)


def test_it_leaves_other_project_types_alone(owner, project, family, time_machine):
    _at(time_machine, 1)
    (enrollment,) = enroll(owner, project, dt.date(2025, 6, 1), family[2])
    _at(time_machine, 30)
    call_command("apply_shelter_exits", stdout=StringIO())
    assert _active(enrollment)
    assert not Exit.objects.exists()


def test_it_records_a_bed_night_once(owner, guest):
    _, created = bed_night_record(actor=owner, enrollment=guest, night=dt.date(2025, 6, 3))
    assert not created
    assert guest.service_set.filter(record_type=200).count() == 3


def test_it_refuses_bed_nights_outside_night_by_night_shelters(owner, project, family, frozen):
    (enrollment,) = enroll(owner, project, dt.date(2025, 6, 1), family[0])
    with pytest.raises(ValidationError):
        bed_night_record(actor=owner, enrollment=enrollment, night=dt.date(2025, 6, 2))


def test_it_asks_for_a_new_head_when_only_the_head_stopped_coming(
    owner, shelter, family, time_machine, settings
):
    from hearth.enrollments.selectors import household_members, household_needs_head
    from hearth.enrollments.services import household_head_change, household_member_add

    settings.HEARTH_SHELTER_AUTO_EXIT_NIGHTS = 3
    _at(time_machine, 1)
    head, partner = enroll(owner, shelter, dt.date(2025, 6, 1), family[0], family[1], relationships=[1, 3])
    for day in range(1, 8):
        _at(time_machine, day)
        bed_night_record(actor=owner, enrollment=partner, night=dt.date(2025, 6, day))
    _at(time_machine, 8)
    assert household_needs_head(household_members(head))
    with pytest.raises(ValidationError):
        household_member_add(
            actor=owner,
            household_of=partner,
            client=family[2],
            relationship=2,
            entry_date=dt.date(2025, 6, 8),
        )
    household_head_change(actor=owner, new_head=partner, former_head_relationship=3)
    assert not household_needs_head(household_members(head))
    assert Enrollment.objects.get(pk=head.pk).relationship_to_ho_h == 3


def test_it_ignores_an_undone_check_in_when_writing_the_exit(owner, guest, time_machine):
    from hearth.enrollments.services import bed_night_undo

    _at(time_machine, 4)
    bed_night_record(actor=owner, enrollment=guest, night=dt.date(2025, 6, 4))
    bed_night_undo(actor=owner, enrollment=guest, night=dt.date(2025, 6, 4))
    _at(time_machine, 8)
    assert exit_date_of(guest) == dt.date(2025, 6, 4)
    call_command("apply_shelter_exits", stdout=StringIO())
    assert Exit.objects.get(enrollment=guest).exit_date == dt.date(2025, 6, 4)


def test_it_takes_today_from_an_injected_clock(guest):
    from hearth.enrollments.services import apply_shelter_exits

    def clock_on(day):
        return lambda: dt.datetime(2025, 6, day, 20, 0, tzinfo=dt.UTC)

    # No time travel here: the rule reads only the stored bed nights and the date it is given.
    assert active_enrollments(Enrollment.objects.filter(pk=guest.pk), today=dt.date(2025, 6, 6)).exists()
    assert not active_enrollments(Enrollment.objects.filter(pk=guest.pk), today=dt.date(2025, 6, 7)).exists()
    assert apply_shelter_exits(clock_=clock_on(6)) == []
    (record,) = apply_shelter_exits(clock_=clock_on(25))
    assert record.exit_date == dt.date(2025, 6, 4)
    assert apply_shelter_exits(clock_=clock_on(26)) == []
