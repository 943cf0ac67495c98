"""The Program roster, on hand-checked enrollments (report range 2024-01-01 to 2024-06-30).

- Ana (born 1980-06-15) heads household A since 2023-12-01 (moved in 2023-12-10): aged 43 on the
  report start; 213 days to 2024-07-01; two services in the range (one before it is not counted);
  a project start and an update income record (two assessments); three case notes; assigned to
  the case manager "owner".
- Ben (born 2015-02-01), her son, entered with her: aged 8. No move-in date is recorded for him: he
  moved in with his mother on 2023-12-10.
- Dot (born 2012-05-05), her daughter, joined household A on 2024-03-01, after the move-in: aged
  11; housed from her own project start; 122 days to 2024-07-01.
- Carl (born 1990-03-01) stayed 2024-02-01 to 2024-03-15: aged 33 on his project start; 43 days.
- Carl's earlier stay ended 2023-11-30, before the range: not listed.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from hearth.enrollments.models import CaseAssignment, CaseNote
from hearth.reports.tests.helpers import D, enroll, income, person, project, run, service

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(owner):
    psh = project(3, name="Hope PSH")
    ana, ben, carl = person(D(1980, 6, 15)), person(D(2015, 2, 1)), person(D(1990, 3, 1))
    a = enroll(ana, psh, D(2023, 12, 1), household="A", move_in_date=D(2023, 12, 10))
    enroll(ben, psh, D(2023, 12, 1), household="A", rel=2)
    enroll(person(D(2012, 5, 5)), psh, D(2024, 3, 1), household="A", rel=2)
    enroll(carl, psh, D(2024, 2, 1), household="C", exit_on=D(2024, 3, 15))
    enroll(carl, psh, D(2023, 6, 1), household="C0", exit_on=D(2023, 11, 30))
    for day in (D(2023, 12, 15), D(2024, 2, 1), D(2024, 3, 1)):
        service(a, day, record_type=144, type_provided=1)
    income(a, 1, D(2023, 12, 1), any_source=0)
    income(a, 2, D(2024, 2, 1), any_source=0)
    for i in range(3):
        CaseNote.objects.create(
            client=ana, enrollment=a, author=owner, created_at=timezone.now(), body=f"Visit {i}"
        )
    CaseAssignment.objects.create(enrollment=a, staff=owner, assigned_at=timezone.now())
    return run("roster", D(2024, 1, 1), D(2024, 6, 30), [psh])


def _rows(roster):
    # Ordered by project, household, relationship: Ana, her two children, Carl.
    return [row["cells"] for row in roster.tables()[0]["rows"]]


def _by_birth(roster):
    return {cells[3]: cells for cells in _rows(roster)}


def test_it_lists_each_enrollment_active_in_the_range(roster):
    assert [cells[1] for cells in _rows(roster)] == ["A", "A", "A", "C"]
    assert roster.universe_size == 4


def test_it_shows_dates_ages_stays_and_counts(roster, owner):
    rows = _by_birth(roster)
    staff = f"{owner.first_name} {owner.last_name}"
    assert rows["1980-06-15"][3:] == ["1980-06-15", 43, "2023-12-01", "", 213, "2023-12-10", 2, 2, 3, staff]
    assert rows["1990-03-01"][3:] == ["1990-03-01", 33, "2024-02-01", "2024-03-15", 43, "", 0, 0, 0, ""]


def test_it_gives_members_the_move_in_date_of_their_household(roster):
    rows = _by_birth(roster)
    assert rows["2015-02-01"][3:9] == ["2015-02-01", 8, "2023-12-01", "", 213, "2023-12-10"]
    assert rows["2012-05-05"][3:9] == ["2012-05-05", 11, "2024-03-01", "", 122, "2024-03-01"]


def test_it_names_the_program_household_relationship(roster):
    assert [cells[2] for cells in _rows(roster)] == [
        "Self (head of household)",
        "Child",
        "Child",
        "Self (head of household)",
    ]
