"""The dominant record: the most complete and accurate; on a tie, the most program enrollments."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.clients.completeness import completeness, rank_for_dominance, suggest_dominant
from hearth.testing.factories import ClientFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_it_counts_complete_elements():
    full = ClientFactory(ssn="123456789", ssn_data_quality=1, veteran_status=0, sex=1)
    assert completeness(full).percent == 100
    partial = ClientFactory(
        ssn="xxxxx6789", ssn_data_quality=2, dob=None, dob_data_quality=99, veteran_status=99
    )
    result = completeness(partial)
    assert {e.label: e.points for e in result.elements} == {
        "Name": 1, "SSN": 0.5, "Date of birth": 0, "Race and ethnicity": 1, "Sex": 1, "Veteran status": 0,
    }  # fmt: skip
    assert result.percent == round(100 * 3.5 / 6)


def test_it_gives_no_credit_for_an_impossible_ssn_or_dob():
    client = ClientFactory(ssn="666123456", ssn_data_quality=1, dob=dt.date(1900, 1, 1))
    notes = {e.label: e.note for e in completeness(client).elements}
    assert notes["SSN"] == "impossible number"
    assert notes["Date of birth"] == "before 1915"


def test_it_suggests_the_most_complete_record():
    sparse = ClientFactory(ssn=None, ssn_data_quality=99)
    complete = ClientFactory(ssn="123456789", ssn_data_quality=1)
    EnrollmentFactory.create_batch(3, client=sparse)
    assert suggest_dominant([sparse, complete]) == complete


def test_it_breaks_a_tie_by_enrollments(project):
    first = ClientFactory(ssn=None, ssn_data_quality=99)
    busier = ClientFactory(ssn=None, ssn_data_quality=99)
    EnrollmentFactory.create_batch(2, client=busier, project=project)
    EnrollmentFactory(client=first, project=project)
    ranked = rank_for_dominance([first, busier])
    assert [r.client for r in ranked] == [busier, first]
    assert ranked[0].suggested and ranked[0].enrollments == 2


def test_it_breaks_a_full_tie_by_the_older_record():
    older = ClientFactory()
    newer = ClientFactory()
    assert suggest_dominant([newer, older]) == older


@pytest.mark.parametrize(
    ("first", "last", "note"), [("Unknown", "Doe", "missing"), ("J", "Smith", "partial")]
)
def test_it_counts_a_placeholder_name_as_missing(first, last, note):
    client = ClientFactory(first_name=first, last_name=last, name_data_quality=1)
    notes = {e.label: e.note for e in completeness(client).elements}
    assert notes["Name"] == note
