import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.audit.models import AuditEvent
from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import (
    Opening,
    OpeningStatus,
    Population,
    Question,
    Questionnaire,
    QueueEntry,
    QueueStatus,
    Referral,
    ReferralStatus,
)
from hearth.enrollments.models import AssessmentQuestion, AssessmentResult, Enrollment, Event
from hearth.testing import factories

TODAY = dt.date(2025, 3, 3)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 3, 3, 18, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def questionnaire(db):
    form = Questionnaire.objects.create(name="CoC housing needs")
    Question.objects.create(questionnaire=form, order=1, text="Sleeping outside?", weight=5)
    Question.objects.create(questionnaire=form, order=2, text="Health condition?", weight=3)
    return form


def _assess(owner, client, questionnaire, *, yes, **kw):
    enrollment = Enrollment.objects.filter(client=client).first()
    answers = {q.pk: q.text in yes for q in questionnaire.questions.all()}
    return services.assess(
        actor=owner,
        enrollment=enrollment,
        questionnaire=questionnaire,
        answers=answers,
        assessment_date=TODAY,
        assessment_location="Street, 5th and Main",
        assessment_type=3,
        **kw,
    )


@pytest.fixture
def second_client(project):
    client = factories.ClientFactory(owner_organization=project.organization, veteran_status=1)
    factories.EnrollmentFactory(client=client, project=project)
    return client


@pytest.fixture
def housing(owner_agency):
    return factories.ProjectFactory(organization=owner_agency, project_name="Owner PSH", project_type=3)


@pytest.fixture
def opening(owner, housing):
    return services.opening_post(actor=owner, project=housing, description="Unit 4B", event_type=14)


def test_it_scores_the_assessment_and_writes_hud_questions_and_results(owner, client_record, questionnaire):
    assessment = _assess(owner, client_record, questionnaire, yes={"Sleeping outside?"})
    answers = dict(
        AssessmentQuestion.objects.filter(assessment=assessment).values_list(
            "assessment_question", "assessment_answer"
        )
    )
    assert answers == {"Sleeping outside?": "Yes", "Health condition?": "No"}
    result = AssessmentResult.objects.get(assessment=assessment)
    assert (result.assessment_result_type, result.assessment_result) == ("Score", "5")
    assert assessment.prioritization_status == 1
    entry = QueueEntry.objects.get(client=client_record)
    assert entry.score == 5 and entry.status == QueueStatus.WAITING


def test_it_refuses_an_assessment_by_an_outsider(outsider, client_record, questionnaire):
    with pytest.raises(PermissionDenied):
        _assess(outsider, client_record, questionnaire, yes=set())
    assert not QueueEntry.objects.exists()


def test_it_walks_refer_decline_refer_accept(owner, client_record, second_client, questionnaire, opening):
    _assess(owner, client_record, questionnaire, yes={"Sleeping outside?", "Health condition?"})
    _assess(owner, second_client, questionnaire, yes={"Sleeping outside?"})
    first, second = QueueEntry.objects.order_by("-score")
    referral = services.refer(actor=owner, opening=opening, entry=first)
    assert Event.objects.get(pk=referral.event_id).event == 14
    services.decline(actor=owner, referral=referral, reason=3)
    event = Event.objects.get(pk=referral.event_id)
    assert (event.referral_result, event.result_date) == (3, TODAY)
    first.refresh_from_db()
    assert first.status == QueueStatus.WAITING
    referral2 = services.refer(actor=owner, opening=opening, entry=second)
    accepted = services.accept(actor=owner, referral=referral2)
    assert accepted.enrollment.project_id == opening.project_id
    assert Event.objects.get(pk=referral2.event_id).referral_result == 1
    opening.refresh_from_db()
    second.refresh_from_db()
    assert opening.status == OpeningStatus.FILLED and second.status == QueueStatus.HOUSED
    assert AuditEvent.objects.filter(object_type="coordinated_entry.referral").count() == 4


def test_it_refuses_a_decline_without_a_reason(owner, client_record, questionnaire, opening):
    _assess(owner, client_record, questionnaire, yes=set())
    referral = services.refer(actor=owner, opening=opening, entry=QueueEntry.objects.get())
    with pytest.raises(ValidationError) as caught:
        services.decline(actor=owner, referral=referral, reason=None)
    assert "reason" in caught.value.message_dict
    assert Referral.objects.get().status == ReferralStatus.PENDING
    assert Event.objects.get(pk=referral.event_id).referral_result is None


