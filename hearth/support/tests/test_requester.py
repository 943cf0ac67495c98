"""Following one's tickets: replies, and access only to one's own."""

from __future__ import annotations

from django.core import mail

from hearth.accounts.tests.helpers import links_in_last_email, path_of
from hearth.support import services
from hearth.support.models import Category, Status


def open_verified(email="casey@agency.example", **extra):
    ticket = services.ticket_open(
        category=Category.OTHER,
        subject="Question",
        body="How do I export?",
        first_name="Casey",
        last_name="R",
        email=email,
        **extra,
    )
    services.ticket_verify(ticket=ticket, email=email)
    return ticket


def test_the_requester_follows_and_replies_through_the_emailed_link(client, db):
    ticket = open_verified()
    services.ticket_set_status(ticket=ticket, status=Status.WAITING, actor=_staff())
    client.get(path_of(links_in_last_email("casey@agency.example")[0]))
    response = client.post(f"/support/tickets/{ticket.pk}/", {"body": "Here is more detail."})
    assert response["Location"] == f"/support/tickets/{ticket.pk}/"
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN  # a reply reopens a ticket waiting on the requester
    assert ticket.messages.count() == 2


def test_nobody_else_sees_the_ticket(client, db, owner):
    ticket = open_verified()
    assert client.get(f"/support/tickets/{ticket.pk}/").status_code == 404
    other = open_verified(email="someone@else.example")
    client.get(path_of(links_in_last_email("someone@else.example")[0]))
    assert client.get(f"/support/tickets/{ticket.pk}/").status_code == 404
    assert client.get(f"/support/tickets/{other.pk}/").status_code == 200
    client.force_login(owner)
    assert client.get(f"/support/tickets/{ticket.pk}/").status_code == 404


def test_internal_notes_stay_on_the_desk(client, db):
    ticket = open_verified()
    services.ticket_reply(
        ticket=ticket, body="Checked the logs: secret note", author=_staff(), from_support=True, internal=True
    )
    client.get(path_of(services.requester_link(ticket)))
    assert b"secret note" not in client.get(f"/support/tickets/{ticket.pk}/").content


def test_it_emails_a_link_to_all_of_an_addresss_tickets(client, db):
    open_verified()
    open_verified()
    mail.outbox.clear()
    response = client.post("/support/tickets/follow/", {"email": "casey@agency.example"})
    assert b"If" in response.content
    client.get(path_of(links_in_last_email("casey@agency.example")[0]))
    assert client.get("/support/").content.count(b"HS-") == 2


def test_it_says_the_same_for_an_address_without_tickets(client, db):
    response = client.post("/support/tickets/follow/", {"email": "nobody@x.example"})
    assert b"If" in response.content and mail.outbox == []


def _staff():
    from hearth.accounts.models import Role
    from hearth.testing import factories

    return factories.UserFactory(role=Role.HMIS_ADMIN, organization=None)
