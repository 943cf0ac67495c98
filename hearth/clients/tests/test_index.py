"""The search index follows every save, and can be rebuilt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from hearth.clients.models import ClientAlias, ClientSearchKey
from hearth.clients.search import parse_query, search_clients
from hearth.clients.search.index import index_clients, keys_for
from hearth.testing.factories import ClientFactory

pytestmark = pytest.mark.django_db


def _found(user, text, **kwargs):
    return [r.client for r in search_clients(user=user, query=parse_query(text, **kwargs))]


def test_it_reindexes_a_corrected_record(admin_user):
    record = ClientFactory(first_name="Jon", last_name="Smyth", dob=dt.date(1970, 1, 2))
    before = keys_for([record.pk])[record.pk]
    record.last_name = "Okafor"
    record.save()
    assert (
        set(ClientSearchKey.objects.filter(client_pk=record.pk).values_list("key", flat=True))
        == keys_for([record.pk])[record.pk]
    )
    assert keys_for([record.pk])[record.pk] != before
    assert record in _found(admin_user, "Jon Okafor", dob="1970-01-02")


def test_it_indexes_aliases_and_forgets_removed_ones(admin_user):
    record = ClientFactory(first_name="Maria", last_name="Lopez")
    alias = ClientAlias.objects.create(
        client=record, first_name="Flaca", last_name="Robles", created_at=timezone.now()
    )
    assert record in _found(admin_user, "Flaca Robles")
    alias.delete()
    assert record not in _found(admin_user, "Flaca Robles")


def test_it_rebuilds_the_whole_index(admin_user):
    records = ClientFactory.create_batch(3)
    ClientSearchKey.objects.all().delete()
    assert _found(admin_user, f"{records[0].first_name} {records[0].last_name}") == []
    call_command("rebuild_search_keys", verbosity=0)
    assert records[0] in _found(admin_user, f"{records[0].first_name} {records[0].last_name}")
    assert ClientSearchKey.objects.values("client_pk").distinct().count() == 3


def test_it_indexes_records_written_in_bulk(admin_user):
    from hearth.clients.models import Client

    template = ClientFactory.build(first_name="Wendell", last_name="Okonkwo", dob=dt.date(1961, 6, 6))
    template.save()  # a plain save indexes it
    ClientSearchKey.objects.filter(client_pk=template.pk).delete()
    Client.objects.filter(pk=template.pk).update(first_name="Wendell")
    index_clients([template.pk])
    assert _found(admin_user, "Wendell Okonkwo")[0] == template


@pytest.mark.parametrize("emptied", [True, False])
def test_it_indexes_many_records_in_bulk_as_one_by_one(monkeypatch, admin_user, emptied):
    from hearth.clients.search import index

    records = ClientFactory.create_batch(6)
    ClientAlias.objects.create(
        client=records[2], first_name="Flaca", last_name="Robles", created_at=timezone.now()
    )
    one_by_one = set(ClientSearchKey.objects.values_list("key", "client_pk"))
    if emptied:  # a fresh load: the keys go in with the table's indexes set aside
        ClientSearchKey.objects.all().delete()
    else:  # stale keys of the records are replaced, the others' kept
        ClientSearchKey.objects.create(key=42, client_pk=records[0].pk)
    monkeypatch.setattr(index, "BULK_CLIENTS", 2)
    index_clients([r.pk for r in records[:4]] + ([r.pk for r in records[4:]] if emptied else []))
    assert set(ClientSearchKey.objects.values_list("key", "client_pk")) == one_by_one
    assert records[2] in _found(admin_user, "Flaca Robles")
    # The primary key and the client index are back (PostgreSQL set them aside for the load).
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, ClientSearchKey._meta.db_table)
    assert any(c["primary_key"] and c["columns"] == ["key", "client_pk"] for c in constraints.values())
    assert any(c["index"] and c["columns"] == ["client_pk"] for c in constraints.values())
