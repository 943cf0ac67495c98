"""The Django admin for reference data: agencies, projects, funders, project CoCs and inventory."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.accounts.models import Role
from hearth.projects.models import Funder, Organization, Project, ProjectCoC
from hearth.testing import factories

MODELS = ["organization", "project", "funder", "projectcoc", "inventory"]


@pytest.fixture
def superuser(db):
    return factories.UserFactory(
        username="root",
        organization=None,
        role=Role.HMIS_ADMIN,
        is_staff=True,
        is_superuser=True,
        hud_user_id="hu-9",
    )


@pytest.mark.parametrize("model", MODELS)
def test_it_lists_and_offers_to_add_each_kind_of_reference_data(client, superuser, project, model):
    factories.ProjectCoCFactory(project=project)
    client.force_login(superuser)
    for page in ("", "add/"):
        response = client.get(f"/admin/projects/{model}/{page}")
        assert response.status_code == 200, (model, page)


def test_it_shows_a_project_with_its_inline_records(client, superuser, project):
    factories.ProjectCoCFactory(project=project, coc_code="CA-600")
    client.force_login(superuser)
    response = client.get(f"/admin/projects/project/{project.pk}/change/")
    assert response.status_code == 200
    assert b"CA-600" in response.content
    assert b"Owner Shelter" in response.content


def project_form(organization: Organization, **changes: str) -> dict[str, str]:
    data = {
        "organization": str(organization.pk),
        "project_name": "Harbor Interim Housing",
        "operating_start_date": "2024-01-01",
        "continuum_project": "1",
        "project_type": "0",
        "target_population": "4",
    }
    for prefix in ("projectcoc_set", "funder_set", "inventory_set"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data.update(changes)
    return data


def test_it_adds_a_project_with_hud_bookkeeping_filled_in(client, superuser, owner_agency):
    client.force_login(superuser)
    data = project_form(
        owner_agency,
        **{
            "projectcoc_set-TOTAL_FORMS": "1",
            "projectcoc_set-0-coc_code": "CA-600",
            "projectcoc_set-0-state": "CA",
        },
    )
    response = client.post("/admin/projects/project/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(project_name="Harbor Interim Housing")
    assert project.hud_user_id == "hu-9"
    assert project.date_created is not None and project.hud_id
    coc = ProjectCoC.objects.get(project=project)
    assert coc.hud_user_id == "hu-9" and coc.data_source_id == project.data_source_id


def test_it_refuses_a_project_that_closes_before_it_opens(client, superuser, owner_agency):
    client.force_login(superuser)
    response = client.post(
        "/admin/projects/project/add/", project_form(owner_agency, operating_end_date="2023-12-31")
    )
    assert response.status_code == 200
    assert "OperatingEndDate is before OperatingStartDate" in response.content.decode()
    assert not Project.objects.filter(project_name="Harbor Interim Housing").exists()


def test_it_refuses_a_code_outside_the_hud_list(client, superuser, owner_agency):
    client.force_login(superuser)
    response = client.post("/admin/projects/project/add/", project_form(owner_agency, project_type="5"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_it_deletes_by_setting_date_deleted(client, superuser, project):
    funder = Funder.objects.create(
        project=project,
        funder=46,
        start_date=dt.date(2024, 1, 1),
        hud_user_id="u",
        date_created=project.date_created,
    )
    client.force_login(superuser)
    response = client.post(f"/admin/projects/funder/{funder.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Funder.objects.filter(pk=funder.pk).exists()
    assert Funder.all_objects.get(pk=funder.pk).date_deleted is not None


def test_it_keeps_case_managers_out(client, owner):
    client.force_login(owner)
    response = client.get("/admin/projects/project/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
