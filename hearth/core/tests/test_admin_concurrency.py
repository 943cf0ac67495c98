"""Records edited in Django's admin get the same lost-update protection as Hearth's own pages."""

import re

import pytest

from hearth.accounts.models import Role
from hearth.coordinated_entry.models import PrioritizationRule, Question, Questionnaire
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


def _tokens(page):
    """The edit token and the inline rows' token a change page carries."""
    found = dict(re.findall(r'name="(edit_token|inline_token)" value="([^"]+)"', page))
    return {"edit_token": found["edit_token"], "inline_token": found["inline_token"]}


def test_it_refuses_an_admin_save_over_another_administrators_change(client, superuser):
    rule = PrioritizationRule.objects.create(
        name="CoC rule", first="score", second="chronic", third="days_homeless"
    )
    url = f"/admin/coordinated_entry/prioritizationrule/{rule.pk}/change/"
    client.force_login(superuser)
    stale = _tokens(client.get(url).content.decode())
    fresh = _tokens(client.get(url).content.decode())
    form = {
        "name": "CoC rule",
        "first": "score",
        "second": "days_homeless",
        "third": "chronic",
        "active": "on",
    }
    assert client.post(url, {**form, **fresh}).status_code == 302

    refused = client.post(url, {**form, "name": "Renamed", **stale})
    unsigned = client.post(url, {**form, "name": "Renamed"})

    assert refused.status_code == unsigned.status_code == 200  # the form again, with the error
    assert "someone else changed this" in refused.content.decode()
    rule.refresh_from_db()
    assert (rule.name, rule.second) == ("CoC rule", "days_homeless")
    # The refused page carries a token of the record as it is now: saving again is deliberate.
    retry = client.post(url, {**form, "name": "Renamed", **_tokens(refused.content.decode())})
    assert retry.status_code == 302
    rule.refresh_from_db()
    assert rule.name == "Renamed"


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


@pytest.fixture
def questionnaire_with_question(db):
    questionnaire = Questionnaire.objects.create(name="Housing needs")
    return questionnaire, Question.objects.create(
        questionnaire=questionnaire, order=1, text="Sleeping outside?", weight=3
    )


def _questionnaire_form(questionnaire, question, text):
    return {
        "name": questionnaire.name,
        "active": "on",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "1",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-id": str(question.pk),
        "questions-0-questionnaire": str(questionnaire.pk),
        "questions-0-order": "1",
        "questions-0-group": "",
        "questions-0-text": text,
        "questions-0-weight": "3",
    }


def test_it_refuses_an_admin_save_over_another_administrators_change_to_an_inline_row(
    client, superuser, questionnaire_with_question
):
    questionnaire, question = questionnaire_with_question
    url = f"/admin/coordinated_entry/questionnaire/{questionnaire.pk}/change/"
    client.force_login(superuser)
    stale = _tokens(client.get(url).content.decode())
    # Another administrator rewords the question; the questionnaire's own fields do not change.
    Question.objects.filter(pk=question.pk).update(text="Slept outside last night?")

    refused = client.post(url, {**_questionnaire_form(questionnaire, question, "Sleeping rough?"), **stale})

    assert refused.status_code == 200
    body = refused.content.decode()
    assert "someone else changed this" in body and "questions" in body
    assert Question.objects.get(pk=question.pk).text == "Slept outside last night?"
    retry = client.post(
        url, {**_questionnaire_form(questionnaire, question, "Sleeping rough?"), **_tokens(body)}
    )
    assert retry.status_code == 302
    assert Question.objects.get(pk=question.pk).text == "Sleeping rough?"


def test_it_refuses_an_admin_save_without_the_inline_rows_token(
    client, superuser, questionnaire_with_question
):
    questionnaire, question = questionnaire_with_question
    url = f"/admin/coordinated_entry/questionnaire/{questionnaire.pk}/change/"
    client.force_login(superuser)
    edit_only = {"edit_token": _tokens(client.get(url).content.decode())["edit_token"]}

    refused = client.post(
        url, {**_questionnaire_form(questionnaire, question, "Sleeping rough?"), **edit_only}
    )

    assert refused.status_code == 200 and "someone else changed this" in refused.content.decode()
    assert Question.objects.get(pk=question.pk).text == "Sleeping outside?"