def test_it_refuses_a_person_who_is_not_eligible(owner, client_record, questionnaire, housing):
    veterans = services.opening_post(
        actor=owner, project=housing, description="VASH", event_type=17, population=Population.VETERAN
    )
    _assess(owner, client_record, questionnaire, yes=set())
    with pytest.raises(ValidationError) as caught:
        services.refer(actor=owner, opening=veterans, entry=QueueEntry.objects.get())
    assert "entry" in caught.value.message_dict
    assert not Event.objects.exists() and not Referral.objects.exists()


def test_it_refuses_a_referral_to_a_closed_opening(owner, client_record, questionnaire, opening):
    services.opening_close(actor=owner, opening=opening)
    _assess(owner, client_record, questionnaire, yes=set())
    with pytest.raises(ValidationError) as caught:
        services.refer(actor=owner, opening=opening, entry=QueueEntry.objects.get())
    assert "opening" in caught.value.message_dict
    assert not Event.objects.exists()


def test_it_refuses_a_second_acceptance_of_one_opening(
    owner, client_record, second_client, questionnaire, opening
):
    _assess(owner, client_record, questionnaire, yes=set())
    referral = services.refer(
        actor=owner, opening=opening, entry=QueueEntry.objects.get(client=client_record)
    )
    services.accept(actor=owner, referral=referral)
    with pytest.raises(ValidationError) as caught:
        services.accept(actor=owner, referral=referral)
    assert "opening" in caught.value.message_dict
    assert Referral.objects.filter(status=ReferralStatus.ACCEPTED).count() == 1
    # The database refuses it too, whatever the service's checks.
    _assess(owner, second_client, questionnaire, yes=set())
    entry = QueueEntry.objects.get(client=second_client)
    Opening.objects.filter(pk=opening.pk).update(status=OpeningStatus.OPEN)
    other = services.refer(actor=owner, opening=opening, entry=entry)
    with pytest.raises(ValidationError):
        services.accept(actor=owner, referral=other)
    assert Referral.objects.filter(status=ReferralStatus.ACCEPTED).count() == 1
    assert Enrollment.objects.filter(project=opening.project).count() == 1


def test_it_refuses_an_answer_from_another_agency(owner, partner, client_record, questionnaire, opening):
    _assess(owner, client_record, questionnaire, yes=set())
    referral = services.refer(actor=owner, opening=opening, entry=QueueEntry.objects.get())
    with pytest.raises(PermissionDenied):
        services.accept(actor=partner, referral=referral)


def test_it_refuses_a_referral_note_over_the_limit_and_writes_nothing(
    owner, partner, partner_agency, client_record
):
    from django.core.exceptions import ValidationError

    from hearth.coordinated_entry.models import Referral
    from hearth.coordinated_entry.tests.helpers import housing_program, place_on_queue
    from hearth.enrollments.models import Event

    opening = services.opening_post(
        actor=partner, project=housing_program(partner_agency), description="Unit 2", event_type=14
    )
    entry = place_on_queue(owner, client_record)
    events = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.refer(actor=owner, opening=opening, entry=entry, note="x" * 2001)
    assert "note" in refused.value.message_dict
    assert not Referral.objects.exists() and Event.objects.count() == events


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ({"disability_required": True}, "disabling condition"),
        ({"chronic_only": True}, "chronically homeless"),
        ({"min_score": 6}, "scores of 6 or more"),
    ],
)
def test_it_applies_an_openings_eligibility_beyond_household_and_population(
    owner, client_record, second_client, questionnaire, housing, rule, why
):
    from hearth.coordinated_entry.selectors import proposals

    Enrollment.objects.filter(client=second_client).update(
        disabling_condition=1, living_situation=116, date_to_street_essh=dt.date(2023, 1, 1)
    )
    Enrollment.objects.filter(client=client_record).update(disabling_condition=0)
    _assess(owner, client_record, questionnaire, yes={"Sleeping outside?"})  # score 5, no disability
    _assess(owner, second_client, questionnaire, yes={"Sleeping outside?", "Health condition?"})  # 8, chronic
    first, second = QueueEntry.objects.get(client=client_record), QueueEntry.objects.get(client=second_client)
    assert (first.disabled, first.chronic, second.disabled, second.chronic) == (False, False, True, True)
    opening = services.opening_post(
        actor=owner, project=housing, description="PSH unit", event_type=14, **rule
    )

    # The proposals and the referral check agree: only the second person is eligible.
    assert [e.client_id for e in proposals(owner, opening)] == [second_client.pk]
    with pytest.raises(ValidationError) as caught:
        services.refer(actor=owner, opening=opening, entry=first)
    assert why in " ".join(caught.value.message_dict["entry"])
    assert not Referral.objects.exists()
    assert services.refer(actor=owner, opening=opening, entry=second).entry_id == second.pk
