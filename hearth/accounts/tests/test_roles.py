"""What each role may do."""

from __future__ import annotations

import pytest

from hearth.accounts import roles
from hearth.accounts.models import Role
from hearth.testing import factories


@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        (
            Role.CASE_MANAGER,
            {roles.EDIT_CLIENTS},
            {roles.MANAGE_AGENCY_USERS, roles.WORK_SUPPORT_DESK, roles.VIEW_AUDIT_AGENCY},
        ),
        (
            Role.AGENCY_ADMIN,
            {roles.MANAGE_AGENCY_USERS, roles.VIEW_AUDIT_AGENCY},
            {roles.MANAGE_ALL_USERS, roles.VIEW_AUDIT_ALL},
        ),
        (
            Role.HMIS_ADMIN,
            {roles.MANAGE_ALL_USERS, roles.WORK_SUPPORT_DESK, roles.VIEW_AUDIT_ALL, roles.EDIT_HELP},
            set(),
        ),
        (
            Role.REPORT_ANALYST,
            {roles.RUN_REPORTS, roles.VIEW_CLIENTS},
            {roles.EDIT_CLIENTS, roles.MANAGE_AGENCY_USERS},
        ),
        (Role.READ_ONLY, {roles.VIEW_CLIENTS}, {roles.EDIT_CLIENTS, roles.RUN_REPORTS}),
    ],
)
def test_it_gives_each_role_its_capabilities(db, role, allowed, refused):
    user = factories.UserFactory(role=role)
    assert all(roles.can(user, c) for c in allowed)
    assert not any(roles.can(user, c) for c in refused)


def test_it_gives_nothing_to_closed_or_anonymous_users(db):
    from django.contrib.auth.models import AnonymousUser

    user = factories.UserFactory(role=Role.HMIS_ADMIN, is_active=False)
    assert not roles.can(user, roles.VIEW_CLIENTS)
    assert not roles.can(AnonymousUser(), roles.VIEW_CLIENTS)


def test_agency_admins_grant_only_agency_roles(db):
    agency_admin = factories.UserFactory(role=Role.AGENCY_ADMIN)
    assert {r for r, _ in roles.grantable_roles(agency_admin)} == {
        Role.CASE_MANAGER,
        Role.AGENCY_ADMIN,
        Role.READ_ONLY,
    }
