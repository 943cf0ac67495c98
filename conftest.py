"""The fixed cast of the test suite.

- ``owner``: a case manager at the Owner Agency, which runs ``project`` and enrolled ``client``.
- ``partner``: a case manager at the Partner Agency; sees the client only where sharing allows.
- ``outsider``: a case manager at an agency with nothing to do with the client.
- ``admin_user``: an HMIS (system) administrator.
"""

from __future__ import annotations

import pytest

from hearth.accounts.models import Role
from hearth.testing import factories


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached figures (the home page's) must not carry over from one test's database to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner_agency(db):
    return factories.OrganizationFactory(organization_name="Owner Agency")


@pytest.fixture
def partner_agency(db):
    return factories.OrganizationFactory(organization_name="Partner Agency")


@pytest.fixture
def project(owner_agency):
    return factories.ProjectFactory(organization=owner_agency, project_name="Owner Shelter", project_type=0)


@pytest.fixture
def partner_project(partner_agency):
    return factories.ProjectFactory(
        organization=partner_agency, project_name="Partner Outreach", project_type=4
    )


@pytest.fixture
def client_record(project):
    client = factories.ClientFactory(
        first_name="Maria", last_name="Lopez", owner_organization=project.organization
    )
    factories.EnrollmentFactory(client=client, project=project)
    return client


@pytest.fixture
def owner(owner_agency):
    return factories.UserFactory(username="owner", organization=owner_agency, role=Role.CASE_MANAGER)


@pytest.fixture
def partner(partner_agency):
    return factories.UserFactory(username="partner", organization=partner_agency, role=Role.CASE_MANAGER)


@pytest.fixture
def outsider(db):
    agency = factories.OrganizationFactory(organization_name="Unrelated Agency")
    return factories.UserFactory(username="outsider", organization=agency, role=Role.CASE_MANAGER)


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(
        username="hmisadmin", organization=None, role=Role.HMIS_ADMIN, is_staff=True, is_superuser=False
    )
