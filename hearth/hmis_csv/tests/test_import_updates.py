"""Importing again: the same export changes nothing, a newer one updates and deletes, an older one
is ignored; records are keyed by data source and HUD ID."""

from __future__ import annotations

import pytest

from hearth.clients.models import Client
from hearth.enrollments.models import Service
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.tests.builders import basic, row, write_export
from hearth.hud.models import DataSource

pytestmark = pytest.mark.django_db

LATER = "2024-06-01 10:00:00"
EARLIER = "2023-06-01 10:00:00"


def test_it_counts_every_record_unchanged_the_second_time(tmp_path):
    folder = write_export(tmp_path / "x", basic())
    import_export(folder)
    again = import_export(folder)
    assert again.committed
    assert again.total("unchanged") == again.total("rows") == 8
    assert again.total("inserted") == again.total("updated") == 0


def test_it_updates_a_record_a_newer_export_changed(tmp_path):
    import_export(write_export(tmp_path / "a", basic()))
    files = basic()
    files["Client"][0].update(LastName="Lee-Park", DateUpdated=LATER)
    result = import_export(write_export(tmp_path / "b", files))
    assert result.files["Client"].updated == 1
    assert result.files["Enrollment"].unchanged == 1
    client = Client.objects.get(hud_id="C1")
    assert client.last_name == "Lee-Park"
    assert client.date_updated.isoformat() == "2024-06-01T17:00:00+00:00"


def test_it_soft_deletes_a_record_the_export_deleted(tmp_path):
    import_export(write_export(tmp_path / "a", basic()))
    files = basic()
    files["Services"][0].update(DateDeleted=LATER, DateUpdated=LATER)
    result = import_export(write_export(tmp_path / "b", files))
    assert result.files["Services"].deleted == 1
    assert not Service.objects.exists()
    assert Service.all_objects.get(hud_id="S1").date_deleted is not None


def test_it_keeps_what_it_holds_when_an_older_version_arrives(tmp_path):
    files = basic()
    files["Client"][0].update(DateUpdated=LATER)
    import_export(write_export(tmp_path / "a", files))
    older = basic()
    older["Client"][0].update(LastName="Old", DateUpdated=EARLIER)
    result = import_export(write_export(tmp_path / "b", older))
    assert Client.objects.get(hud_id="C1").last_name == "Lee"
    assert result.files["Client"].unchanged == 1
    [warning] = [i for i in result.report.kept if i.rule == "older_record"]
    assert warning.record == "C1"


def test_it_keeps_two_sources_with_the_same_ids_apart(tmp_path):
    import_export(write_export(tmp_path / "a", basic()))
    other = basic()
    other["Client"][0]["FirstName"] = "Bea"
    import_export(write_export(tmp_path / "b", other, export={"ImplementationID": "other-hmis"}))
    names = dict(Client.objects.values_list("data_source__implementation_id", "first_name"))
    assert names == {"test-hmis": "Ann", "other-hmis": "Bea"}


def test_it_files_records_under_the_source_chosen(tmp_path):
    result = import_export(write_export(tmp_path / "a", basic()), source="warehouse-7")
    assert DataSource.objects.get(pk=result.data_source_id).implementation_id == "warehouse-7"
    assert Client.objects.get().data_source_id == result.data_source_id


def test_it_names_the_source_from_source_id_and_name_when_there_is_no_implementation_id(tmp_path):
    folder = write_export(tmp_path / "a", basic(), export={"ImplementationID": ""})
    result = import_export(folder, mode="quarantine")
    [missing] = [i for i in result.report.kept if i.level == "error"]
    assert (missing.file, missing.column, missing.rule) == ("Export.csv", "ImplementationID", "required")
    source = DataSource.objects.get(pk=result.data_source_id)
    assert source.implementation_id == "CA-600 Test HMIS"


def test_it_updates_a_record_that_changed_without_a_new_date(tmp_path):
    import_export(write_export(tmp_path / "a", basic()))
    files = basic()
    files["Services"] = [row("Services", DateProvided="2024-01-07")]
    result = import_export(write_export(tmp_path / "b", files))
    assert result.files["Services"].updated == 1
    assert Service.objects.get().date_provided.isoformat() == "2024-01-07"
