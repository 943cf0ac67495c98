"""Fixtures for the case-management tests, on top of the project's fixed cast (conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.testing import factories

TODAY = dt.date(2025, 6, 16)


@pytest.fixture
def frozen(time_machine):
    """Noon in the CoC's time zone on TODAY."""
    time_machine.move_to(dt.datetime(2025, 6, 16, 19, 0, tzinfo=dt.UTC), tick=False)
    return TODAY


@pytest.fixture
def family(owner_agency):
    """Three clients of the owner agency: a mother (adult), her partner (adult) and a child of 8."""
    mother = factories.ClientFactory(
        first_name="Ana", last_name="Reyes", dob=dt.date(1990, 3, 1), owner_organization=owner_agency
    )
    partner = factories.ClientFactory(
        first_name="Luis", last_name="Reyes", dob=dt.date(1988, 7, 9), owner_organization=owner_agency
    )
    child = factories.ClientFactory(
        first_name="Sofia", last_name="Reyes", dob=dt.date(2017, 1, 20), owner_organization=owner_agency
    )
    return mother, partner, child


@pytest.fixture
def shelter(owner_agency):
    """A night-by-night emergency shelter run by the owner agency."""
    return factories.ProjectFactory(organization=owner_agency, project_name="Night Shelter", project_type=1)


@pytest.fixture
def housing(owner_agency):
    """A rapid re-housing program run by the owner agency."""
    return factories.ProjectFactory(
        organization=owner_agency, project_name="Rapid Re-Housing", project_type=13
    )


@pytest.fixture
def outreach(owner_agency):
    return factories.ProjectFactory(organization=owner_agency, project_name="Street Outreach", project_type=4)


def enroll(actor, project, entry_date, *people, relationships=None, **kwargs):
    """Enroll ``people`` (the first is the head) through the service."""
    from hearth.enrollments.services import MemberStart, enrollment_create

    relationships = relationships or [1] + [2] * (len(people) - 1)
    members = [
        MemberStart(client=p, relationship=r, disabling_condition=0)
        for p, r in zip(people, relationships, strict=True)
    ]
    return enrollment_create(actor=actor, project=project, entry_date=entry_date, members=members, **kwargs)
