"""APR tables whose definition changed since FY2022 (so HUD's FY2022 test kit cannot check them), on
a hand-checked caseload of three single adults (report range 2024-01-01 to 2024-12-31).

- Ana, in PSH from 2024-01-10, moved in on 2024-03-20 (70 days), came from the street (116), is
  White and Hispanic/Latina/e/o; she left on 2024-10-31 to a rental with an HCV voucher (435, 433).
- Bo, in RRH from 2024-02-01, moved in on 2024-02-05 (4 days), came from an emergency shelter (101),
  is Asian; alcohol and drug use disorders at start (one record: both, two conditions); he left on
  2024-06-30 for the street (116).
- Cy, in RRH from 2024-04-01, came from a rental without subsidy (410), did not know his race and
  ethnicity; he left on 2024-05-01 without moving in, to stay with friends (313).

Every one is a household without children: the "Without Children" column equals the total.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Q

from hearth.enrollments.models import Exit
from hearth.reports.tests.helpers import D, disability, enroll, person, project, run

pytestmark = pytest.mark.django_db

NO_RACE = {"white": 0, "asian": 0, "hispanic_latinao": 0}


@pytest.fixture
def report():
    psh, rrh = project(3, name="A PSH"), project(13, name="B RRH")
    ana = person(D(1980, 1, 1), **{**NO_RACE, "white": 1, "hispanic_latinao": 1})
    bo = person(D(1981, 1, 1), **{**NO_RACE, "asian": 1})
    cy = person(D(1982, 1, 1), **NO_RACE, race_none=8)
    a = enroll(
        ana, psh, D(2024, 1, 10), household="A", move_in_date=D(2024, 3, 20), living_situation=116,
        exit_on=D(2024, 10, 31), destination=435,
    )  # fmt: skip
    Exit.objects.filter(enrollment=a).update(destination_subsidy_type=433)
    b = enroll(
        bo, rrh, D(2024, 2, 1), household="B", move_in_date=D(2024, 2, 5), living_situation=101,
        exit_on=D(2024, 6, 30), destination=116, disabling_condition=1,
    )  # fmt: skip
    disability(b, 1, D(2024, 2, 1), kind=10, response=3)
    enroll(
        cy, rrh, D(2024, 4, 1), household="C", living_situation=410, exit_on=D(2024, 5, 1), destination=313
    )
    return run("apr", D(2024, 1, 1), D(2024, 12, 31), [psh, rrh])


def _by_label(finished: Any, key: str) -> dict[str, list[Any]]:
    table = finished.table(key)
    assert table is not None, key
    rows: dict[str, list[Any]] = {}
    for row in table["rows"]:
        rows.setdefault(row["label"], row["cells"])  # the first of repeated labels ("Subtotal")
    return rows


def _alone(n: int) -> list[int]:
    """Total and "Without Children" both n; the other household types 0."""
    return [n, n, 0, 0, 0]


def test_it_counts_race_and_ethnicity_as_one_question(report):
    q12 = _by_label(report, "Q12")
    assert q12["White & Hispanic/Latina/e/o"] == _alone(1)  # Ana
    assert q12["Asian or Asian American"] == _alone(1)  # Bo
    assert q12["Client Doesn't Know/Prefers Not to Answer"] == _alone(1)  # Cy
    assert q12["White"] == _alone(0) and q12["Hispanic/Latina/e/o"] == _alone(0)
    assert q12["Total"] == _alone(3)


def test_it_counts_both_alcohol_and_drug_use_as_two_conditions(report):
    q13a1 = _by_label(report, "Q13a1")
    assert q13a1["Both Alcohol and Drug Use Disorders"][0] == 1
    assert q13a1["Alcohol Use Disorder"][0] == 0 and q13a1["Drug Use Disorder"][0] == 0
    q13a2 = _by_label(report, "Q13a2")
    assert q13a2["None"][0] == 2  # Ana and Cy
    assert q13a2["1 Condition"][0] == 0
    assert q13a2["2 Conditions"][0] == 1  # Bo
    assert q13a2["Total"][0] == 3


def test_it_groups_prior_living_situations_by_their_fy2024_codes(report):
    q15 = report.table("Q15")["rows"]
    by_label = _by_label(report, "Q15")
    assert by_label["Place not meant for habitation"] == _alone(1)  # Ana
    assert by_label[
        "Emergency shelter, including hotel or motel paid for with emergency shelter voucher, Host Home shelter"
    ] == _alone(1)  # Bo
    assert by_label["Rental by client, no ongoing housing subsidy"] == _alone(1)  # Cy
    subtotals = [row["cells"][0] for row in q15 if row["label"] == "Subtotal"]
    assert subtotals == [2, 0, 0, 1, 0]  # homeless, institutional, temporary, permanent, other
    assert by_label["Total"] == _alone(3)


def test_it_bands_the_time_from_project_start_to_move_in(report):
    q22c = _by_label(report, "Q22c")
    assert q22c["7 days or less"] == _alone(1)  # Bo, 4 days
    assert q22c["61 to 90 days"] == _alone(1)  # Ana, 70 days
    assert q22c["91 to 180 days"] == _alone(0)
    assert q22c["Total (persons moved into housing)"] == _alone(2)
    assert q22c["Average length of time to housing"] == ["37.00", "37.00", "0.00", "0.00", "0.00"]
    assert q22c["Persons who were exited without move-in"] == _alone(1)  # Cy
    assert q22c["Total persons"] == _alone(3)


def test_it_groups_destinations_and_rates_the_permanent_ones(report):
    q23c = _by_label(report, "Q23c")
    assert q23c[
        "Place not meant for habitation (e.g., a vehicle, an abandoned building, bus/train/subway station/airport or anywhere outside)"
    ] == _alone(1)  # Bo
    assert q23c[
        "Staying or living with friends, temporary tenure (e.g., room, apartment, or house)"
    ] == _alone(1)  # Cy
    assert q23c["Rental by client, with ongoing housing subsidy"] == _alone(1)  # Ana
    assert q23c["Total"] == _alone(3)
    assert q23c["Total persons exiting to positive housing destinations"] == _alone(1)
    assert q23c["Percentage of persons exiting to positive housing destinations"][:2] == ["0.3333", "0.3333"]
    q23d = _by_label(report, "Q23d")
    assert q23d["HCV voucher (tenant or project based) (not dedicated)"] == _alone(1)
    assert q23d["Total"] == _alone(1)


def test_it_crosses_destination_types_with_race_and_ethnicity(report):
    q23e = _by_label(report, "Q23e")
    header = report.table("Q23e")["header"]
    asian = header.index("Asian or Asian American") - 1
    mixed = header.index("At Least 1 Race and Hispanic/Latina/e/o") - 1
    unknown = header.index("Unknown (Doesn't Know, Prefers not to Answer, Data not Collected)") - 1
    assert q23e["Homeless Situations"][0] == 1 and q23e["Homeless Situations"][asian] == 1  # Bo
    assert q23e["Permanent Situations"][0] == 1 and q23e["Permanent Situations"][mixed] == 1  # Ana
    assert q23e["Temporary Situations"][0] == 1 and q23e["Temporary Situations"][unknown] == 1  # Cy
    assert q23e["Total"][0] == 3


def test_every_count_has_its_clients_behind_it(report):
    # The drill-down filter of a cell gives exactly the count shown (Q22c, 61 to 90 days: Ana).
    from hearth.reports.models import AprClient
    from hearth.reports.services import report_tables

    table = next(t for t in report_tables(report) if t.key == "Q22c")
    q = table.drill_q(5, 0)
    assert isinstance(q, Q)
    behind = AprClient.objects.filter(run=report).filter(q)
    assert list(behind.values_list("move_in_date", flat=True)) == [D(2024, 3, 20)]
