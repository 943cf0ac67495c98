"""The per-role two-factor policy page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hearth.accounts.models import Role, RolePolicy
from hearth.accounts.services.security import role_policies_set
from hearth.accounts.two_factor import role_requires_two_factor
from hearth.audit.models import AuditEvent


def test_an_hmis_admin_requires_two_factor_for_a_role(client, admin_user):
    client.force_login(admin_user)
    client.post("/accounts/security/", {Role.CASE_MANAGER: "on", Role.REPORT_ANALYST: "on"})
    assert set(RolePolicy.objects.filter(require_two_factor=True).values_list("role", flat=True)) == {
        Role.CASE_MANAGER,
        Role.REPORT_ANALYST,
    }
    assert AuditEvent.objects.filter(detail__change="role_policy").count() == 1
    client.post("/accounts/security/", {Role.REPORT_ANALYST: "on"})
    assert not RolePolicy.objects.get(role=Role.CASE_MANAGER).require_two_factor


def test_it_always_requires_two_factor_of_the_roles_that_manage_accounts(client, admin_user):
    assert role_requires_two_factor(Role.HMIS_ADMIN) and role_requires_two_factor(Role.AGENCY_ADMIN)
    client.force_login(admin_user)
    page = client.get("/accounts/security/").content.decode()
    assert "Always required" in page
    client.post("/accounts/security/", {Role.CASE_MANAGER: "on"})  # the admin roles left unticked
    assert role_requires_two_factor(Role.HMIS_ADMIN) and role_requires_two_factor(Role.AGENCY_ADMIN)


def test_the_service_refuses_to_turn_it_off_for_an_admin_role(admin_user):
    with pytest.raises(ValidationError) as refused:
        role_policies_set(actor=admin_user, require_two_factor={Role.HMIS_ADMIN: False})
    assert Role.HMIS_ADMIN in refused.value.message_dict


def test_others_may_not(client, owner):
    client.force_login(owner)
    assert client.post("/accounts/security/", {Role.CASE_MANAGER: "on"}).status_code == 403
    assert not RolePolicy.objects.exists()
