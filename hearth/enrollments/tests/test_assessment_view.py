"""Assessment pages ask the questions that apply to the member, and save them."""

import datetime as dt

import pytest
from django.urls import reverse

from hearth.enrollments.models import Disability, IncomeBenefit
from hearth.enrollments.tests.conftest import enroll


@pytest.fixture
def household(owner, project, family, frozen):
    return enroll(owner, project, dt.date(2025, 6, 1), family[0], family[2])


def _no_disabilities(prefix="disabilities"):
    return {f"{prefix}-response_{kind}": "0" for kind in (5, 6, 7, 8, 9, 10)}


def _post(client, enrollment, stage, data, *, token=None):
    """Post an assessment form the way a browser does: with the edit token the page was drawn with."""
    url = reverse("enrollments:assessment", args=[enrollment.pk, stage])
    if token is None:
        token = client.get(url).context["edit_token"]
    return client.post(url, {**data, "edit_token": token})


def _start(amount="850.00"):
    return {
        "enrollment-disabling_condition": "0",
        "enrollment-living_situation": "116",
        "enrollment-length_of_stay": "4",
        "enrollment-times_homeless_past_three_years": "1",
        "enrollment-months_homeless_past_three_years": "104",
        "enrollment-enrollment_coc": "CA-600",
        "income-income_from_any_source": "1",
        "income-earned": "on",
        "income-earned_amount": amount,
        "benefits-benefits_from_any_source": "1",
        "benefits-snap": "on",
        "insurance-insurance_from_any_source": "0",
        "domestic_violence-domestic_violence_survivor": "0",
        **_no_disabilities(),
    }


def test_it_asks_the_head_about_income_and_prior_living(client, owner, household):
    client.force_login(owner)
    body = client.get(reverse("enrollments:assessment", args=[household[0].pk, "start"])).content.decode()
    assert "Income and sources (4.02)" in body
    assert "Prior living situation" in body
    assert "Enrollment CoC" in body
    assert "Domestic violence (4.11)" in body


def test_it_asks_a_child_only_insurance_and_disabilities(client, owner, household):
    client.force_login(owner)
    body = client.get(reverse("enrollments:assessment", args=[household[1].pk, "start"])).content.decode()
    assert "Health insurance (4.04)" in body and "Disabilities (4.05–4.10)" in body
    assert "Income and sources" not in body
    assert "Prior living situation" not in body
    assert "Enrollment CoC" not in body


def test_it_saves_the_heads_project_start(client, owner, household):
    client.force_login(owner)
    response = _post(client, household[0], "start", _start())
    assert response.status_code == 302, response.content.decode()[:3000]
    record = IncomeBenefit.objects.get(enrollment=household[0], data_collection_stage=1)
    assert record.total_monthly_income == 850 and record.snap == 1 and record.medicaid == 0
    assert Disability.objects.filter(enrollment=household[0]).count() == 6
    again = client.get(reverse("enrollments:assessment", args=[household[0].pk, "start"]))
    assert again.context["sections"]["income"]["earned"].value() is True


def test_it_shows_the_dependent_question_errors(client, owner, household):
    client.force_login(owner)
    data = {
        "enrollment-disabling_condition": "0",
        "enrollment-living_situation": "410",
        "enrollment-length_of_stay": "10",
        "enrollment-enrollment_coc": "CA-600",
        "income-income_from_any_source": "1",
        "benefits-benefits_from_any_source": "0",
        "insurance-insurance_from_any_source": "0",
        "domestic_violence-domestic_violence_survivor": "1",
        **_no_disabilities(),
    }
    response = client.post(reverse("enrollments:assessment", args=[household[0].pk, "start"]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Say whether the client stayed on the streets" in body
    assert "Mark at least one source of income" in body
    assert "This follow-up question is required." in body
    assert not IncomeBenefit.objects.exists()


def test_it_dates_an_update(client, owner, household):
    client.force_login(owner)
    data = {
        "info-information_date": "2025-06-10",
        "insurance-insurance_from_any_source": "1",
        "insurance-medicaid": "on",
        **_no_disabilities(),
    }
    response = _post(client, household[1], "update", data)
    assert response.status_code == 302
    assert IncomeBenefit.objects.get(data_collection_stage=2).information_date == dt.date(2025, 6, 10)


def test_it_refuses_a_start_form_drawn_before_someone_elses_save(client, owner, household):
    client.force_login(owner)
    url = reverse("enrollments:assessment", args=[household[0].pk, "start"])
    first = client.get(url).context["edit_token"]
    second = client.get(url).context["edit_token"]
    assert _post(client, household[0], "start", _start("850.00"), token=first).status_code == 302

    refused = _post(client, household[0], "start", _start("400.00"), token=second)

    assert refused.status_code == 409
    body = refused.content.decode()
    assert "someone else changed this assessment" in body and "income, benefits and insurance" in body
    assert 'value="400.00"' in body  # the user's answers are still in the form
    assert IncomeBenefit.objects.get(enrollment=household[0], data_collection_stage=1).earned_amount == 850
    # Saving again from the refused page is a deliberate choice, and it goes through.
    retry = _post(client, household[0], "start", _start("400.00"), token=refused.context["edit_token"])
    assert retry.status_code == 302
    assert IncomeBenefit.objects.get(enrollment=household[0], data_collection_stage=1).earned_amount == 400


def test_it_refuses_a_start_form_without_its_token(client, owner, household):
    client.force_login(owner)
    url = reverse("enrollments:assessment", args=[household[0].pk, "start"])
    response = client.post(url, _start())
    assert response.status_code == 409
    assert not IncomeBenefit.objects.exists()


def test_it_lets_two_updates_drawn_together_both_save(client, owner, household):
    # Each update is a record of its own, so two staff recording updates overwrite nothing.
    client.force_login(owner)
    url = reverse("enrollments:assessment", args=[household[1].pk, "update"])
    tokens = [client.get(url).context["edit_token"] for _ in range(2)]
    for day, token in zip(("2025-06-10", "2025-06-11"), tokens, strict=True):
        data = {
            "info-information_date": day,
            "insurance-insurance_from_any_source": "0",
            **_no_disabilities(),
        }
        assert _post(client, household[1], "update", data, token=token).status_code == 302
    assert IncomeBenefit.objects.filter(data_collection_stage=2).count() == 2


def test_it_refuses_an_unknown_stage(client, owner, household):
    client.force_login(owner)
    assert client.get(reverse("enrollments:assessment", args=[household[0].pk, "weekly"])).status_code == 404


def test_it_audits_the_assessment_page(client, owner, household):
    from hearth.audit.models import AuditEvent

    client.force_login(owner)
    client.get(reverse("enrollments:assessment", args=[household[0].pk, "start"]))
    row = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, actor=owner, detail__page="assessment")
    assert (row.client_id, row.detail["stage"]) == (household[0].client_id, "start")
