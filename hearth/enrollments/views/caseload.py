"""My caseload: the active enrollments assigned to me, with annual assessments coming due."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.core import clock
from hearth.enrollments import annual, selectors
from hearth.enrollments.views.common import ip_of


@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = clock.local_today()
    assigned = list(
        selectors.active_enrollments(
            selectors.enrollments_for_user(user).filter(case_assignment__staff=user),
            today=today,
        )
        .select_related("client", "project")
        .order_by("project__project_name", "client__last_name", "client__first_name")
    )
    statuses = annual.household_statuses(assigned, today)
    rows: list[dict[str, Any]] = []
    seen = set()
    for enrollment in assigned:
        key = (enrollment.project_id, enrollment.household_id)
        rows.append({"enrollment": enrollment, "annual": statuses[key] if key not in seen else None})
        seen.add(key)
    due = [r for r in rows if r["annual"] and r["annual"].needs_attention]
    # One row for the list, naming every client it showed (as the roster does).
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditEvent.Action.VIEW,
            ip_address=ip_of(request),
            detail={"via": "caseload", "shown": [e.client_id for e in assigned]},
        )
    return render(request, "enrollments/caseload.html", {"rows": rows, "due": due, "today": today})
