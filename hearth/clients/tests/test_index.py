"""The search index follows every save, and can be rebuilt."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
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
