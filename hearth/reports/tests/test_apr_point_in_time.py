"""APR Q7b and Q8b: who is counted on the last Wednesday of January, April, July and October, for
every kind of project (report range 2024-01-01 to 2024-12-31; the count nights are 2024-01-31,
04-24, 07-31 and 10-30).

The rules, from HUD's APR/CAPER programming specifications:
- residential projects (emergency shelter entry/exit, transitional housing, safe haven, permanent
  housing): entered on or before the night and not yet exited (an exit on the count night means the
  person slept elsewhere);
- PSH and RRH: also housed, the head of household's move-in date on or before the night;
- night-by-night shelter: a bed night on the count night;
- the others (street outreach, services only, day shelter, homelessness prevention, coordinated
  entry, other): entered on or before the night and exited on or after it.
"""

from __future__ import annotations

import pytest

from hearth.reports.tests.helpers import D, cells, enroll, person, project, run, service

pytestmark = pytest.mark.django_db
START, END = D(2024, 1, 1), D(2024, 12, 31)
JULY_NIGHT = D(2024, 7, 31)
JULY = 2  # Q7b's row for July


def _july(project_type: int, **stay) -> int:
    """Q7b's July total for one adult in one project of the given type."""
    made = project(project_type)
    enroll(person(D(1980, 1, 1)), made, stay.pop("entry", D(2024, 7, 1)), household="h", **stay)
    return cells(run("apr", START, END, [made]), "Q7b")[JULY][0]


@pytest.mark.parametrize("project_type", [0, 2, 8, 9, 10])
def test_it_counts_a_residential_stay_up_to_the_night_before_the_exit(project_type):
    assert _july(project_type, exit_on=D(2024, 8, 1)) == 1
    assert _july(project_type, exit_on=JULY_NIGHT) == 0


@pytest.mark.parametrize("project_type", [4, 6, 7, 11, 12, 14])
def test_it_counts_a_non_residential_enrollment_that_ends_on_the_night(project_type):
    assert _july(project_type, exit_on=JULY_NIGHT) == 1
    assert _july(project_type, exit_on=D(2024, 7, 30)) == 0
    assert _july(project_type) == 1  # still enrolled


@pytest.mark.parametrize("project_type", [3, 13])
def test_it_counts_permanent_housing_only_once_the_household_moved_in(project_type):
    assert _july(project_type, move_in_date=JULY_NIGHT) == 1
    assert _july(project_type, move_in_date=D(2024, 8, 1)) == 0
    assert _july(project_type) == 0  # never moved in
    assert _july(project_type, move_in_date=D(2024, 7, 2), exit_on=JULY_NIGHT) == 0


def test_it_counts_a_child_in_a_housed_household_by_the_heads_move_in():
    rrh = project(13)
    enroll(person(D(1980, 1, 1)), rrh, D(2024, 7, 1), household="h", move_in_date=D(2024, 7, 10))
    enroll(person(D(2015, 1, 1)), rrh, D(2024, 7, 1), household="h", rel=2)
    finished = run("apr", START, END, [rrh])
    assert cells(finished, "Q7b")[JULY] == [2, 0, 2, 0, 0]
    assert cells(finished, "Q8b")[JULY] == [1, 0, 1, 0, 0]


def test_it_counts_a_night_by_night_guest_only_with_a_bed_night_that_night():
    shelter = project(1)
    stayed = enroll(person(D(1980, 1, 1)), shelter, D(2024, 7, 1), household="a")
    service(stayed, JULY_NIGHT)
    elsewhere = enroll(person(D(1981, 1, 1)), shelter, D(2024, 7, 1), household="b")
    service(elsewhere, D(2024, 7, 30))
    service(elsewhere, D(2024, 8, 1))
    q7b = cells(run("apr", START, END, [shelter]), "Q7b")
    assert q7b[JULY][0] == 1
    assert q7b[0][0] == 0  # January: neither had entered
