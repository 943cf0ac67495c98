"""What each role may do. Views check a capability, never a role name, so the policy lives here.

Data scope (which agency's clients a user sees) is separate: hearth.clients.access and
hearth.projects.selectors. Capabilities say which kinds of pages and actions a role may use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied

from hearth.accounts.models import Role

VIEW_CLIENTS = "clients.view"
EDIT_CLIENTS = "clients.edit"
RUN_REPORTS = "reports.run"
MANAGE_AGENCY_USERS = "users.manage_agency"  # the users of one's own agency
MANAGE_ALL_USERS = "users.manage_all"  # every user; reactivation and account issue
MANAGE_TRAINING = "training.manage"
WORK_SUPPORT_DESK = "support.desk"
EDIT_HELP = "help.edit"
VIEW_AUDIT_AGENCY = "audit.view_agency"  # events by one's own agency's users
VIEW_AUDIT_ALL = "audit.view_all"
MANAGE_SECURITY = "security.manage"  # per-role two-factor, the user agreement
MATCH_CE = "ce.match"  # refer a person on the community queue to a housing opening

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.CASE_MANAGER: frozenset({VIEW_CLIENTS, EDIT_CLIENTS, MATCH_CE}),
    Role.AGENCY_ADMIN: frozenset(
        {VIEW_CLIENTS, EDIT_CLIENTS, RUN_REPORTS, MANAGE_AGENCY_USERS, VIEW_AUDIT_AGENCY, MATCH_CE}
    ),
    Role.HMIS_ADMIN: frozenset(
        {
            VIEW_CLIENTS,
            EDIT_CLIENTS,
            RUN_REPORTS,
            MANAGE_AGENCY_USERS,
            MANAGE_ALL_USERS,
            MANAGE_TRAINING,
            WORK_SUPPORT_DESK,
            EDIT_HELP,
            VIEW_AUDIT_AGENCY,
            VIEW_AUDIT_ALL,
            MANAGE_SECURITY,
            MATCH_CE,
        }
    ),
    Role.REPORT_ANALYST: frozenset({VIEW_CLIENTS, RUN_REPORTS}),
    Role.READ_ONLY: frozenset({VIEW_CLIENTS}),
    Role.CE_MATCHER: frozenset({VIEW_CLIENTS, MATCH_CE}),
}

# Roles an agency administrator may give; the others reach beyond one agency.
AGENCY_GRANTABLE_ROLES = (Role.CASE_MANAGER, Role.AGENCY_ADMIN, Role.READ_ONLY)


def can(user: Any, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return capability in CAPABILITIES.get(user.role, frozenset())


def grantable_roles(user: Any) -> list[tuple[str, str]]:
    if can(user, MANAGE_ALL_USERS):
        return list(Role.choices)
    if can(user, MANAGE_AGENCY_USERS):
        return [(r.value, r.label) for r in AGENCY_GRANTABLE_ROLES]
    return []


def may_manage(actor: Any, target: Any) -> bool:
    """Whether ``actor`` may act on ``target``'s account: the target's role must be one the actor
    may give (an agency administrator never touches an HMIS administrator or a report analyst)."""
    if can(actor, MANAGE_ALL_USERS):
        return True
    return target.role in dict(grantable_roles(actor))


def require(capability: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """View decorator: 403 unless the signed-in user's role has ``capability``."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not can(request.user, capability):
                raise PermissionDenied("Your role does not allow this.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
