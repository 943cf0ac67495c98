"""Case-management links in the main navigation, with the caseload's warning count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from hearth.clients.access import can_edit_clients


def case_nav(request: HttpRequest) -> dict[str, Any]:
    # Lazy: only pages that show the navigation count the caseload. A fragment polled while an
    # HMIS CSV import runs (its progress bar) must not wait for tables the import holds locked.
    return {"case_nav": SimpleLazyObject(lambda: _case_nav(request))}


def _case_nav(request: HttpRequest) -> list[dict[str, str]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not can_edit_clients(user):
        return []
    from hearth.core import clock
    from hearth.enrollments import annual, selectors
    from hearth.enrollments.models import Enrollment

    today = clock.local_today()
    assigned = list(
        # Assignments are made within the user's agency, so no access filter is needed to count them.
        selectors.active_enrollments(
            Enrollment.objects.filter(
                case_assignment__staff=user, project__organization_id=user.organization_id
            ),
            today=today,
        ).only("pk", "project_id", "household_id", "entry_date")
    )
    due = sum(1 for s in annual.household_statuses(assigned, today).values() if s.needs_attention)
    label = f"My caseload ({due} due)" if due else "My caseload"
    nav = [{"url": reverse("enrollments:caseload"), "label": label}]
    nav.append({"url": reverse("enrollments:program_list"), "label": "Programs"})
    nav.append({"url": reverse("coordinated_entry:queue"), "label": "CE queue"})
    return nav
