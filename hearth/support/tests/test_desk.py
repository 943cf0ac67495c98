"""The Support desk: replies, statuses, assignment, and account actions taken from a ticket."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from hearth.accounts.models import Course, Role, TrainingCompletion, User
from hearth.accounts.services.training import completion_record
from hearth.accounts.states import AccountState, account_state
from hearth.accounts.tests.conftest import LA
from hearth.audit.models import AuditEvent
from hearth.core import clock
from hearth.support import services
from hearth.support.models import Category, Status, TicketAction
from hearth.testing import factories


def verified_ticket(category, email="owner@example.org", **extra):
    ticket = services.ticket_open(
        category=category,
        subject="Help please",
        body="Details for Support",
        first_name="Olive",
        last_name="Owner",
        email=email,
        **extra,
    )
    services.ticket_verify(ticket=ticket, email=email)
    ticket.refresh_from_db()
    return ticket


def test_the_desk_is_for_support_staff_only(client, owner):
    ticket = verified_ticket(Category.OTHER)
    client.force_login(owner)
    assert client.get("/support/desk/").status_code == 403
    assert client.get(f"/support/desk/{ticket.pk}/").status_code == 403
    assert client.post(f"/support/desk/{ticket.pk}/reply/", {"body": "x"}).status_code == 403


def test_support_replies_and_the_requester_is_told_without_the_text(client, admin_user):
    ticket = verified_ticket(Category.OTHER)
    client.force_login(admin_user)
    mail.outbox.clear()
    client.post(f"/support/desk/{ticket.pk}/reply/", {"body": "Try clearing the cache for client 7"})
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    message = mail.outbox[-1]
    assert message.to == ["owner@example.org"]
    assert "has a reply" in message.subject
    assert "clearing the cache" not in message.body and "/support/link/" in message.body


def test_support_sets_status_and_assigns(client, admin_user):
    ticket = verified_ticket(Category.OTHER)
    client.force_login(admin_user)
    token = client.get(f"/support/desk/{ticket.pk}/").context["edit_token"]
    client.post(f"/support/desk/{ticket.pk}/assign/", {"assigned_to": admin_user.pk, "edit_token": token})
    token = client.get(f"/support/desk/{ticket.pk}/").context["edit_token"]
    client.post(f"/support/desk/{ticket.pk}/status/", {"status": Status.WAITING, "edit_token": token})
    ticket.refresh_from_db()
    assert ticket.assigned_to == admin_user and ticket.status == Status.WAITING
    assert list(ticket.actions.values_list("kind", flat=True)) == ["assign", "status"]
    assert b"HS-" in client.get("/support/desk/?mine=1&status=waiting").content


def test_it_refuses_a_status_or_assignment_chosen_on_a_stale_page(client, admin_user):
    ticket = verified_ticket(Category.OTHER)
    colleague = factories.UserFactory(username="colleague", role=admin_user.role, organization=None)
    client.force_login(admin_user)
    stale = client.get(f"/support/desk/{ticket.pk}/").context["edit_token"]
    fresh = client.get(f"/support/desk/{ticket.pk}/").context["edit_token"]
    client.post(f"/support/desk/{ticket.pk}/status/", {"status": Status.RESOLVED, "edit_token": fresh})

    page = client.post(
        f"/support/desk/{ticket.pk}/status/", {"status": Status.WAITING, "edit_token": stale}, follow=True
    )
    client.post(f"/support/desk/{ticket.pk}/assign/", {"assigned_to": colleague.pk, "edit_token": stale})
    client.post(f"/support/desk/{ticket.pk}/assign/", {"assigned_to": colleague.pk})

    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED and ticket.assigned_to is None
    assert "someone else changed this ticket" in page.content.decode()


def test_only_support_staff_can_be_assigned(client, admin_user, owner):
    ticket = verified_ticket(Category.OTHER)
    client.force_login(admin_user)
    client.post(f"/support/desk/{ticket.pk}/assign/", {"assigned_to": owner.pk})
    ticket.refresh_from_db()
    assert ticket.assigned_to is None


def test_support_reactivates_from_the_ticket_and_it_is_recorded(client, admin_user, owner, frozen):
    frozen.move_to(dt.datetime(2027, 4, 12, 9, 0, tzinfo=LA))
    ticket = verified_ticket(Category.REACTIVATE, username="owner")
    assert ticket.account == owner
    client.force_login(admin_user)
    page = client.get(f"/support/desk/{ticket.pk}/")
    assert b"within 90 days: it can be reactivated now" in page.content
    response = client.post(f"/support/desk/{ticket.pk}/reactivate/", follow=True)
    assert b"Account reactivated" in response.content
    owner.refresh_from_db()
    assert account_state(owner) == AccountState.REACTIVATED
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    action = ticket.actions.get(kind=TicketAction.Kind.REACTIVATE)
    assert action.actor == admin_user and action.target_user == owner
    assert AuditEvent.objects.filter(detail__change="reactivated", object_id=str(owner.pk)).exists()


def test_support_shows_a_temporary_password_once_when_a_retake_was_needed(client, admin_user, owner, frozen):
    TrainingCompletion.objects.create(
        first_name="O",
        last_name="O",
        academy_email="owner@example.org",
        employer="Owner Agency",
        course=Course.RETAKE,
        completed_on=dt.date(2027, 6, 30),
        entered_by=admin_user,
        created_at=clock.now(),
    )
    frozen.move_to(dt.datetime(2027, 7, 1, 9, 0, tzinfo=LA))
    ticket = verified_ticket(Category.REACTIVATE, username="owner")
    client.force_login(admin_user)
    response = client.post(f"/support/desk/{ticket.pk}/reactivate/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert b'data-testid="temporary-password"' in response.content
    assert b"temporary-password" not in client.get(f"/support/desk/{ticket.pk}/").content
    assert "messages" not in client.cookies  # never parked in the (signed, readable) messages cookie
    owner.refresh_from_db()
    assert owner.must_change_password


def test_support_unlocks_from_the_ticket(client, admin_user, owner):
    owner.locked_at = clock.now()
    owner.save()
    ticket = verified_ticket(Category.UNLOCK, username="owner")
    client.force_login(admin_user)
    client.post(f"/support/desk/{ticket.pk}/unlock/")
    owner.refresh_from_db()
    assert owner.locked_at is None
    assert ticket.actions.filter(kind=TicketAction.Kind.UNLOCK).exists()


def test_support_sends_a_reset_link_from_the_ticket(client, admin_user, owner):
    ticket = verified_ticket(Category.PASSWORD_RESET, username="owner")
    client.force_login(admin_user)
    mail.outbox.clear()
    client.post(f"/support/desk/{ticket.pk}/reset/")
    assert any("/accounts/password-reset/" in m.body and m.to == ["owner@example.org"] for m in mail.outbox)
    assert ticket.actions.filter(kind=TicketAction.Kind.PASSWORD_RESET).exists()


def test_support_refuses_to_act_before_the_email_is_confirmed(client, admin_user, owner):
    ticket = services.ticket_open(
        category=Category.UNLOCK,
        subject="x",
        body="y",
        first_name="O",
        last_name="O",
        email="owner@example.org",
        username="owner",
    )
    client.force_login(admin_user)
    assert client.get(f"/support/desk/{ticket.pk}/").status_code == 404


def test_support_issues_an_account_from_a_new_account_ticket(client, admin_user, owner_agency):
    completion_record(
        first_name="Rosa",
        last_name="Diaz",
        academy_email="rosa@academy.example",
        employer="Owner Agency",
        course=Course.BNT_FAMILIES,
        completed_on=dt.date(2027, 3, 1),
        actor=admin_user,
    )
    ticket = verified_ticket(
        Category.NEW_ACCOUNT, email="rosa@owner.example", academy_email="rosa@academy.example"
    )
    client.force_login(admin_user)
    assert b"Issue account" in client.get(f"/support/desk/{ticket.pk}/").content
    client.post(
        f"/support/desk/{ticket.pk}/issue/",
        {
            "organization": owner_agency.pk,
            "role": Role.CASE_MANAGER,
            "username": "rdiaz",
            "email": "rosa@owner.example",
        },
    )
    user = User.objects.get(username="rdiaz")
    ticket.refresh_from_db()
    assert ticket.account == user and ticket.status == Status.RESOLVED
    assert ticket.actions.filter(kind=TicketAction.Kind.ISSUE_ACCOUNT, target_user=user).exists()


def test_support_handles_an_employer_change(client, admin_user, owner, partner_agency):
    ticket = verified_ticket(
        Category.EMPLOYER_CHANGE,
        email="olive@partner.example",
        username="owner",
        agency_name="Partner Agency",
    )
    client.force_login(admin_user)
    assert b"retraining is waived" in client.get(f"/support/desk/{ticket.pk}/").content
    client.post(
        f"/support/desk/{ticket.pk}/employer_change/",
        {"organization": partner_agency.pk, "role": Role.CASE_MANAGER, "username": "olive2"},
    )
    new = User.objects.get(username="olive2")
    owner.refresh_from_db()
    assert new.email == "olive@partner.example" and new.organization == partner_agency
    assert account_state(owner) == AccountState.CLOSED
    assert ticket.actions.filter(kind=TicketAction.Kind.EMPLOYER_CHANGE, target_user=new).exists()


def test_a_merge_ticket_links_clients_by_number_and_never_names_them_in_email(
    client, admin_user, client_record
):
    mail.outbox.clear()
    ticket = verified_ticket(Category.MERGE_DUPLICATES, client_identifiers=f"{client_record.pk}, 999")
    client.force_login(admin_user)
    page = client.get(f"/support/desk/{ticket.pk}/").content.decode()
    assert f'href="/clients/{client_record.pk}/"' in page and 'href="/clients/999/"' in page
    assert "Maria" not in page and "Lopez" not in page
    to_support = next(m for m in mail.outbox if m.to == ["hmis-support@localhost"])
    assert f"/clients/{client_record.pk}/" in to_support.body
    for message in mail.outbox:
        assert "Maria" not in message.body + message.subject and "Lopez" not in message.body + message.subject


@pytest.mark.parametrize("action", ["reactivate", "unlock", "reset", "issue", "employer_change", "nonsense"])
def test_actions_that_do_not_apply_say_so_and_change_nothing(client, admin_user, owner, action):
    ticket = verified_ticket(Category.OTHER, email="stranger@elsewhere.example")
    client.force_login(admin_user)
    response = client.post(f"/support/desk/{ticket.pk}/{action}/", follow=True)
    assert response.status_code in (200, 404)
    assert not ticket.actions.exists()
