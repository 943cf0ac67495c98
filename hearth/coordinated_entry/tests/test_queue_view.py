import datetime as dt

import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.coordinated_entry.models import QueueEntry
from hearth.enrollments.models import Assessment, Enrollment
from hearth.testing import factories

pytestmark = pytest.mark.django_db


def _queue(client, *, score, veteran=False):
    enrollment = Enrollment.objects.get(client=client)
    assessment = Assessment.objects.create(
        enrollment=enrollment, client=client, assessment_date=dt.date(2025, 1, 2), hud_user_id="u"
    )
    return QueueEntry.objects.create(
        client=client,
        enrollment=enrollment,
        assessment=assessment,
        placed_on=dt.date(2025, 1, 2),
        score=score,
        veteran=veteran,
    )


def test_it_lists_the_queue_by_score_and_audits_the_view(client, owner, client_record, project):
    other = factories.ClientFactory(
        first_name="Zed", last_name="Quinn", owner_organization=project.organization
    )
    factories.EnrollmentFactory(client=other, project=project)
    _queue(client_record, score=3)
    _queue(other, score=9, veteran=True)
    client.force_login(owner)
    body = client.get(reverse("coordinated_entry:queue")).content.decode()
    assert body.index("Zed Quinn") < body.index("Maria Lopez")
    assert AuditEvent.objects.filter(action="view", detail__what="ce_queue").count() == 1
    veterans = client.get(reverse("coordinated_entry:queue"), {"population": "veterans"}).content.decode()
    assert "Zed Quinn" in veterans and "Maria Lopez" not in veterans


def test_it_hides_people_the_user_may_not_see(client, outsider, client_record):
    _queue(client_record, score=3)
    client.force_login(outsider)
    body = client.get(reverse("coordinated_entry:queue")).content.decode()
    assert "Maria Lopez" not in body and "Nobody is waiting" in body


def test_it_pages_a_case_managers_queue_in_rank_order(client, owner, project):
    people = []
    for score in range(53):
        person = factories.ClientFactory(owner_organization=project.organization)
        factories.EnrollmentFactory(client=person, project=project)
        people.append(_queue(person, score=score))
    client.force_login(owner)
    first = client.get(reverse("coordinated_entry:queue"))
    second = client.get(reverse("coordinated_entry:queue"), {"page": "2"})
    beyond = client.get(reverse("coordinated_entry:queue"), {"page": "99"})
    assert [e.score for e in first.context["page"]] == list(range(52, 2, -1))
    assert [e.score for e in second.context["page"]] == [2, 1, 0]
    assert second.context["page"].start_index() == 51 and second.context["page"].paginator.count == 53
    assert [e.score for e in beyond.context["page"]] == [2, 1, 0]  # the last page
