import datetime as dt

import pytest
from django.core.management import call_command

from hearth.coordinated_entry.models import QueueEntry
from hearth.coordinated_entry.tests.helpers import ensure_questionnaire
from hearth.enrollments.models import Assessment, AssessmentQuestion, AssessmentResult, Enrollment, Exit
from hearth.testing import factories

pytestmark = pytest.mark.django_db


def _assessed(project, status, *, exited=False):
    client = factories.ClientFactory(owner_organization=project.organization)
    enrollment = factories.EnrollmentFactory(client=client, project=project, entry_date=dt.date(2025, 1, 2))
    if exited:
        Exit.objects.create(
            enrollment=enrollment,
            client=client,
            exit_date=dt.date(2025, 2, 1),
            destination=30,
            hud_user_id="u",
        )
    Assessment.objects.create(
        enrollment=enrollment, client=client, assessment_date=dt.date(2025, 1, 2), assessment_type=3,
        assessment_level=2, prioritization_status=status, hud_user_id="u",
    )  # fmt: skip
    return client


def test_it_scores_open_demo_assessments_and_queues_the_placed_people(project):
    questions = ensure_questionnaire().questions.count()
    placed = _assessed(project, 1)
    _assessed(project, 2)
    _assessed(project, 1, exited=True)
    call_command("place_demo_queue")
    assert list(QueueEntry.objects.values_list("client_id", flat=True)) == [placed.pk]
    assert AssessmentResult.objects.count() == 2
    assert AssessmentQuestion.objects.count() == 2 * questions
    # A second run finds nothing left to score.
    call_command("place_demo_queue")
    assert AssessmentResult.objects.count() == 2 and QueueEntry.objects.count() == 1
    assert Enrollment.objects.count() == 3
