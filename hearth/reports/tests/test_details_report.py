"""The Program details report, on hand-checked projects (report range 2024-01-01 to 2024-06-30).

PSH (10 beds, 5 units): Ana (head) and her son Ben stay, housed since 2023-12-10, both entered
2023-12-01 (213 days to 2024-07-01); Carl stayed 2024-02-01 to 2024-03-15 (43 days) and left to a
rental without subsidy (410, permanent). Average days: (213 + 213 + 43) / 3 = 156.33.
ES-EE: Dan stayed 2024-03-01 to 2024-03-11 (10 days) and left to the street (116); Eve entered
2024-06-01 (30 days). Average days: 20.
Point-in-time nights in range: 2024-01-31 and 2024-04-24: Ana and Ben in PSH.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from hearth.hud.models import local_data_source
from hearth.projects.models import Inventory
from hearth.reports.tests.helpers import D, cells, enroll, person, project, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    psh = project(3, name="A Hope PSH")
    shelter = project(0, name="B Shelter")
    Inventory.objects.create(
        project=psh, household_type=1, unit_inventory=5, bed_inventory=10, inventory_start_date=D(2020, 1, 1),
        data_source=local_data_source(), date_created=timezone.now(), date_updated=timezone.now(), hud_user_id="t",
    )  # fmt: skip
    ana, ben, carl = person(D(1980, 6, 15)), person(D(2015, 2, 1)), person(D(1990, 3, 1))
    dan, eve = person(D(1970, 1, 1)), person(D(1975, 1, 1))
    enroll(ana, psh, D(2023, 12, 1), household="A", move_in_date=D(2023, 12, 10))
    enroll(ben, psh, D(2023, 12, 1), household="A", rel=2)
    enroll(carl, psh, D(2024, 2, 1), household="C", exit_on=D(2024, 3, 15), destination=410)
    enroll(dan, shelter, D(2024, 3, 1), household="D", exit_on=D(2024, 3, 11), destination=116)
    enroll(eve, shelter, D(2024, 6, 1), household="E")
    return run("details", D(2024, 1, 1), D(2024, 6, 30), [psh, shelter])


def test_it_counts_who_each_project_served(report):
    psh, shelter = cells(report, "PD1")
    # persons, households, adults, children, stayers, leavers, to permanent, share, moved in, days
    assert psh[3:] == [3, 2, 2, 1, 2, 1, 1, "1.0000", 2, "156.33"]
    assert shelter[3:] == [2, 2, 2, 0, 1, 1, 0, "0.0000", 0, "20.00"]


def test_it_sets_capacity_beside_the_point_in_time_counts(report):
    psh, shelter = cells(report, "PD2")
    assert psh[1:] == ["10", "5", 2, 2, 0, 0]
    assert shelter[1:] == ["0", "0", 0, 0, 0, 0]
