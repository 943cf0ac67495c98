"""Template context for every page: the account links of the main navigation and the idle timeout."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from hearth.accounts import conf, roles


def accounts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"account_nav": [], "session_idle_seconds": 0, "may_run_reports": False}
    nav = [{"url": reverse("support:my_tickets"), "label": "Support"}]
    if roles.can(user, roles.WORK_SUPPORT_DESK):
        nav = [{"url": reverse("support:desk"), "label": "Support desk"}]
    if roles.can(user, roles.MANAGE_TRAINING):
        nav.append({"url": reverse("accounts:request_list"), "label": "Account requests"})
    if roles.can(user, roles.MANAGE_AGENCY_USERS):
        nav.append({"url": reverse("accounts:user_list"), "label": "Users"})
    if roles.can(user, roles.VIEW_AUDIT_AGENCY):
        nav.append({"url": reverse("audit:search"), "label": "Audit"})
    nav.append({"url": reverse("support:help_index"), "label": "Help"})
    nav.append({"url": reverse("accounts:profile"), "label": "My account"})
    return {
        "account_nav": nav,
        # The Reports link only for roles that may run them; the pages refuse the others anyway.
        "may_run_reports": roles.can(user, roles.RUN_REPORTS),
        "session_idle_seconds": conf.session_idle_seconds(),
        "session_warning_seconds": conf.value("SESSION_IDLE_WARNING_SECONDS"),
    }
