"""The Program roster: every enrollment in the chosen projects active in the range, one row each,
with its program enrollment household (HouseholdID, relationship to the head of household).

The move-in date follows the head of household (3.20 is recorded for the head only): a member with
none recorded shows the head's, or their own project start when they joined after it, and none when
they left before it (the rule of the APR universe). Counts of services are of services dated in the
range; assessments are the HMIS assessments recorded (one income and benefits record per project
start, update, annual assessment and exit) plus coordinated entry assessments (4.19); notes are case
notes on the enrollment. Case notes and staff assignment are case-management records of the
enrollments app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from hearth.enrollments.models import Assessment, Enrollment, Exit, IncomeBenefit, Service

HEADER = [
    "Personal ID",
    "Project",
    "Household ID",
    "Relationship to HoH",
    "Date of Birth",
    "Age",
    "Project Start Date",
    "Project Exit Date",
    "Length of Stay (days)",
    "Housing Move-in Date",
    "Services",
    "Assessments",
    "Notes",
    "Assigned Staff",
]


def _count(model: Any, **filters: Any) -> Any:
    rows = model.objects.filter(enrollment_id=OuterRef("pk"), **filters).order_by()
    counted = rows.values("enrollment_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _optional_model(name: str) -> Any:
    try:
        return apps.get_model("enrollments", name)
    except LookupError:
        return None


def enrollments(run: Any) -> QuerySet[Enrollment]:
    exit_date = (
        Exit.objects.filter(enrollment_id=OuterRef("pk")).order_by("-exit_date").values("exit_date")[:1]
    )
    # The head of the same program enrollment household (project and HouseholdID).
    head = Enrollment.objects.filter(
        project_id=OuterRef("project_id"), household_id=OuterRef("household_id"), relationship_to_ho_h=1
    ).order_by("-entry_date", "-pk")
    qs = (
        Enrollment.objects.filter(project__in=run.projects.all(), entry_date__lte=run.end_date)
        .annotate(
            exit_on=Subquery(exit_date),
            head_entry=Subquery(head.values("entry_date")[:1]),
            head_move_in=Subquery(head.values("move_in_date")[:1]),
        )
        .filter(Q(exit_on__isnull=True) | Q(exit_on__gte=run.start_date))
        .select_related("client", "project")
        .annotate(
            services=_count(Service, date_provided__gte=run.start_date, date_provided__lte=run.end_date),
            stages=_count(IncomeBenefit),
            ce_assessments=_count(Assessment),
        )
        .order_by("project__project_name", "household_id", "relationship_to_ho_h", "client__hud_id")
    )
    note_model = _optional_model("CaseNote")
    if note_model is not None:
        qs = qs.annotate(notes=_count(note_model))
    return qs


def _age(dob: dt.date | None, on: dt.date) -> int | None:
    if dob is None or dob > on:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _move_in(e: Any, exit_on: dt.date | None, run: Any) -> dt.date | None:
    """The enrollment's move-in date; for a member with none recorded, the household's."""
    if e.move_in_date is not None or e.relationship_to_ho_h == 1 or e.head_move_in is None:
        return e.move_in_date  # type: ignore[no-any-return]
    # A head's move-in recorded before their own project start counts from it; one after the
    # report end is not yet a move-in.
    household = max(e.head_move_in, e.head_entry) if e.head_entry else e.head_move_in
    if household > run.end_date:
        return None
    moved = max(household, e.entry_date)
    if exit_on is not None and moved > exit_on:
        return None
    return moved  # type: ignore[no-any-return]


def build(run: Any) -> dict[str, Any]:
    from hearth.hud.codelists import LISTS

    relationships = LISTS["3.15.1"]
    assignment_model = _optional_model("CaseAssignment")
    staff: dict[int, str] = {}
    rows = []
    client_ids = []
    records: list[Any] = list(enrollments(run))
    if assignment_model is not None:
        for enrollment_id, first, last, username in assignment_model.objects.filter(
            enrollment_id__in=[e.pk for e in records]
        ).values_list("enrollment_id", "staff__first_name", "staff__last_name", "staff__username"):
            staff[enrollment_id] = f"{first} {last}".strip() or username
    for e in records:
        exit_on = e.exit_on if e.exit_on and e.exit_on <= run.end_date else None
        stay_end = exit_on or (run.end_date + dt.timedelta(days=1))
        dob = e.client.dob
        move_in = _move_in(e, exit_on, run)
        rows.append(
            {
                "label": e.client.hud_id,
                "cells": [
                    e.project.project_name,
                    e.household_id,
                    relationships.label(e.relationship_to_ho_h),
                    dob.isoformat() if dob else "",
                    _age(dob, max(e.entry_date, run.start_date)),
                    e.entry_date.isoformat(),
                    exit_on.isoformat() if exit_on else "",
                    (stay_end - e.entry_date).days,
                    move_in.isoformat() if move_in else "",
                    e.services,
                    e.stages + e.ce_assessments,
                    getattr(e, "notes", ""),
                    staff.get(e.pk, ""),
                ],
                "drill": [False] * 13,
            }
        )
        client_ids.append(e.client_id)
    return {
        "key": "roster",
        "title": "Program roster",
        "header": HEADER,
        "note": (
            "One row per enrollment active in the range. A member's move-in date is the head of "
            "household's (or the member's own project start, when they joined later). Services are "
            "those dated in the range."
        ),
        "chart": "",
        "rows": rows,
        "client_ids": client_ids,
    }
