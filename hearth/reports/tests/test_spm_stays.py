"""The SPM's stays as loaded from the database: which households a CoC's SPM reads (HUD's client
location, 3.16) and the housing move-in its permanent housing members take from the head."""

from __future__ import annotations

import pytest

from hearth.reports.spm.stays import ES_EE, PSH, households_left_out, left_out_text, load_stays
from hearth.reports.tests.helpers import D, enroll, person, project

pytestmark = pytest.mark.django_db

ADULT, CHILD = D(1980, 5, 5), D(2015, 6, 1)


def _clients(stays):
    return set(stays)


def test_it_reads_only_the_households_whose_head_is_located_in_the_coc():
    shelter = project(ES_EE)
    here, child, elsewhere, partner = person(ADULT), person(CHILD), person(ADULT), person(ADULT)
    enroll(here, shelter, D(2024, 2, 1), household="H", enrollment_coc="CA-600")
    # HUD collects 3.16 for the head alone: the member is located where the head is.
    enroll(child, shelter, D(2024, 2, 1), household="H", rel=2, enrollment_coc=None)
    enroll(elsewhere, shelter, D(2024, 2, 1), household="E", enrollment_coc="CA-601")
    enroll(partner, shelter, D(2024, 2, 1), household="E", rel=3, enrollment_coc="CA-600")

    stays = load_stays([shelter.pk], end=D(2024, 12, 31), coc="CA-600")

    assert _clients(stays) == {here.pk, child.pk}
    assert _clients(load_stays([shelter.pk], end=D(2024, 12, 31), coc="CA-601")) == {elsewhere.pk, partner.pk}


def test_it_gives_the_members_of_a_housing_household_the_heads_move_in():
    psh = project(PSH)
    head, present, joined, left, own = (person(ADULT) for _ in range(5))
    enroll(head, psh, D(2024, 1, 10), household="P", move_in_date=D(2024, 3, 1))
    enroll(present, psh, D(2024, 1, 10), household="P", rel=3)
    enroll(joined, psh, D(2024, 4, 15), household="P", rel=2)
    enroll(left, psh, D(2024, 1, 10), household="P", rel=4, exit_on=D(2024, 2, 20))
    # A move-in recorded on a member but not on the head is not the household's.
    enroll(own, psh, D(2024, 1, 10), household="P", rel=5, move_in_date=D(2024, 2, 1))

    stays = load_stays([psh.pk], end=D(2024, 12, 31), coc="CA-600")

    move_ins = {client_id: client_stays[0].move_in for client_id, client_stays in stays.items()}
    assert move_ins == {
        head.pk: D(2024, 3, 1),
        present.pk: D(2024, 3, 1),
        joined.pk: D(2024, 4, 15),  # housed from their own project start
        left.pk: None,  # left before the household moved in
        own.pk: D(2024, 3, 1),
    }


def test_it_counts_a_heads_move_in_recorded_before_the_project_start_from_the_start():
    psh = project(PSH)
    head, member = person(ADULT), person(CHILD)
    enroll(head, psh, D(2024, 5, 1), household="Q", move_in_date=D(2024, 4, 20))
    enroll(member, psh, D(2024, 5, 1), household="Q", rel=2)
    late = person(ADULT)
    # A move-in after the head's exit never happened.
    enroll(late, psh, D(2024, 5, 1), household="R", move_in_date=D(2024, 9, 1), exit_on=D(2024, 8, 1))

    stays = load_stays([psh.pk], end=D(2024, 12, 31), coc="CA-600")

    assert stays[head.pk][0].move_in == stays[member.pk][0].move_in == D(2024, 5, 1)
    assert stays[late.pk][0].move_in is None


def test_it_counts_the_households_it_leaves_out():
    shelter = project(ES_EE)
    enroll(person(ADULT), shelter, D(2024, 2, 1), household="H", enrollment_coc="CA-600")
    enroll(person(ADULT), shelter, D(2024, 2, 1), household="E", enrollment_coc="CA-601")
    enroll(person(ADULT), shelter, D(2024, 3, 1), household="N", enrollment_coc=None)
    # Closed before the period: not a household of the period.
    enroll(
        person(ADULT), shelter, D(2023, 2, 1), household="O", enrollment_coc="CA-601", exit_on=D(2023, 5, 1)
    )

    left_out = households_left_out([shelter.pk], coc="CA-600", start=D(2024, 1, 1), end=D(2024, 12, 31))

    assert left_out == {"elsewhere": 1, "unlocated": 1}
    assert left_out_text(left_out).endswith(
        ": 1 located in another CoC and 1 with no client location recorded for the head."
    )
    assert left_out_text({"elsewhere": 0, "unlocated": 0}) == ""
