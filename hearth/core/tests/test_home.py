"""The home page: real figures from the database, limited to what the user may see."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hearth.accounts.models import Role
from hearth.testing import factories


def figures(response) -> dict[str, int]:
    html = response.content.decode()
    found = re.findall(r'data-figure="([\w-]+)">([\d,]+)<', html)
    return {name: int(value.replace(",", "")) for name, value in found}


@pytest.fixture
def coc(client_record, project, partner_project):
    """Beside the cast's client: an exited stay at the owner's shelter and a partner-only client."""
    left = factories.EnrollmentFactory(project=project, entry_date=dt.date(2024, 2, 1))
    factories.ExitFactory(enrollment=left, client=left.client, exit_date=dt.date(2024, 2, 20))
    partners_client = factories.ClientFactory(owner_organization=partner_project.organization)
    factories.EnrollmentFactory(client=partners_client, project=partner_project)
    gone = factories.ClientFactory(owner_organization=project.organization)
    factories.EnrollmentFactory(client=gone, project=project).soft_delete()
    gone.soft_delete()
    return project


def test_it_shows_an_agency_user_only_their_agencys_figures(client, owner, coc):
    client.force_login(owner)
    response = client.get("/")
    assert response.status_code == 200
    assert figures(response) == {"clients": 2, "active-enrollments": 1, "projects": 1}
    assert [row["name"] for row in response.context["by_agency"]] == ["Owner Agency"]
    assert "Partner Agency" not in response.content.decode()


def test_it_shows_an_unrelated_agency_nothing_of_others(client, outsider, coc):
    client.force_login(outsider)
    response = client.get("/")
    assert figures(response) == {"clients": 0, "active-enrollments": 0, "projects": 0}
    assert response.context["by_agency"] == [{"name": "Unrelated Agency", "projects": 0, "active": 0}]


def test_it_shows_an_hmis_administrator_the_whole_coc(client, admin_user, coc, outsider):
    client.force_login(admin_user)
    response = client.get("/")
    assert figures(response) == {"clients": 3, "active-enrollments": 2, "projects": 2}
    rows = {row["name"]: (row["projects"], row["active"]) for row in response.context["by_agency"]}
    assert rows == {"Owner Agency": (1, 1), "Partner Agency": (1, 1), "Unrelated Agency": (0, 0)}


def test_it_tells_a_user_without_an_agency_how_to_get_one(client, db):
    user = factories.UserFactory(organization=None, role=Role.CASE_MANAGER)
    client.force_login(user)
    response = client.get("/")
    assert figures(response) == {"clients": 0, "active-enrollments": 0, "projects": 0}
    assert "not linked to an agency" in response.content.decode()


def test_it_sends_an_anonymous_visitor_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_it_keeps_the_figures_five_minutes_and_then_counts_again(client, owner, coc, time_machine):
    time_machine.move_to(dt.datetime(2025, 6, 16, 19, 0, tzinfo=dt.UTC), tick=False)
    client.force_login(owner)
    assert figures(client.get("/"))["active-enrollments"] == 1
    factories.EnrollmentFactory(project=coc)
    time_machine.move_to(dt.datetime(2025, 6, 16, 19, 4, 30, tzinfo=dt.UTC), tick=False)
    response = client.get("/")
    assert figures(response)["active-enrollments"] == 1
    assert "Figures as of 12:00 p.m." in response.content.decode()
    time_machine.move_to(dt.datetime(2025, 6, 16, 19, 5, 1, tzinfo=dt.UTC), tick=False)
    assert figures(client.get("/"))["active-enrollments"] == 2


def test_it_never_shows_one_agency_the_figures_kept_for_another(client, owner, partner, coc):
    client.force_login(owner)
    client.get("/")
    client.force_login(partner)
    response = client.get("/")
    assert [row["name"] for row in response.context["by_agency"]] == ["Partner Agency"]
