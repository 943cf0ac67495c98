"""The HUD record base: bookkeeping columns kept automatically, soft delete, data source."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment
from hearth.hud.models import DataSource, local_data_source
from hearth.testing import factories

T1 = dt.datetime(2026, 3, 2, 17, 0, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 3, 9, 18, 30, tzinfo=dt.UTC)


def new_client(**kwargs) -> Client:
    data = {f: getattr(factories.ClientFactory.build(), f) for f in ("name_data_quality", "ssn_data_quality",
            "dob_data_quality", "am_ind_ak_native", "asian", "black_af_american", "hispanic_latinao",
            "mid_east_n_african", "native_hi_pacific", "white", "veteran_status")}  # fmt: skip
    return Client(first_name="Rosa", last_name="Ortiz", hud_user_id="u1", **data, **kwargs)


@pytest.mark.django_db
def test_it_keeps_date_created_and_date_updated():
    with time_machine.travel(T1, tick=False):
        client = new_client()
        client.save()
    assert client.date_created == client.date_updated == T1
    with time_machine.travel(T2, tick=False):
        client.first_name = "Rosalia"
        client.save()
    client.refresh_from_db()
    assert client.date_created == T1
    assert client.date_updated == T2


@pytest.mark.django_db
def test_it_keeps_stored_timestamps_when_asked_not_to_touch_them():
    client = new_client(date_created=T1, date_updated=T1)
    with time_machine.travel(T2, tick=False):
        client.save(touch=False)
    client.refresh_from_db()
    assert (client.date_created, client.date_updated) == (T1, T1)


@pytest.mark.django_db
def test_it_puts_new_records_in_the_local_data_source():
    client = new_client()
    client.save()
    assert client.data_source == local_data_source()
    assert client.data_source.is_local
    assert DataSource.objects.filter(is_local=True).count() == 1


@pytest.mark.django_db
def test_it_hides_soft_deleted_records_from_the_default_manager(client_record):
    enrollment = Enrollment.objects.get(client=client_record)
    with time_machine.travel(T2, tick=False):
        client_record.soft_delete()
    assert not Client.objects.filter(pk=client_record.pk).exists()
    assert Client.all_objects.get(pk=client_record.pk).date_deleted == T2
    assert Client.objects.live().count() == Client.objects.count()
    # Related records are their own: deleting a client does not hide its enrollment.
    assert Enrollment.objects.filter(pk=enrollment.pk).exists()
    # Reached through a relation, a deleted record is still found (the base manager sees all).
    assert Enrollment.objects.get(pk=enrollment.pk).client.pk == client_record.pk


@pytest.mark.django_db
def test_it_lets_two_sources_use_the_same_hud_identifier(owner_agency):
    other = DataSource.objects.create(name="Other HMIS", implementation_id="other-hmis")
    factories.OrganizationFactory(hud_id="1")
    factories.OrganizationFactory(hud_id="1", data_source=other)
    with pytest.raises(Exception):  # noqa: B017 - the database's unique constraint
        factories.OrganizationFactory(hud_id="1")
