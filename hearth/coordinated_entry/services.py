"""Coordinated Entry writes: assess, post an opening, refer, decline, accept.

Every step writes its HUD record (Assessment 4.19 with its AssessmentQuestions/AssessmentResults;
Event 4.20 with ReferralResult and ResultDate) and its audit row in the same transaction.
Openings are locked (select_for_update) while a referral is made or answered, and the partial
unique constraints on Referral refuse a second acceptance even between two processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from hearth.accounts import roles
from hearth.clients.access import clients_for_user
from hearth.coordinated_entry.models import (
    NOTE_MAX,
    OPENING_EVENT_TYPES,
    HouseholdType,
    Opening,
    OpeningStatus,
    Population,
    Questionnaire,
    QueueEntry,
    QueueStatus,
    Referral,
    ReferralStatus,
)
from hearth.coordinated_entry.standing import standing_on
from hearth.core import clock
from hearth.enrollments.models import (
    Assessment,
    AssessmentQuestion,
    AssessmentResult,
    Enrollment,
    Event,
    Exit,
)
from hearth.enrollments.services.common import (
    audit,
    error,
    is_person,
    require_client_access,
    require_project_access,
    save_hud,
)
from hearth.enrollments.services.enrollment import HEAD, MemberStart, enrollment_create
from hearth.hud.codelists import LISTS

PLACED = 1
NOT_PLACED = 2
YOUTH_AGE = 25
ACCEPTED_RESULT = 1
DECLINE_RESULTS = (2, 3)  # HUD 4.20.D: client rejected / provider rejected
SCORE_RESULT_TYPE = "Score"


def _age_on(dob: dt.date | None, day: dt.date) -> int | None:
    if dob is None:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def assess(
    *,
    actor: Any,
    enrollment: Enrollment,
    questionnaire: Questionnaire | None,
    answers: Mapping[int, bool],
    assessment_date: dt.date,
    assessment_location: str,
    assessment_type: int,
    assessment_level: int = 2,
    place_on_queue: bool = True,
    chronic: bool | None = None,
    days_homeless: int | None = None,
    clock_: clock.Clock | None = None,
) -> Assessment:
    """Record a scored CE assessment; when placed on prioritization, put the person on the queue.

    Chronic status and days homeless are worked out from the enrollment (hearth.coordinated_entry.
    standing) unless given.
    """
    require_client_access(actor, [enrollment.client_id])
    if assessment_date > clock.local_today(clock_):
        raise error("assessment_date", "The assessment date may not be in the future.")
    if assessment_date < enrollment.entry_date:
        raise error("assessment_date", "The assessment date is before the project start.")
    ended = Exit.objects.filter(enrollment=enrollment).values_list("exit_date", flat=True).first()
    if ended is not None and assessment_date > ended:
        raise error("assessment_date", "The assessment date is after the project exit.")
    if assessment_type not in LISTS["4.19.3"]:
        raise error("assessment_type", "Choose how the assessment was done (4.19.3).")
    if assessment_level not in LISTS["4.19.4"]:
        raise error("assessment_level", "Choose the assessment level (4.19.4).")
    standing = standing_on(enrollment, assessment_date)
    chronic = standing.chronic if chronic is None else chronic
    days_homeless = standing.days_homeless if days_homeless is None else days_homeless
    if not assessment_location.strip():
        raise error("assessment_location", "Say where the assessment took place.")
    questions = list(questionnaire.questions.all()) if questionnaire else []
    unknown = set(answers) - {q.pk for q in questions}
    if unknown:
        raise error("answers", "An answer is for a question not in this questionnaire.")
    score = sum(q.weight for q in questions if answers.get(q.pk))
    client = enrollment.client
    with transaction.atomic():
        assessment = save_hud(
            Assessment(
                enrollment=enrollment,
                client=client,
                assessment_date=assessment_date,
                assessment_location=assessment_location.strip(),
                assessment_type=assessment_type,
                assessment_level=assessment_level,
                prioritization_status=PLACED if place_on_queue else NOT_PLACED,
            ),
            actor,
        )
        _record_answers(actor, assessment, questions, answers, score)
        if place_on_queue:
            _place(enrollment, assessment, score=score, chronic=chronic, days_homeless=days_homeless)
        audit(actor, "create", assessment, client_id=client.pk, score=score, placed=place_on_queue)
    return assessment


def _record_answers(
    actor: Any, assessment: Assessment, questions: list[Any], answers: Mapping[int, bool], score: int
) -> None:
    """One AssessmentQuestions row per question and the AssessmentResults score."""
    enrollment, client = assessment.enrollment, assessment.client
    for question in questions:
        save_hud(
            AssessmentQuestion(
                assessment=assessment,
                enrollment=enrollment,
                client=client,
                assessment_question_group=question.group or question.questionnaire.name,
                assessment_question_order=question.order,
                assessment_question=question.text,
                assessment_answer="Yes" if answers.get(question.pk) else "No",
            ),
            actor,
        )
    save_hud(
        AssessmentResult(
            assessment=assessment,
            enrollment=enrollment,
            client=client,
            assessment_result_type=SCORE_RESULT_TYPE,
            assessment_result=str(score),
        ),
        actor,
    )


def assessment_score(
    *, actor: Any, assessment: Assessment, questionnaire: Questionnaire, answers: Mapping[int, bool]
) -> QueueEntry | None:
    """Score an assessment recorded without the questionnaire (an imported or generated one) and,
    when it placed the person on prioritization, put them on the queue."""
    require_client_access(actor, [assessment.client_id])
    if AssessmentResult.objects.filter(assessment=assessment).exists():
        raise error("assessment", "This assessment is already scored.")
    questions = list(questionnaire.questions.all())
    score = sum(q.weight for q in questions if answers.get(q.pk))
    enrollment = assessment.enrollment
    standing = standing_on(enrollment, assessment.assessment_date)
    with transaction.atomic():
        _record_answers(actor, assessment, questions, answers, score)
        if assessment.prioritization_status == PLACED:
            _place(
                enrollment,
                assessment,
                score=score,
                chronic=standing.chronic,
                days_homeless=standing.days_homeless,
            )
        audit(actor, "update", assessment, client_id=assessment.client_id, score=score)
    return QueueEntry.objects.filter(assessment=assessment).first()


def _place(
    enrollment: Enrollment, assessment: Assessment, *, score: int, chronic: bool, days_homeless: int
) -> None:
    client = enrollment.client
    age = _age_on(client.dob, assessment.assessment_date)
    family = (
        Enrollment.objects.filter(household_id=enrollment.household_id).exclude(pk=enrollment.pk).exists()
    )
    values = {
        "enrollment": enrollment,
        "assessment": assessment,
        "placed_on": assessment.assessment_date,
        "score": score,
        "chronic": chronic,
        "days_homeless": days_homeless,
        "veteran": client.veteran_status == 1,
        "youth": age is not None and age < YOUTH_AGE,
        "family": family,
        "disabled": enrollment.disabling_condition == 1,
    }
    current = (
        QueueEntry.objects.select_for_update()
        .filter(client=client)
        .exclude(status=QueueStatus.HOUSED)
        .first()
    )
    if current is None:
        QueueEntry.objects.create(client=client, **values)
        return
    # A new assessment replaces the standing one; a pending referral keeps its status.
    for name, value in values.items():
        setattr(current, name, value)
    current.save()


def eligibility_problem(entry: QueueEntry, opening: Opening) -> str | None:
    """Why ``entry`` may not be referred to ``opening`` (None when eligible)."""
    if opening.population == Population.VETERAN and not entry.veteran:
        return "This opening is for veterans."
    if opening.population == Population.YOUTH and not entry.youth:
        return "This opening is for youth under 25."
    if opening.household_type == HouseholdType.FAMILY and not entry.family:
        return "This opening is for families."
    if opening.household_type == HouseholdType.INDIVIDUAL and entry.family:
        return "This opening is for individuals."
    if opening.disability_required and not entry.disabled:
        return "This opening requires a disabling condition (3.08), and none is recorded."
    if opening.chronic_only and not entry.chronic:
        return "This opening is dedicated to chronically homeless people."
    if opening.min_score is not None and entry.score < opening.min_score:
        return f"This opening takes assessment scores of {opening.min_score} or more."
    return None


def opening_post(
    *,
    actor: Any,
    project: Any,
    description: str,
    event_type: int,
    household_type: str = HouseholdType.ANY,
    population: str = Population.ANY,
    disability_required: bool = False,
    chronic_only: bool = False,
    min_score: int | None = None,
    clock_: clock.Clock | None = None,
) -> Opening:
    require_project_access(actor, project)
    if event_type not in OPENING_EVENT_TYPES:
        raise error("event_type", "Choose a HUD referral type for a housing opening (4.20.2).")
    if not description.strip():
        raise error("description", "Describe the unit or voucher.")
    opening = Opening(
        project=project,
        description=description.strip(),
        event_type=event_type,
        household_type=household_type,
        population=population,
        disability_required=disability_required,
        chronic_only=chronic_only,
        min_score=min_score,
        posted_on=clock.local_today(clock_),
        posted_by=actor if is_person(actor) else None,
    )
    with transaction.atomic():
        opening.full_clean()
        opening.save()
        audit(actor, "create", opening, client_id=None, project=project.pk)
    return opening


def opening_close(*, actor: Any, opening: Opening) -> Opening:
    require_project_access(actor, opening.project)
    with transaction.atomic():
        locked = Opening.objects.select_for_update().get(pk=opening.pk)
        if locked.referrals.filter(status=ReferralStatus.PENDING).exists():
            raise error("opening", "Answer the pending referral before closing this opening.")
        locked.status = OpeningStatus.CLOSED
        locked.save(update_fields=["status"])
        audit(actor, "update", locked, client_id=None, status="closed")
    return locked


def _locked_open(opening: Opening) -> Opening:
    locked = Opening.objects.select_for_update().get(pk=opening.pk)
    if locked.status != OpeningStatus.OPEN:
        raise error("opening", f"This opening is {locked.get_status_display().lower()}.")
    return locked


def _note(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > NOTE_MAX:
        raise error(field, f"Keep the note to {NOTE_MAX} characters (it has {len(value)}).")
    return value


def _require_matcher(actor: Any, client_id: int) -> None:
    if not is_person(actor):
        return
    if not roles.can(actor, roles.MATCH_CE):
        raise PermissionDenied("Your role may not refer people to housing openings.")
    if not clients_for_user(actor).filter(pk=client_id).exists():
        raise PermissionDenied("You may not see this person.")


def refer(
    *, actor: Any, opening: Opening, entry: QueueEntry, note: str = "", clock_: clock.Clock | None = None
) -> Referral:
    """Refer a waiting person to an open opening: a HUD Event (4.20.2) on their CE enrollment.
    ``note`` is the matcher's word to the receiving program (not part of HUD's export). Referring
    is its own capability: a CE matcher refers without being able to edit client records."""
    _require_matcher(actor, entry.client_id)
    note = _note(note, "note")
    today = clock.local_today(clock_)
    with transaction.atomic():
        locked = _locked_open(opening)
        entry = QueueEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != QueueStatus.WAITING:
            raise error("entry", "This person is not waiting on the queue.")
        problem = eligibility_problem(entry, locked)
        if problem:
            raise error("entry", f"Not eligible: {problem}")
        if locked.referrals.filter(status=ReferralStatus.PENDING).exists():
            raise error("opening", "This opening already has a pending referral.")
        event = save_hud(
            Event(
                enrollment=entry.enrollment,
                client_id=entry.client_id,
                event_date=today,
                event=locked.event_type,
            ),
            actor,
        )
        referral = Referral.objects.create(
            opening=locked,
            entry=entry,
            event=event,
            referred_on=today,
            referred_by=actor if is_person(actor) else None,
            note=note,
        )
        entry.status = QueueStatus.REFERRED
        entry.save(update_fields=["status"])
        audit(actor, "create", referral, client_id=entry.client_id, opening=locked.pk)
    return referral


def _locked_pending(referral: Referral) -> Referral:
    locked = Referral.objects.select_for_update().select_related("event", "entry").get(pk=referral.pk)
    if locked.status != ReferralStatus.PENDING:
        raise error("referral", f"This referral was already {locked.get_status_display().lower()}.")
    return locked


def _record_result(referral: Referral, actor: Any, result: int, day: dt.date) -> None:
    event = referral.event
    event.referral_result = result
    event.result_date = day
    save_hud(event, actor)


def decline(
    *, actor: Any, referral: Referral, reason: int | None, note: str = "", clock_: clock.Clock | None = None
) -> Referral:
    """The receiving program declines: the Event gets its HUD result and the person waits again.
    ``note`` explains the decision to the matcher."""
    require_project_access(actor, referral.opening.project)
    note = _note(note, "note")
    if reason not in DECLINE_RESULTS:
        raise error("reason", "Choose the HUD reason for declining (client rejected or provider rejected).")
    today = clock.local_today(clock_)
    with transaction.atomic():
        locked = _locked_pending(referral)
        _record_result(locked, actor, reason, today)
        locked.status = ReferralStatus.DECLINED
        locked.decline_reason = reason
        locked.result_date = today
        locked.result_note = note
        locked.save(update_fields=["status", "decline_reason", "result_date", "result_note"])
        entry = locked.entry
        entry.status = QueueStatus.WAITING
        entry.save(update_fields=["status"])
        audit(actor, "update", locked, client_id=entry.client_id, result=reason)
    return locked


def accept(
    *,
    actor: Any,
    referral: Referral,
    entry_date: dt.date | None = None,
    note: str = "",
    clock_: clock.Clock | None = None,
) -> Referral:
    """The receiving program accepts: the opening is filled and the person enrolled in its project.

    The enrollment is made by the ordinary enrollment service, so its rules and audit apply.
    """
    opening = referral.opening
    require_project_access(actor, opening.project)
    note = _note(note, "note")
    today = clock.local_today(clock_)
    try:
        with transaction.atomic():
            locked_opening = _locked_open(opening)
            locked = _locked_pending(referral)
            _record_result(locked, actor, ACCEPTED_RESULT, today)
            locked.status = ReferralStatus.ACCEPTED
            locked.result_date = today
            entry = locked.entry
            (enrollment,) = enrollment_create(
                actor=actor,
                project=locked_opening.project,
                entry_date=entry_date or today,
                members=[MemberStart(client=entry.client, relationship=HEAD)],
                allow_active_duplicate=True,
                clock_=clock_,
            )
            locked.enrollment = enrollment
            locked.result_note = note
            locked.save(update_fields=["status", "result_date", "enrollment", "result_note"])
            locked_opening.status = OpeningStatus.FILLED
            locked_opening.save(update_fields=["status"])
            entry.status = QueueStatus.HOUSED
            entry.save(update_fields=["status"])
            audit(actor, "update", locked, client_id=entry.client_id, result=ACCEPTED_RESULT)
    except IntegrityError:
        raise error("opening", "This opening was already filled.") from None
    return locked
