import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.coordinated_entry.models import QueueEntry
from hearth.coordinated_entry.selectors import active_questionnaire
from hearth.enrollments.models import Assessment, AssessmentQuestion, AssessmentResult, Enrollment

pytestmark = pytest.mark.django_db


def _url(client_record):
    return reverse("coordinated_entry:assess", args=[Enrollment.objects.get(client=client_record).pk])


def _post(client_record, **extra):
    questionnaire = active_questionnaire()
    first, second = list(questionnaire.questions.all())[:2]
    data = {
        "assessment_date": timezone.localdate().isoformat(),
        "assessment_location": "5th and Main",
        "assessment_type": "3",
        "assessment_level": "2",
        "place_on_queue": "on",
        f"q_{first.pk}": "on",
        f"q_{second.pk}": "on",
    }
    data.update(extra)
    return data, first.weight + second.weight


def test_it_shows_the_cocs_questions_and_audits_the_view(client, owner, client_record):
    client.force_login(owner)
    body = client.get(_url(client_record)).content.decode()
    for question in active_questionnaire().questions.all():
        assert question.text in body
    assert AuditEvent.objects.filter(
        actor=owner, action="view", client_id=client_record.pk, detail__page="ce_assessment"
    ).exists()


def test_it_scores_the_answers_and_places_the_person_on_the_queue(client, owner, client_record):
    client.force_login(owner)
    data, score = _post(client_record)
    response = client.post(_url(client_record), data)
    assert response.status_code == 302 and response["Location"] == reverse("coordinated_entry:queue")
    assessment = Assessment.objects.get(client=client_record)
    assert (assessment.assessment_location, assessment.assessment_type, assessment.prioritization_status) == (
        "5th and Main", 3, 1,
    )  # fmt: skip
    assert AssessmentResult.objects.get(assessment=assessment).assessment_result == str(score)
    assert AssessmentQuestion.objects.filter(assessment=assessment, assessment_answer="Yes").count() == 2
    assert QueueEntry.objects.get(client=client_record).score == score
    assert "Maria Lopez" in client.get(reverse("coordinated_entry:queue")).content.decode()


def test_it_records_an_assessment_without_placing_the_person(client, owner, client_record):
    client.force_login(owner)
    data, _ = _post(client_record)
    del data["place_on_queue"]
    assert client.post(_url(client_record), data).status_code == 302
    assert Assessment.objects.get(client=client_record).prioritization_status == 2
    assert not QueueEntry.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("assessment_date", "2999-01-01", "may not be in the future"),
        ("assessment_date", "1900-01-01", "before the project start"),
        ("assessment_location", "", "This field is required"),
        ("assessment_type", "7", "Select a valid choice"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(client, owner, client_record, field, value, message):
    client.force_login(owner)
    data, _ = _post(client_record, **{field: value})
    response = client.post(_url(client_record), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors.get(field, []))
    assert not Assessment.objects.exists() and not QueueEntry.objects.exists()


def test_it_refuses_an_outsider(client, outsider, client_record):
    client.force_login(outsider)
    data, _ = _post(client_record)
    assert client.post(_url(client_record), data).status_code == 404
    assert not Assessment.objects.exists()


def test_it_works_out_chronic_status_and_days_homeless_from_the_enrollment(client, owner, client_record):
    today = timezone.localdate()
    Enrollment.objects.filter(client=client_record).update(
        entry_date=today - dt.timedelta(days=30), living_situation=116, disabling_condition=1,
        date_to_street_essh=today - dt.timedelta(days=400),
    )  # fmt: skip
    client.force_login(owner)
    data, _ = _post(client_record)
    client.post(_url(client_record), data)
    entry = QueueEntry.objects.get(client=client_record)
    assert entry.chronic is True and entry.days_homeless == 400
