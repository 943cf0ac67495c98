"""The Income report, on hand-checked adults (report range 2024-01-01 to 2024-12-31).

- Ana stays in PSH since 2023-03-01: $900 SSI at start; at her annual assessment (2024-03-05, due
  2024-03-01) $950 SSI and $300 earned: SSI kept, earned income gained, total $900 -> $1,250.
- Carl left on 2024-08-31: $1,000 earned at start, no income at exit: earned income lost, total
  $1,000 -> $0.
- Dan left on 2024-06-30 with no income at start or exit.
"""

from __future__ import annotations

import pytest

from hearth.reports.tests.helpers import D, cells, enroll, income, person, project, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    psh = project(3)
    ana, carl, dan = person(D(1980, 6, 15)), person(D(1990, 1, 1)), person(D(1985, 5, 5))
    a = enroll(ana, psh, D(2023, 3, 1), household="A")
    c = enroll(carl, psh, D(2024, 2, 1), household="C", exit_on=D(2024, 8, 31))
    d = enroll(dan, psh, D(2024, 4, 1), household="D", exit_on=D(2024, 6, 30))
    income(a, 1, D(2023, 3, 1), any_source=1, ssi=900)
    income(a, 5, D(2024, 3, 5), any_source=1, ssi=950, earned=300)
    income(c, 1, D(2024, 2, 1), any_source=1, earned=1000)
    income(c, 3, D(2024, 8, 31), any_source=0)
    income(d, 1, D(2024, 4, 1), any_source=0)
    income(d, 3, D(2024, 6, 30), any_source=0)
    return run("income", D(2024, 1, 1), D(2024, 12, 31), [psh])


def test_it_compares_sources_at_start_and_at_the_latest_assessment(report):
    rows = cells(report, "IN1")
    earned, ssi = rows[0], rows[2]
    # at start, at latest, gained, lost, kept, latest/start
    assert earned == [1, 1, 1, 1, 0, "1.0000"]
    assert ssi == [1, 1, 0, 0, 1, "1.0000"]


def test_it_averages_amounts_and_their_change(report):
    earned, other, total = cells(report, "IN2")
    # Averages over the three adults: earned (0 + 1000 + 0)/3 at start, (300 + 0 + 0)/3 at latest.
    assert earned == [1, "333.33", 1, "100.00", "-233.33"]
    assert other == [1, "300.00", 1, "316.67", "16.67"]
    assert total == [2, "633.33", 1, "416.67", "-216.67"]


def test_it_counts_who_gained_and_who_lost(report):
    assert cells(report, "IN3") == [[0, 1, 1], [0, 0, 0], [1, 0, 1], [1, 0, 1], [2, 1, 3]]
