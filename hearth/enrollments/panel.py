"""What the programs panel of the client record shows (enrollments/_client_panel.html)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hearth.accounts.models import Role
from hearth.clients.access import can_edit_clients, clients_for_user
from hearth.core import clock
from hearth.enrollments import annual, selectors
from hearth.enrollments.elements import applies_to
from hearth.enrollments.models import CaseNote, ClientFile, GlobalHouseholdMember, ReleaseOfInformation
from hearth.enrollments.services.consent import templates_for


def sees_everything(user: Any) -> bool:
    return bool(user.is_superuser or user.role == Role.HMIS_ADMIN)


def visible_to(user: Any) -> Q:
    """A Q on notes and files: confidential ones only within the author's agency."""
    if sees_everything(user):
        return Q()
    return Q(confidential=False) | Q(organization_id=user.organization_id)


def notes_for(user: Any, client: Any) -> Any:
    return (
        CaseNote.objects.filter(client=client)
        .filter(visible_to(user))
        .select_related("author", "enrollment__project", "organization")
    )


def files_for(user: Any, client: Any) -> Any:
    return (
        ClientFile.objects.filter(client=client)
        .filter(visible_to(user))
        .select_related("uploaded_by", "organization")
    )


def global_household_rows(user: Any, client: Any) -> list[dict[str, Any]]:
    membership = GlobalHouseholdMember.objects.filter(client=client).select_related("household").first()
    if membership is None:
        return []
    visible = clients_for_user(user)
    rows = []
    for member in membership.household.members.select_related("client").order_by(
        "-relationship", "joined_at"
    ):
        shown = visible.filter(pk=member.client_id).exists()
        rows.append(
            {
                "member": member,
                "client": member.client if shown else None,
                "is_self": member.client_id == client.pk,
            }
        )
    rows.sort(key=lambda r: (not r["member"].is_head, r["member"].joined_at))
    return rows


def releases_for(client: Any) -> list[dict[str, Any]]:
    today = clock.local_today()
    rows = []
    for roi in ReleaseOfInformation.objects.filter(client=client).prefetch_related("organizations"):
        current = roi.permission and roi.revoked_at is None and roi.start_date <= today <= roi.end_date
        rows.append({"roi": roi, "current": current, "agencies": list(roi.organizations.all())})
    return rows


def panel_context(user: Any, client: Any) -> dict[str, Any]:
    if user is None or not user.is_authenticated:
        return {"visible": False}
    today = clock.local_today()
    history = selectors.program_history(user, client, today)
    active = [r for r in history if r.exit_date is None]
    for row in active:
        if row.can_open:
            row.extra["annual"] = annual.household_annual_status(row.enrollment, today)
            row.extra["contacts"] = applies_to(row.enrollment, "current_living_situation")
    return {
        "visible": True,
        "today": today,
        "active": active,
        "history": [r for r in history if r.exit_date is not None],
        "available": list(selectors.programs_available(user, today)[:12]) if can_edit_clients(user) else [],
        "can_edit": can_edit_clients(user),
        "household": global_household_rows(user, client),
        "releases": releases_for(client),
        "roi_templates": list(templates_for(user).filter(kind="roi")),
        "notes": list(notes_for(user, client)[:5]),
        "note_count": notes_for(user, client).count(),
    }
