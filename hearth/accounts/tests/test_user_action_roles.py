"""Every account action checks that the actor may manage the target's role, not only the role change."""

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


@pytest.fixture(params=[Role.HMIS_ADMIN, Role.REPORT_ANALYST])
def beyond_the_agency(request, owner_agency):
    """A user of the admin's own agency whose role the agency administrator may not give."""
    return factories.UserFactory(
        username="senior", organization=owner_agency, role=request.param, email="senior@example.org"
    )


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("close", {"reason": "left"}),
        ("unlock", {}),
        ("reset", {}),
        ("reactivate", {}),
        ("role", {"role": "read_only"}),
    ],
)
def test_it_refuses_an_agency_admin_acting_on_a_role_they_may_not_give(
    client, agency_admin, beyond_the_agency, action, data, mailoutbox
):
    beyond_the_agency.locked_at = clock.now()
    beyond_the_agency.save()
    client.force_login(agency_admin)
    response = client.post(f"/accounts/users/{beyond_the_agency.pk}/{action}/", data)
    assert response.status_code == 403
    beyond_the_agency.refresh_from_db()
    assert account_state(beyond_the_agency) == AccountState.LOCKED
    assert beyond_the_agency.role in (Role.HMIS_ADMIN, Role.REPORT_ANALYST)
    assert not AuditEvent.objects.filter(action="account", object_id=str(beyond_the_agency.pk)).exists()
    assert mailoutbox == []


def test_it_lets_an_agency_admin_unlock_a_case_manager_of_their_agency(client, agency_admin, owner):
    owner.locked_at = clock.now()
    owner.save()
    client.force_login(agency_admin)
    assert client.post(f"/accounts/users/{owner.pk}/unlock/").status_code == 302
    owner.refresh_from_db()
    assert account_state(owner) == AccountState.ACTIVE


def test_it_lets_an_hmis_admin_close_a_report_analyst(client, admin_user, owner_agency):
    analyst = factories.UserFactory(username="analyst", organization=owner_agency, role=Role.REPORT_ANALYST)
    client.force_login(admin_user)
    client.post(f"/accounts/users/{analyst.pk}/close/", {"reason": "left"})
    analyst.refresh_from_db()
    assert account_state(analyst) == AccountState.CLOSED
