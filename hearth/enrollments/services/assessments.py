"""Assessments: the HUD data elements asked at project start, update, annual assessment and exit.

Only the elements that apply to the member (all members, head, adults; by project type and funder;
see hearth.enrollments.elements) may be given, and the dependent-question rules of
hearth.enrollments.rules are applied before the records are validated and saved. Stages 1 (start)
and 3 (exit) have one record per enrollment per file, so answering again corrects it; updates and
annual assessments add a record each time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.core import clock
from hearth.core.concurrency import check_state, state_token
from hearth.enrollments import annual, rules, selectors
from hearth.enrollments.elements import ANNUAL, EXIT, START, UPDATE, enrollment_elements
from hearth.enrollments.hud_fields import DISABILITY_TYPES, PRIOR_LIVING_FIELDS, SUBSTANCE_USE
from hearth.enrollments.models import Disability, EmploymentEducation, Enrollment, HealthAndDV, IncomeBenefit
from hearth.enrollments.services.common import audit, require_project_access, save_hud

SINGLE_RECORD_STAGES = (START, EXIT)
# The project start answers kept on the enrollment row itself.
START_ENROLLMENT_FIELDS = ("disabling_condition", "enrollment_coc", *PRIOR_LIVING_FIELDS)


@dataclass
class AssessmentInput:
    information_date: dt.date | None = None
    # Enrollment fields answered at project start: disabling condition, 3.917, enrollment CoC.
    enrollment: dict[str, Any] = field(default_factory=dict)
    income: dict[str, Any] | None = None
    benefits: dict[str, Any] | None = None
    insurance: dict[str, Any] | None = None
    disabilities: dict[int, dict[str, Any]] | None = None
    domestic_violence: dict[str, Any] | None = None
    employment: dict[str, Any] | None = None


SECTION_ELEMENT = {
    "income": "income",
    "benefits": "benefits",
    "insurance": "insurance",
    "disabilities": "disabilities",
    "domestic_violence": "domestic_violence",
    "employment": "employment",
}


def information_date_for(
    enrollment: Enrollment, stage: int, given: dt.date | None, today: dt.date
) -> dt.date:
    """The InformationDate of the stage's records, checked against the stage's rules."""
    if stage == START:
        return enrollment.entry_date
    exit_date = selectors.exit_date_of(enrollment, today)
    if stage == EXIT:
        if exit_date is None:
            raise ValidationError("The exit assessment is recorded once the member has exited.")
        return exit_date
    if given is None:
        raise ValidationError({"information_date": ["Enter the date the information was collected."]})
    if given > today:
        raise ValidationError({"information_date": ["The date may not be in the future."]})
    if given < enrollment.entry_date or (exit_date is not None and given > exit_date):
        raise ValidationError({"information_date": ["The date must fall within the enrollment."]})
    if stage == ANNUAL:
        heads = [m for m in selectors.household_members(enrollment, today) if m.is_head]
        head_entry = heads[0].enrollment.entry_date if heads else enrollment.entry_date
        if annual.window_for_date(head_entry, given) is None:
            raise ValidationError(
                {
                    "information_date": [
                        "An annual assessment must be dated within 30 days of the anniversary of the head "
                        "of household's project start."
                    ]
                }
            )
    return given


def _row(record: Any) -> tuple[Any, ...] | None:
    if record is None:
        return None
    return tuple(getattr(record, f.attname) for f in record._meta.concrete_fields)


def assessment_snapshot(enrollment: Enrollment, stage: int) -> dict[str, Any]:
    """What a start or exit assessment form shows, section by section, as stored now. Those
    stages hold one record each, so a second form corrects the first; updates and annual
    assessments add a record per save and cannot overwrite one another (empty snapshot)."""
    if stage not in SINGLE_RECORD_STAGES:
        return {}
    rows = {"enrollment_id": enrollment.pk, "data_collection_stage": stage}
    parts: dict[str, Any] = {
        "income, benefits and insurance": _row(IncomeBenefit.objects.filter(**rows).order_by("pk").first()),
        "domestic violence": _row(HealthAndDV.objects.filter(**rows).order_by("pk").first()),
        "employment and education": _row(EmploymentEducation.objects.filter(**rows).order_by("pk").first()),
        "disabilities": tuple(
            _row(d) for d in Disability.objects.filter(**rows).order_by("disability_type", "pk")
        ),
    }
    if stage == START:
        current = Enrollment.objects.get(pk=enrollment.pk)
        parts["project start answers"] = tuple(getattr(current, name) for name in START_ENROLLMENT_FIELDS)
    return parts


def _scope(enrollment: Enrollment, stage: int) -> str:
    return f"enrollment.{enrollment.pk}.assessment.{stage}"


def assessment_edit_token(enrollment: Enrollment, stage: int) -> str:
    """The token an assessment form carries (see hearth.core.concurrency)."""
    return state_token(_scope(enrollment, stage), assessment_snapshot(enrollment, stage))


def _upsert(
    model: Any,
    enrollment: Enrollment,
    stage: int,
    info_date: dt.date,
    values: dict[str, Any],
    actor: Any,
    **key: Any,
) -> Any:
    record = None
    if stage in SINGLE_RECORD_STAGES:
        record = model.objects.filter(enrollment=enrollment, data_collection_stage=stage, **key).first()
    if record is None:
        record = model(
            enrollment=enrollment, client_id=enrollment.client_id, data_collection_stage=stage, **key
        )
    record.information_date = info_date
    for name, value in values.items():
        setattr(record, name, value)
    save_hud(record, actor)
    return record


def assessment_record(
    *,
    actor: Any,
    enrollment: Enrollment,
    stage: int,
    data: AssessmentInput,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> None:
    """Record one member's answers for ``stage`` (1, 2, 3 or 5). Given the ``edit_token`` the
    form was drawn with, a start or exit form saved over someone else's newer answers raises
    StaleEdit and writes nothing."""
    if stage not in (START, UPDATE, EXIT, ANNUAL):
        raise ValidationError("Unknown data collection stage.")
    require_project_access(actor, enrollment.project)
    today = clock.local_today(clock_)
    info_date = information_date_for(enrollment, stage, data.information_date, today)
    applicable = {e.key for e in enrollment_elements(enrollment, stage)}
    errors: dict[str, list[str]] = {}

    for section, key in SECTION_ELEMENT.items():
        if getattr(data, section) is not None and key not in applicable:
            errors.setdefault("__all__", []).append(
                f"{key.replace('_', ' ').capitalize()} is not asked of this member at this stage."
            )

    enrollment_values = dict(data.enrollment)
    if enrollment_values:
        if stage != START:
            errors.setdefault("__all__", []).append("Enrollment questions are answered at project start.")
        allowed = {"disabling_condition"}
        if "prior_living_situation" in applicable:
            cleaned, problems = rules.prior_living(enrollment_values, enrollment.project.project_type)
            enrollment_values.update(cleaned)
            errors.update(problems)
            allowed |= set(PRIOR_LIVING_FIELDS)
        if "enrollment_coc" in applicable:
            allowed.add("enrollment_coc")
            if not enrollment_values.get("enrollment_coc"):
                errors["enrollment_coc"] = ["Enter the CoC code where the household is enrolled."]
        extra = set(enrollment_values) - allowed
        if extra:
            errors.setdefault("__all__", []).append("Some enrollment questions do not apply to this member.")

    def checked(section: str, fn: Any) -> dict[str, Any] | None:
        values = getattr(data, section)
        if values is None:
            return None
        cleaned, problems = fn(values)
        errors.update(problems)
        return cleaned

    income = checked("income", rules.income)
    benefits = checked("benefits", rules.benefits)
    insurance = checked("insurance", rules.insurance)
    dv = checked("domestic_violence", rules.domestic_violence)
    employment = checked("employment", rules.employment)
    disabilities: dict[int, dict[str, Any]] | None = None
    if data.disabilities is not None:
        disabilities = {}
        for kind in DISABILITY_TYPES:
            cleaned, problems = rules.disability(kind, data.disabilities.get(kind, {}))
            disabilities[kind] = cleaned
            errors.update({f"disability_{kind}_{k}": v for k, v in problems.items()})
        condition = enrollment_values.get("disabling_condition", enrollment.disabling_condition)
        if stage == START and rules.disabling_condition_conflict(condition, disabilities):
            errors["disabling_condition"] = [
                "Disabling condition is No, but a disability is recorded as long-lasting and impairing."
            ]
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        # The enrollment row lock serialises two saves of the same member's assessment.
        Enrollment.objects.select_for_update().filter(pk=enrollment.pk).first()
        check_state(
            _scope(enrollment, stage),
            edit_token,
            assessment_snapshot(enrollment, stage),
            model=Enrollment,
            what="assessment",
        )
        if enrollment_values:
            for name, value in enrollment_values.items():
                setattr(enrollment, name, value)
            save_hud(enrollment, actor)
        if income is not None or benefits is not None or insurance is not None:
            values = {**(income or {}), **(benefits or {}), **(insurance or {})}
            _upsert(IncomeBenefit, enrollment, stage, info_date, values, actor)
        if dv is not None:
            _upsert(HealthAndDV, enrollment, stage, info_date, dv, actor)
        if employment is not None:
            _upsert(EmploymentEducation, enrollment, stage, info_date, employment, actor)
        if disabilities is not None:
            for kind, values in disabilities.items():
                values = {**values, "disability_response": values.get("disability_response")}
                _upsert(Disability, enrollment, stage, info_date, values, actor, disability_type=kind)
        audit(
            actor,
            "update" if stage in SINGLE_RECORD_STAGES else "create",
            enrollment,
            client_id=enrollment.client_id,
            assessment_stage=stage,
            sections=sorted(s for s in SECTION_ELEMENT if getattr(data, s) is not None)
            + (["enrollment"] if enrollment_values else []),
        )


def stage_recorded(enrollment: Enrollment, stage: int) -> bool:
    """Whether any record of ``stage`` exists for the enrollment (for the assessment checklist)."""
    return any(
        model.objects.filter(enrollment=enrollment, data_collection_stage=stage).exists()
        for model in (IncomeBenefit, Disability, HealthAndDV, EmploymentEducation)
    )


__all__ = ["SUBSTANCE_USE", "AssessmentInput", "assessment_record", "information_date_for", "stage_recorded"]
