from __future__ import annotations

import datetime as dt

from hearth.accounts.models import Role
from hearth.support import services
from hearth.support.models import Category, Status
from hearth.testing import factories


def test_it_closes_tickets_resolved_a_week_ago(db, frozen):
    staff = factories.UserFactory(role=Role.HMIS_ADMIN)
    ticket = services.ticket_open(
        category=Category.OTHER, subject="x", body="y", first_name="A", last_name="B", email="a@b.example"
    )
    services.ticket_verify(ticket=ticket, email="a@b.example")
    services.ticket_set_status(ticket=ticket, status=Status.RESOLVED, actor=staff)
    frozen.shift(dt.timedelta(days=6))
    assert services.tickets_autoclose() == 0
    frozen.shift(dt.timedelta(days=1, seconds=1))
    assert services.tickets_autoclose() == 1
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
