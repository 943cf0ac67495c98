"""The per-role two-factor policy page."""

from __future__ import annotations

from hearth.accounts.models import Role, RolePolicy
from hearth.audit.models import AuditEvent


def test_an_hmis_admin_requires_two_factor_for_a_role(client, admin_user):
    client.force_login(admin_user)
    client.post("/accounts/security/", {Role.AGENCY_ADMIN: "on", Role.HMIS_ADMIN: "on"})
    assert set(RolePolicy.objects.filter(require_two_factor=True).values_list("role", flat=True)) == {
        Role.AGENCY_ADMIN,
        Role.HMIS_ADMIN,
    }
    assert AuditEvent.objects.filter(detail__change="role_policy").count() == 1
    client.post("/accounts/security/", {Role.HMIS_ADMIN: "on"})
    assert not RolePolicy.objects.get(role=Role.AGENCY_ADMIN).require_two_factor


def test_others_may_not(client, owner):
    client.force_login(owner)
    assert client.post("/accounts/security/", {Role.CASE_MANAGER: "on"}).status_code == 403
    assert not RolePolicy.objects.exists()
