"""Report tests run reports in the request that asks for them (after commit), not in a worker."""

from __future__ import annotations

import pytest

from hearth.accounts.models import Role
from hearth.reports.tests.helpers import D, enroll, person
from hearth.testing import factories


@pytest.fixture(autouse=True)
def _inline_reports(settings):
    settings.HEARTH_REPORT_RUNNER = "inline"


@pytest.fixture
def analyst(owner_agency):
    """A report analyst at the Owner Agency: reports on every project, sees only its own clients."""
    return factories.UserFactory(username="analyst", organization=owner_agency, role=Role.REPORT_ANALYST)


@pytest.fixture
def two_agencies(project, partner_project):
    """Two adults at the Owner Agency's shelter, one at the Partner Agency's outreach (2024)."""
    for i, dob in enumerate((D(1980, 1, 1), D(1985, 1, 1))):
        enroll(
            person(dob, owner_organization=project.organization), project, D(2024, 2, 1), household=f"O{i}"
        )
    enroll(
        person(D(1990, 1, 1), owner_organization=partner_project.organization),
        partner_project,
        D(2024, 3, 1),
        household="P0",
        date_of_engagement=D(2024, 3, 1),
    )
    return project, partner_project


@pytest.fixture
def owner(owner_agency):
    """The Owner Agency's administrator: case managers may not run reports, so report tests run
    them as the agency's administrator (the same data scope as its case managers)."""
    return factories.UserFactory(username="owner", organization=owner_agency, role=Role.AGENCY_ADMIN)


@pytest.fixture
def case_manager(owner_agency):
    return factories.UserFactory(username="cm", organization=owner_agency, role=Role.CASE_MANAGER)


@pytest.fixture
def partner(partner_agency):
    return factories.UserFactory(username="partner", organization=partner_agency, role=Role.AGENCY_ADMIN)
