"""Opening a ticket, signed in or not (then verified by an emailed link)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from hearth.accounts.tests.helpers import links_in_last_email, path_of
from hearth.support.models import Category, Status, Ticket

BASE = {
    "first_name": "Casey",
    "last_name": "Rivera",
    "email": "casey@agency.example",
    "subject": "Cannot sign in",
    "body": "My account says inactive.",
}


def open_ticket(client, **overrides):
    data = {**BASE, "category": Category.REACTIVATE, "username": "casey", **overrides}
    return client.post("/support/tickets/new/", data)


def test_it_prefills_the_category_from_the_sign_in_message(client, db):
    response = client.get("/support/tickets/new/?category=reactivate")
    assert b'<option value="reactivate" selected>' in response.content


def test_an_anonymous_ticket_waits_for_the_email_to_be_confirmed(client, admin_user):
    response = open_ticket(client)
    assert b"Check your email" in response.content
    ticket = Ticket.objects.get()
    assert ticket.verified_at is None
    assert mail.outbox[-1].to == ["casey@agency.example"]
    client.force_login(admin_user)
    assert b"HS-" not in client.get("/support/desk/").content.split(b"<tbody>")[1]
    client.logout()
    link = path_of(links_in_last_email("casey@agency.example")[0])
    response = client.get(link)
    assert response["Location"] == f"/support/tickets/{ticket.pk}/"
    ticket.refresh_from_db()
    assert ticket.verified_at is not None and ticket.status == Status.NEW
    assert any(m.to == ["hmis-support@localhost"] for m in mail.outbox)
    assert b"Cannot sign in" in client.get(f"/support/tickets/{ticket.pk}/").content


def test_the_link_expires(client, db, frozen):
    open_ticket(client)
    link = path_of(links_in_last_email()[0])
    frozen.shift(dt.timedelta(hours=73))
    assert client.get(link).status_code == 400
    assert Ticket.objects.get().verified_at is None


def test_a_signed_in_user_with_the_same_email_is_verified_at_once(client, owner):
    owner.email = "casey@agency.example"
    owner.save()
    client.force_login(owner)
    response = open_ticket(client)
    ticket = Ticket.objects.get()
    assert response["Location"] == f"/support/tickets/{ticket.pk}/"
    assert ticket.verified_at is not None and ticket.requester == owner
    assert ticket.account == owner


@pytest.mark.parametrize(
    ("category", "missing"),
    [
        (Category.NEW_ACCOUNT, "Email you used at the training academy"),
        (Category.UNLOCK, "Your Hearth username"),
        (Category.EMPLOYER_CHANGE, "Your agency now"),
        (Category.MERGE_DUPLICATES, "Hearth client numbers"),
    ],
)
def test_it_asks_for_what_each_category_needs(client, db, category, missing):
    response = open_ticket(client, category=category, username="")
    assert f"Required for this kind of request: {missing}".encode() in response.content
    assert not Ticket.objects.exists()


def test_a_merge_ticket_takes_client_numbers_only(client, db):
    response = open_ticket(client, category=Category.MERGE_DUPLICATES, client_identifiers="Maria Lopez, 12")
    assert b"at least two Hearth client numbers" in response.content
    open_ticket(client, category=Category.MERGE_DUPLICATES, client_identifiers="1024, 2048")
    assert Ticket.objects.get().client_ids() == [1024, 2048]


def test_a_new_account_ticket_expedites_the_waiting_request(client, admin_user):
    from hearth.accounts.models import AccountRequest, Course
    from hearth.accounts.services.training import completion_record

    completion_record(
        first_name="Casey",
        last_name="Rivera",
        academy_email="casey@academy.example",
        employer="X",
        course=Course.BNT_FAMILIES,
        completed_on=dt.date(2027, 3, 1),
        actor=admin_user,
    )
    open_ticket(client, category=Category.NEW_ACCOUNT, academy_email="casey@academy.example", username="")
    client.get(path_of(links_in_last_email("casey@agency.example")[0]))
    assert AccountRequest.objects.get().expedite
    assert Ticket.objects.get().actions.filter(kind="expedite").exists()
