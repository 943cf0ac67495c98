"""What the Coordinated Entry view tests share: a partner agency's housing program with an
opening, and a client placed on the queue through the assessment service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import Question, Questionnaire, QueueEntry
from hearth.coordinated_entry.selectors import active_questionnaire
from hearth.enrollments.models import Enrollment
from hearth.enrollments.services.consent import RoiInput, roi_create
from hearth.testing import factories


def place_on_queue(actor: Any, client: Any, *, yes: int = 0, day: dt.date | None = None) -> QueueEntry:
    """Assess ``client`` with the CoC's questionnaire, answering yes to the first ``yes`` questions."""
    questionnaire = ensure_questionnaire()
    questions = list(questionnaire.questions.all())
    enrollment = Enrollment.objects.filter(client=client).first()
    assert enrollment is not None
    services.assess(
        actor=actor,
        enrollment=enrollment,
        questionnaire=questionnaire,
        answers={q.pk: i < yes for i, q in enumerate(questions)},
        assessment_date=day or enrollment.entry_date,
        assessment_location="Access point",
        assessment_type=3,
    )
    return QueueEntry.objects.get(client=client, status__in=["waiting", "referred"])


def ensure_questionnaire() -> Questionnaire:
    """The CoC's questionnaire; made again if a transactional test flushed the migration's."""
    current = active_questionnaire()
    if current is not None:
        return current
    form = Questionnaire.objects.create(name="Housing needs assessment")
    for order, weight in enumerate((3, 3, 2, 2, 2, 2, 3, 1, 1, 1), start=1):
        Question.objects.create(questionnaire=form, order=order, text=f"Question {order}?", weight=weight)
    return form


def housing_program(agency: Any) -> Any:
    return factories.ProjectFactory(organization=agency, project_name="Partner PSH", project_type=3)


def share_with(actor: Any, client: Any, agency: Any, today: dt.date) -> None:
    roi_create(
        actor=actor,
        client=client,
        data=RoiInput(
            permission=True, start_date=today, end_date=today + dt.timedelta(days=365),
            documentation="verbal", coc_code="", organizations=[agency],
        ),
    )  # fmt: skip
