"""Recording assessments: who is asked what, HUD's dependent questions, one record per stage."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hearth.enrollments.models import Disability, HealthAndDV, IncomeBenefit
from hearth.enrollments.services import AssessmentInput, assessment_record, enrollment_exit
from hearth.enrollments.tests.conftest import enroll

NO_DISABILITIES = {kind: {"disability_response": 0} for kind in (5, 6, 7, 8, 9, 10)}
NO_INSURANCE = {"insurance_from_any_source": 0}


@pytest.fixture
def household(owner, project, family, frozen):
    return enroll(owner, project, dt.date(2025, 6, 1), *family, relationships=[1, 3, 2])


def test_it_records_the_heads_project_start(owner, household):
    head = household[0]
    assessment_record(
        actor=owner,
        enrollment=head,
        stage=1,
        data=AssessmentInput(
            enrollment={
                "disabling_condition": 0,
                "living_situation": 116,
                "length_of_stay": 4,
                "date_to_street_essh": dt.date(2025, 1, 1),
                "times_homeless_past_three_years": 1,
                "months_homeless_past_three_years": 106,
                "enrollment_coc": "CA-600",
            },
            income={
                "income_from_any_source": 1,
                "earned": 1,
                "earned_amount": Decimal("900"),
                "ssi": 1,
                "ssi_amount": Decimal("300.50"),
            },
            benefits={"benefits_from_any_source": 0},
            insurance={"insurance_from_any_source": 1, "medicaid": 1},
            disabilities=NO_DISABILITIES,
            domestic_violence={"domestic_violence_survivor": 0},
        ),
    )
    head.refresh_from_db()
    assert (head.living_situation, head.enrollment_coc) == (116, "CA-600")
    income = IncomeBenefit.objects.get(enrollment=head, data_collection_stage=1)
    assert income.information_date == head.entry_date
    assert income.total_monthly_income == Decimal("1200.50")
    assert income.unemployment == 0 and income.snap == 0 and income.medicare == 0
    assert Disability.objects.filter(enrollment=head, data_collection_stage=1).count() == 6
    assert HealthAndDV.objects.get(enrollment=head).domestic_violence_survivor == 0


def test_it_refuses_income_questions_for_a_child(owner, household):
    child = household[2]
    with pytest.raises(ValidationError) as caught:
        assessment_record(
            actor=owner,
            enrollment=child,
            stage=1,
            data=AssessmentInput(income={"income_from_any_source": 0}, insurance=NO_INSURANCE),
        )
    assert "Income" in str(caught.value)
    assert not IncomeBenefit.objects.exists()


def test_it_records_a_childs_insurance_and_disabilities(owner, household):
    child = household[2]
    assessment_record(
        actor=owner,
        enrollment=child,
        stage=1,
        data=AssessmentInput(
            enrollment={"disabling_condition": 0}, insurance=NO_INSURANCE, disabilities=NO_DISABILITIES
        ),
    )
    record = IncomeBenefit.objects.get(enrollment=child)
    assert record.insurance_from_any_source == 0 and record.income_from_any_source is None


def test_it_refuses_the_enrollment_coc_for_a_member_who_is_not_the_head(owner, household):
    with pytest.raises(ValidationError):
        assessment_record(
            actor=owner,
            enrollment=household[1],
            stage=1,
            data=AssessmentInput(
                enrollment={
                    "disabling_condition": 0,
                    "living_situation": 116,
                    "length_of_stay": 4,
                    "times_homeless_past_three_years": 1,
                    "months_homeless_past_three_years": 101,
                    "enrollment_coc": "CA-600",
                }
            ),
        )


def test_it_asks_the_history_questions_after_a_short_institutional_stay(owner, household):
    with pytest.raises(ValidationError) as caught:
        assessment_record(
            actor=owner,
            enrollment=household[0],
            stage=1,
            data=AssessmentInput(
                enrollment={
                    "disabling_condition": 0,
                    "living_situation": 207,
                    "length_of_stay": 2,
                    "enrollment_coc": "CA-600",
                }
            ),
        )
    assert "previous_street_essh" in caught.value.message_dict


def test_it_clears_answers_to_questions_that_did_not_apply(owner, housing, family, frozen):
    (head,) = enroll(owner, housing, dt.date(2025, 6, 1), family[0])
    assessment_record(
        actor=owner,
        enrollment=head,
        stage=1,
        data=AssessmentInput(
            enrollment={
                "disabling_condition": 0,
                "living_situation": 410,
                "length_of_stay": 5,
                "rental_subsidy_type": 419,
                "previous_street_essh": 1,
                "times_homeless_past_three_years": 2,
                "enrollment_coc": "CA-600",
            }
        ),
    )
    head.refresh_from_db()
    assert head.los_under_threshold == 0
    assert head.rental_subsidy_type is None and head.previous_street_essh is None
    assert head.times_homeless_past_three_years is None


def test_it_flags_a_disabling_condition_that_contradicts_the_disabilities(owner, household):
    disabilities = {**NO_DISABILITIES, 9: {"disability_response": 1, "indefinite_and_impairs": 1}}
    with pytest.raises(ValidationError) as caught:
        assessment_record(
            actor=owner,
            enrollment=household[2],
            stage=1,
            data=AssessmentInput(
                enrollment={"disabling_condition": 0}, insurance=NO_INSURANCE, disabilities=disabilities
            ),
        )
    assert "disabling_condition" in caught.value.message_dict


def test_it_corrects_the_single_project_start_record(owner, household):
    child = household[2]
    for answer in (0, 1):
        assessment_record(
            actor=owner,
            enrollment=child,
            stage=1,
            data=AssessmentInput(insurance={"insurance_from_any_source": answer, "medicaid": 1}),
        )
    assert IncomeBenefit.objects.filter(enrollment=child, data_collection_stage=1).count() == 1
    assert IncomeBenefit.objects.get(enrollment=child).medicaid == 1


def test_it_adds_a_record_per_update(owner, household):
    child = household[2]
    for day in (5, 10):
        assessment_record(
            actor=owner,
            enrollment=child,
            stage=2,
            data=AssessmentInput(information_date=dt.date(2025, 6, day), insurance=NO_INSURANCE),
        )
    assert IncomeBenefit.objects.filter(enrollment=child, data_collection_stage=2).count() == 2


def test_it_refuses_an_update_dated_outside_the_enrollment(owner, household):
    with pytest.raises(ValidationError):
        assessment_record(
            actor=owner,
            enrollment=household[2],
            stage=2,
            data=AssessmentInput(information_date=dt.date(2025, 5, 31), insurance=NO_INSURANCE),
        )


def test_it_dates_the_annual_assessment_within_30_days_of_the_heads_anniversary(
    owner, project, family, time_machine
):
    time_machine.move_to(dt.datetime(2024, 3, 15, 19, 0, tzinfo=dt.UTC), tick=False)
    head, child = enroll(owner, project, dt.date(2024, 3, 15), family[0], family[2])
    time_machine.move_to(dt.datetime(2025, 4, 30, 19, 0, tzinfo=dt.UTC), tick=False)
    with pytest.raises(ValidationError) as caught:
        assessment_record(
            actor=owner,
            enrollment=child,
            stage=5,
            data=AssessmentInput(information_date=dt.date(2025, 4, 20), insurance=NO_INSURANCE),
        )
    assert "30 days" in str(caught.value)
    assessment_record(
        actor=owner,
        enrollment=child,
        stage=5,
        data=AssessmentInput(information_date=dt.date(2025, 4, 14), insurance=NO_INSURANCE),
    )
    assert IncomeBenefit.objects.filter(enrollment=child, data_collection_stage=5).exists()


def test_it_dates_the_exit_assessment_on_the_exit(owner, household):
    child = household[2]
    with pytest.raises(ValidationError):
        assessment_record(
            actor=owner, enrollment=child, stage=3, data=AssessmentInput(insurance=NO_INSURANCE)
        )
    enrollment_exit(actor=owner, enrollment=child, exit_date=dt.date(2025, 6, 14), destination=410)
    assessment_record(actor=owner, enrollment=child, stage=3, data=AssessmentInput(insurance=NO_INSURANCE))
    assert IncomeBenefit.objects.get(enrollment=child, data_collection_stage=3).information_date == dt.date(
        2025, 6, 14
    )
