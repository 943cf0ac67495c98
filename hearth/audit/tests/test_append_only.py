"""Audit events are never changed or deleted: the model refuses, and on PostgreSQL the database does."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record


@pytest.fixture
def event(owner):
    return audit_record(actor=owner, action=AuditEvent.Action.SIGN_IN, obj=owner)


def test_the_model_refuses_changes_and_deletion(event):
    event.action = AuditEvent.Action.SIGN_OUT
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_the_database_refuses_update_and_delete_on_postgresql(event):
    table = AuditEvent._meta.db_table
    if connection.vendor != "postgresql":
        # SQLite: the migration leaves the database alone (no trigger is created there).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            assert cursor.fetchone()[0] == 0
        return
    for sql in (f"UPDATE {table} SET action = 'delete' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with (
            pytest.raises(DatabaseError, match="never changed or deleted"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.action == AuditEvent.Action.SIGN_IN
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="delete")
