"""Managing users: agency administrators their agency's, HMIS administrators everyone's."""

from __future__ import annotations

import pytest

from hearth.accounts.models import Role
from hearth.accounts.states import AccountState, account_state
from hearth.audit.models import AuditEvent
from hearth.core import clock
from hearth.testing import factories


@pytest.fixture
def agency_admin(owner_agency):
    return factories.UserFactory(username="boss", organization=owner_agency, role=Role.AGENCY_ADMIN)


def _role(client, account, role, *, token=None):
    """Change a role from the user's page, with the edit token the page was drawn with."""
    if token is None:
        token = client.get(f"/accounts/users/{account.pk}/").context["role_edit_token"]
    return client.post(
        f"/accounts/users/{account.pk}/role/", {"role": role, "edit_token": token}, follow=True
    )


def test_an_agency_admin_sees_only_their_agencys_users(client, agency_admin, owner, partner):
    client.force_login(agency_admin)
    page = client.get("/accounts/users/")
    assert b">owner<" in page.content and b">partner<" not in page.content
    assert client.get(f"/accounts/users/{owner.pk}/").status_code == 200
    assert client.get(f"/accounts/users/{partner.pk}/").status_code == 404
    assert client.post(f"/accounts/users/{partner.pk}/close/", {"reason": "x"}).status_code == 404


def test_an_agency_admin_gives_agency_roles_only(client, agency_admin, owner):
    client.force_login(agency_admin)
    _role(client, owner, Role.READ_ONLY)
    owner.refresh_from_db()
    assert owner.role == Role.READ_ONLY
    _role(client, owner, Role.HMIS_ADMIN)
    owner.refresh_from_db()
    assert owner.role == Role.READ_ONLY
    assert AuditEvent.objects.filter(detail__change="role", object_id=str(owner.pk)).count() == 1


def test_an_agency_admin_closes_and_unlocks(client, agency_admin, owner):
    owner.locked_at = clock.now()
    owner.save()
    client.force_login(agency_admin)
    client.post(f"/accounts/users/{owner.pk}/unlock/")
    owner.refresh_from_db()
    assert account_state(owner) == AccountState.ACTIVE
    client.post(f"/accounts/users/{owner.pk}/close/", {"reason": "left the agency"})
    owner.refresh_from_db()
    assert account_state(owner) == AccountState.CLOSED


def test_an_agency_admin_cannot_reactivate(client, agency_admin, owner, frozen):
    import datetime as dt

    frozen.shift(dt.timedelta(days=31))
    client.force_login(agency_admin)
    client.post(f"/accounts/users/{owner.pk}/reactivate/")
    owner.refresh_from_db()
    assert owner.reactivated_at is None


def test_nobody_closes_their_own_account_here(client, agency_admin):
    client.force_login(agency_admin)
    client.post(f"/accounts/users/{agency_admin.pk}/close/", {"reason": "x"})
    agency_admin.refresh_from_db()
    assert agency_admin.closed_at is None


def test_an_hmis_admin_manages_everyone(client, admin_user, partner):
    client.force_login(admin_user)
    assert client.get(f"/accounts/users/{partner.pk}/").status_code == 200
    _role(client, partner, Role.REPORT_ANALYST)
    partner.refresh_from_db()
    assert partner.role == Role.REPORT_ANALYST


def test_it_refuses_a_role_change_made_from_a_stale_page(client, agency_admin, owner):
    client.force_login(agency_admin)
    stale = client.get(f"/accounts/users/{owner.pk}/").context["role_edit_token"]
    _role(client, owner, Role.READ_ONLY)

    page = _role(client, owner, Role.AGENCY_ADMIN, token=stale)
    unsigned = client.post(f"/accounts/users/{owner.pk}/role/", {"role": Role.AGENCY_ADMIN})

    owner.refresh_from_db()
    assert owner.role == Role.READ_ONLY
    assert "someone else changed this user while you were editing (changed: role)" in page.content.decode()
    assert unsigned.status_code == 302 and owner.role == Role.READ_ONLY


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.REPORT_ANALYST, Role.READ_ONLY])
def test_other_roles_are_refused(client, owner_agency, owner, role):
    user = factories.UserFactory(organization=owner_agency, role=role)
    client.force_login(user)
    assert client.get("/accounts/users/").status_code == 403
    assert client.post(f"/accounts/users/{owner.pk}/close/", {"reason": "x"}).status_code == 403
