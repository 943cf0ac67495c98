"""The new-account queue: an HMIS administrator issues the account; the user sets a password with a
one-time link (no password in email) and signs in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from hearth.accounts.models import AccountRequest, Course, Role, User
from hearth.accounts.services.training import completion_record
from hearth.accounts.tests.helpers import links_in_last_email, path_of, sign_in
from hearth.audit.models import AuditEvent


@pytest.fixture
def account_request(admin_user, owner_agency):
    _, request = completion_record(
        first_name="Rosa",
        last_name="Diaz",
        academy_email="rosa@academy.example",
        employer="Owner Agency",
        course=Course.BNT_FAMILIES,
        completed_on=dt.date(2027, 3, 1),
        actor=admin_user,
    )
    return request


def issue(client, account_request, owner_agency, **overrides):
    data = {
        "action": "issue",
        "organization": owner_agency.pk,
        "role": Role.CASE_MANAGER,
        "username": "rdiaz",
        "email": "rosa@owner.example",
    }
    data.update(overrides)
    return client.post(f"/accounts/requests/{account_request.pk}/", data)


def test_it_lists_the_pending_requests(client, admin_user, account_request):
    client.force_login(admin_user)
    response = client.get("/accounts/requests/")
    assert b"rosa@academy.example" in response.content


def test_it_issues_the_account_and_emails_a_set_password_link(
    client, admin_user, account_request, owner_agency
):
    client.force_login(admin_user)
    response = issue(client, account_request, owner_agency)
    assert response["Location"] == "/accounts/requests/"
    user = User.objects.get(username="rdiaz")
    assert (user.organization, user.role, user.academy_email) == (
        owner_agency,
        Role.CASE_MANAGER,
        "rosa@academy.example",
    )
    assert not user.has_usable_password()
    account_request.refresh_from_db()
    assert account_request.status == AccountRequest.Status.ISSUED and account_request.user == user
    assert user.training_completions.count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_id=str(user.pk)).exists()
    assert mail.outbox[-1].to == ["rosa@owner.example"]
    body = mail.outbox[-1].body
    assert "Username: rdiaz" in body and "/accounts/welcome/" in body
    assert "password:" not in body.lower()  # a link to choose one, never a password


def test_the_link_sets_the_password_once_and_the_user_signs_in(
    client, admin_user, account_request, owner_agency
):
    client.force_login(admin_user)
    issue(client, account_request, owner_agency)
    client.logout()
    link = path_of(links_in_last_email("rosa@owner.example")[0])
    assert link.startswith("/accounts/welcome/")
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "garden-gate-5521", "new_password2": "garden-gate-5521"}
    )
    assert response["Location"] == "/accounts/password-set/"
    assert b"no longer works" in client.get(link, follow=True).content
    assert sign_in(client, "rdiaz", "garden-gate-5521")["Location"] == "/accounts/sign-in/agreement/"


def test_the_link_expires_after_seven_days(client, admin_user, account_request, owner_agency, frozen):
    client.force_login(admin_user)
    issue(client, account_request, owner_agency)
    client.logout()
    link = path_of(links_in_last_email("rosa@owner.example")[0])
    frozen.shift(dt.timedelta(days=7, seconds=1))
    assert b"no longer works" in client.get(link, follow=True).content


def test_it_refuses_a_taken_username_and_a_missing_agency(
    client, admin_user, account_request, owner_agency, owner
):
    client.force_login(admin_user)
    assert b"That username is taken" in issue(client, account_request, owner_agency, username="OWNER").content
    assert b"Choose the agency" in issue(client, account_request, owner_agency, organization="").content
    account_request.refresh_from_db()
    assert account_request.status == AccountRequest.Status.PENDING


def test_it_declines_a_request(client, admin_user, account_request):
    client.force_login(admin_user)
    client.post(
        f"/accounts/requests/{account_request.pk}/", {"action": "decline", "reason": "Not an HMIS agency"}
    )
    account_request.refresh_from_db()
    assert account_request.status == AccountRequest.Status.DECLINED


def test_it_is_for_hmis_administrators_only(client, account_request, owner_agency):
    from hearth.testing import factories

    agency_admin = factories.UserFactory(role=Role.AGENCY_ADMIN, organization=owner_agency)
    client.force_login(agency_admin)
    assert client.get("/accounts/requests/").status_code == 403
    assert issue(client, account_request, owner_agency).status_code == 403
