"""Records edited in Django's admin get the same lost-update protection as Hearth's own pages."""

import re

import pytest

from hearth.accounts.models import Role
from hearth.coordinated_entry.models import PrioritizationRule
from hearth.projects.models import ProjectCoC
from hearth.testing import factories


@pytest.fixture
def superuser(db):
    return factories.UserFactory(
        username="root", organization=None, role=Role.HMIS_ADMIN, is_staff=True, is_superuser=True
    )


def _token(client, url):
    page = client.get(url).content.decode()
    return re.search(r'name="edit_token" value="([^"]+)"', page).group(1)


def test_it_refuses_an_admin_save_over_another_administrators_change(client, superuser):
    rule = PrioritizationRule.objects.create(
        name="CoC rule", first="score", second="chronic", third="days_homeless"
    )
    url = f"/admin/coordinated_entry/prioritizationrule/{rule.pk}/change/"
    client.force_login(superuser)
    stale = _token(client, url)
    fresh = _token(client, url)
    form = {
        "name": "CoC rule",
        "first": "score",
        "second": "days_homeless",
        "third": "chronic",
        "active": "on",
    }
    assert client.post(url, {**form, "edit_token": fresh}).status_code == 302

    refused = client.post(url, {**form, "name": "Renamed", "edit_token": stale})
    unsigned = client.post(url, {**form, "name": "Renamed"})

    assert refused.status_code == unsigned.status_code == 200  # the form again, with the error
    assert "someone else changed this" in refused.content.decode()
    rule.refresh_from_db()
    assert (rule.name, rule.second) == ("CoC rule", "days_homeless")
    # The refused page carries a token of the record as it is now: saving again is deliberate.
    retry = client.post(url, {**form, "name": "Renamed", "edit_token": _token_from(refused)})
    assert retry.status_code == 302
    rule.refresh_from_db()
    assert rule.name == "Renamed"


def _token_from(response):
    return re.search(r'name="edit_token" value="([^"]+)"', response.content.decode()).group(1)


def test_it_guards_hud_reference_data_too(client, superuser, project):
    coc = factories.ProjectCoCFactory(project=project)
    url = f"/admin/projects/projectcoc/{coc.pk}/change/"
    client.force_login(superuser)
    stale = _token(client, url)
    ProjectCoC.objects.filter(pk=coc.pk).update(coc_code="CA-601")  # an import, say
    page = client.post(
        url, {"project": project.pk, "coc_code": "CA-602", "geocode": "060000", "edit_token": stale}
    )
    assert "someone else changed this" in page.content.decode()
    assert ProjectCoC.objects.get(pk=coc.pk).coc_code == "CA-601"
