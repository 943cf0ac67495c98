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
    data = {
        "enrollment-disabling_condition": "0",
        "enrollment-living_situation": "116",
        "enrollment-length_of_stay": "4",
        "enrollment-times_homeless_past_three_years": "1",
        "enrollment-months_homeless_past_three_years": "104",
        "enrollment-enrollment_coc": "CA-600",
        "income-income_from_any_source": "1",
        "income-earned": "on",
        "income-earned_amount": "850.00",
        "benefits-benefits_from_any_source": "1",
        "benefits-snap": "on",
        "insurance-insurance_from_any_source": "0",
        "domestic_violence-domestic_violence_survivor": "0",
        **_no_disabilities(),
    }
    response = client.post(reverse("enrollments:assessment", args=[household[0].pk, "start"]), data)
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
    response = client.post(reverse("enrollments:assessment", args=[household[1].pk, "update"]), data)
    assert response.status_code == 302
    assert IncomeBenefit.objects.get(data_collection_stage=2).information_date == dt.date(2025, 6, 10)


def test_it_refuses_an_unknown_stage(client, owner, household):
    client.force_login(owner)
    assert client.get(reverse("enrollments:assessment", args=[household[0].pk, "weekly"])).status_code == 404


def test_it_audits_the_assessment_page(client, owner, household):
    from hearth.audit.models import AuditEvent

    client.force_login(owner)
    client.get(reverse("enrollments:assessment", args=[household[0].pk, "start"]))
    row = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, actor=owner, detail__page="assessment")
    assert (row.client_id, row.detail["stage"]) == (household[0].client_id, "start")
