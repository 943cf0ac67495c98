"""The APR on a small, hand-checked caseload (report range 2024-01-01 to 2024-12-31).

A PSH project:
- household A: Ana (born 1980-06-15, head, entered 2023-03-01, moved in 2023-03-10, disabled, on
  the street since 2021-01-01: chronically homeless) and her son Ben (born 2015-02-01, entered with
  her). Both stay. Ana's annual assessment is due on 2024-03-01.
- household B: Carl (born 1990-01-01, a veteran) stayed 2024-01-10 to 2024-02-01, came back on
  2024-05-01, moved in 2024-06-15 and left on 2024-08-31 (his latest stay is the one reported).
A night-by-night shelter:
- Dee (born 2000-07-01) entered 2023-12-01; her only bed night is 2023-12-05: not active in 2024.
- Eve (date of birth not collected) entered 2024-02-01 with a bed night on 2024-02-02.
"""

from __future__ import annotations

import pytest

from hearth.reports.models import AprClient
from hearth.reports.tests.helpers import D, cells, enroll, income, person, project, run, service

pytestmark = pytest.mark.django_db
START, END = D(2024, 1, 1), D(2024, 12, 31)


@pytest.fixture
def caseload():
    psh = project(3, name="Hope PSH")
    shelter = project(1, name="Night Shelter")
    ana = person(D(1980, 6, 15), ssn="123456789", ssn_data_quality=1)
    ben = person(D(2015, 2, 1))
    carl = person(D(1990, 1, 1), veteran_status=1, ssn="078051120", ssn_data_quality=1)
    dee = person(D(2000, 7, 1))
    eve = person(None, last_name=None, ssn_data_quality=8)
    a = enroll(
        ana, psh, D(2023, 3, 1), household="A", disabling_condition=1, move_in_date=D(2023, 3, 10),
        date_to_street_essh=D(2021, 1, 1),
    )  # fmt: skip
    enroll(ben, psh, D(2023, 3, 1), household="A", rel=2)
    enroll(carl, psh, D(2024, 1, 10), household="B1", exit_on=D(2024, 2, 1))
    c = enroll(carl, psh, D(2024, 5, 1), household="B2", exit_on=D(2024, 8, 31), move_in_date=D(2024, 6, 15))
    d = enroll(dee, shelter, D(2023, 12, 1), household="D")
    service(d, D(2023, 12, 5))
    e = enroll(eve, shelter, D(2024, 2, 1), household="E", disabling_condition=99)
    service(e, D(2024, 2, 2))
    income(a, 1, D(2023, 3, 1), any_source=1, ssi=900)
    income(a, 5, D(2024, 3, 5), any_source=1, ssi=950)
    income(c, 1, D(2024, 5, 1), any_source=0)
    income(c, 3, D(2024, 8, 31), any_source=1, earned=1200)
    return run("apr", START, END, [psh, shelter])


def test_it_counts_each_client_once_on_their_latest_active_stay(caseload):
    universe = AprClient.objects.filter(run=caseload)
    # Dee has no bed night in the range; Carl's two stays make one row, on the later one.
    assert universe.count() == 4
    assert not universe.filter(dob=D(2000, 7, 1)).exists()
    carl = universe.get(veteran_status=1)
    assert (carl.entry_date, carl.exit_date, carl.household_id) == (D(2024, 5, 1), D(2024, 8, 31), "B2")


def test_it_fills_q5a_report_validations(caseload):
    # Ana, Ben, Carl, Eve; adults Ana and Carl; child Ben; Eve's age is unknown; Carl left; Carl is
    # a veteran; Ana is chronically homeless and Ben with her (household rule); Eve (age unknown)
    # heads her household; Ana has been in the project over 365 days at the report end.
    expected = [4, 2, 1, 1, 1, 1, 1, 3, 1, 1, 2, 0, 0, 2, 1, 1]
    assert [row[0] for row in cells(caseload, "Q5a")] == expected
    assert [row[1] for row in cells(caseload, "Q5a")] == expected


