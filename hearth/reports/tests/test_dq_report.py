"""The Data Quality report (APR Q5a and Q6a-Q6f), on a hand-checked street outreach project
(report range 2024-01-01 to 2024-12-31).

- Ann, engaged on 2024-02-01, entered 2024-01-15 (the record was entered the same day), still
  enrolled, last contact 2024-11-20 (within 90 days of the end): active.
- Bob, engaged on 2024-03-01, entered 2024-02-01, still enrolled, last contact 2024-05-01: inactive.
  His veteran status is "prefers not to answer"; his disabling condition was not collected.
- Income at project start: Ann's record says she has income but names no source (a data issue);
  Bob has no record (information missing).
- Cyd entered 2024-06-01 and was never engaged: counted in Q5a column C only, not in data quality.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from hearth.enrollments.models import Enrollment
from hearth.reports.tests.helpers import D, cells, contact, enroll, income, person, project, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    outreach = project(4)
    ann, bob, cyd = person(D(1980, 1, 1)), person(D(1981, 1, 1), veteran_status=9), person(D(1982, 1, 1))
    a = enroll(ann, outreach, D(2024, 1, 15), household="A", date_of_engagement=D(2024, 2, 1))
    b = enroll(
        bob, outreach, D(2024, 2, 1), household="B", date_of_engagement=D(2024, 3, 1), disabling_condition=99
    )
    enroll(cyd, outreach, D(2024, 6, 1), household="C")
    # Record entry: Ann's the same day (2024-01-15); Bob's on 2024-02-06, five days after his start.
    stamp = timezone.make_aware(dt.datetime(2024, 1, 15, 12))
    Enrollment.objects.filter(pk=a.pk).update(date_created=stamp)
    Enrollment.objects.filter(pk=b.pk).update(date_created=stamp + dt.timedelta(days=22))
    income(a, 1, D(2024, 1, 15), any_source=1)
    contact(a, D(2024, 1, 15))
    contact(a, D(2024, 11, 20))
    contact(b, D(2024, 2, 1))
    contact(b, D(2024, 5, 1))
    return run("dq", D(2024, 1, 1), D(2024, 12, 31), [outreach])


def test_it_holds_only_the_data_quality_tables(report):
    assert [t["key"] for t in report.tables()] == ["Q5a", "Q6a", "Q6b", "Q6c", "Q6d", "Q6e", "Q6f"]


def test_it_counts_outreach_clients_for_data_quality_once_engaged(report):
    assert cells(report, "Q5a")[0] == [2, 3]


def test_it_finds_universal_data_element_issues(report):
    q6b = cells(report, "Q6b")
    assert q6b[0] == [1, 0, 0, 1, "0.5000"]  # Bob's veteran status
    assert q6b[4] == [0, 1, 0, 1, "0.5000"]  # Bob's disabling condition


def test_it_finds_income_data_quality_issues(report):
    destination, at_start, annual, at_exit = cells(report, "Q6c")
    # don't know/prefers not, missing, issues, total, rate (of the two engaged adults)
    assert at_start == [0, 1, 1, 2, "1.0000"]
    assert destination == [0, 0, None, 0, "0"]  # no leavers
    assert annual == [0, 0, 0, 0, "0"]  # no one has stayed a year
    assert at_exit == [0, 0, 0, 0, "0"]


def test_it_measures_timeliness(report):
    q6e = cells(report, "Q6e")
    assert [row[0] for row in q6e] == [0, 1, 0, 1, 0, 0]  # Ann 0 days, Bob 4-6 days


def test_it_finds_inactive_outreach_records(report):
    assert cells(report, "Q6f")[0] == [2, 1, "0.5000"]