def test_it_splits_persons_by_program_household_type(caseload):
    q7a = cells(caseload, "Q7a")
    assert q7a[0] == [2, 1, 1, 0, 0]  # adults: Carl alone, Ana with a child
    assert q7a[1] == [1, 0, 1, 0, 0]  # Ben
    assert q7a[3] == [1, 0, 0, 0, 1]  # Eve: date of birth not collected, unknown household type
    assert q7a[4] == [4, 1, 2, 0, 1]
    # Moved into housing: Ana and Ben (head moved in 2023-03-10), Carl (2024-06-15).
    assert q7a[5] == [3, 1, 2, 0, 0]
    assert cells(caseload, "Q8a") == [[3, 1, 1, 0, 1], [2, 1, 1, 0, 0]]


def test_it_counts_people_present_on_the_last_wednesdays(caseload):
    # 2024-01-31, 04-24, 07-31 and 10-30. Carl is housed only on July 31; Eve has no bed night then.
    assert [row[0] for row in cells(caseload, "Q7b")] == [2, 2, 3, 2]
    assert [row[0] for row in cells(caseload, "Q8b")] == [1, 1, 2, 1]


def test_it_measures_length_of_participation(caseload):
    q22a1 = cells(caseload, "Q22a1")
    # Eve: one bed night (<= 30); Carl: 122 days (91-180); Ana and Ben: 672 days (366-730).
    assert q22a1[0] == [1, 0, 1]
    assert q22a1[3] == [1, 1, 0]
    assert q22a1[5] == [2, 0, 2]
    assert q22a1[10] == [4, 1, 3]


def test_it_reads_income_at_start_annual_assessment_and_exit(caseload):
    q16 = cells(caseload, "Q16")
    assert q16[0] == [1, 0, 0]  # no income: Carl at start
    assert q16[4] == [1, 1, 0]  # $501-$1,000: Ana at start ($900) and at her annual assessment ($950)
    assert q16[5] == [0, 0, 1]  # $1,001-$1,500: Carl at exit ($1,200 earned)
    assert q16[10] == [None, 0, None]
    assert q16[11] == [None, 0, None]
    assert q16[12] == [2, 1, 1]
    q17 = cells(caseload, "Q17")
    assert q17[0] == [0, 0, 1]  # earned income at exit
    assert q17[2] == [1, 1, 0]  # SSI
    assert q17[15] == [None, 1, 1]


def test_it_reports_personally_identifying_data_quality(caseload):
    q6a = cells(caseload, "Q6a")
    assert q6a[0] == [0, 1, 0, 1, "0.2500"]  # Eve has no last name
    # Ana's 123456789 is a placeholder; Ben's is not collected; Eve's is "don't know".
    assert q6a[1] == [1, 1, 1, 3, "0.7500"]
    assert q6a[2] == [0, 1, 0, 1, "0.2500"]  # Eve's date of birth
    assert q6a[4][3:] == [3, "0.7500"]


def test_it_leaves_out_households_of_another_coc(caseload):
    other = project(3, coc="CA-601", name="Elsewhere PSH")
    frank = person(D(1970, 1, 1))
    enroll(frank, other, D(2024, 3, 1), household="F", enrollment_coc="CA-601")
    gina = person(D(1971, 1, 1))
    enroll(gina, other, D(2024, 3, 1), household="G", enrollment_coc="CA-600")
    finished = run("apr", START, END, [other], coc="CA-600")
    assert cells(finished, "Q5a")[0] == [1, 1]


def test_it_counts_long_stayers_by_household_and_age():
    # Household H in PSH since 2023-01-02 (over 365 days by 2024-12-31): the head Hal, his partner
    # Ida (18+, counts through Hal's stay even though she joined 2024-06-01) and Joe, a member whose
    # date of birth is not collected (age unknown, neither adult nor head: not counted, and his
    # unknown age must not stop the universe being written).
    psh = project(3, name="Long PSH")
    hal, ida, joe = person(D(1970, 1, 1)), person(D(1975, 1, 1)), person(None)
    enroll(hal, psh, D(2023, 1, 2), household="H")
    enroll(ida, psh, D(2024, 6, 1), household="H", rel=3)
    enroll(joe, psh, D(2023, 1, 2), household="H", rel=4)
    finished = run("apr", START, END, [psh])
    universe = AprClient.objects.filter(run=finished)
    assert sorted(universe.values_list("long_stayer", flat=True)) == [False, True, True]
    assert not universe.get(client=joe).long_stayer
    assert cells(finished, "Q5a")[15] == [2, 2]
