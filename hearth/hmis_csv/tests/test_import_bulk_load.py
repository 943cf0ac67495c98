"""Loading into empty tables: the tables' secondary indexes and foreign keys are set aside for the
load and restored (and the keys validated) before the import commits; a failure restores them too
and changes nothing. Incremental imports keep the ordinary path."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection

from hearth.clients.models import Client
from hearth.core import bulk
from hearth.enrollments.models import Enrollment
from hearth.hmis_csv.importer import Importer, import_export
from hearth.hmis_csv.plan import ORDER, plan_for
from hearth.hmis_csv.tests.builders import basic, row, write_export

pytestmark = pytest.mark.django_db

TABLES = sorted({plan_for(name).table for name in ORDER})
LOADED = ("User", "Organization", "Project", "Client", "Enrollment", "Exit", "Services")


def _schema() -> tuple[list[str], list[str]]:
    return bulk.definitions(TABLES)


def test_it_restores_every_index_and_foreign_key_after_loading_into_empty_tables(tmp_path):
    before = _schema()
    result = import_export(write_export(tmp_path / "x", basic()), bulk_min_rows=1)
    assert result.committed
    assert all(result.files[name].rebuild_seconds > 0 for name in LOADED)
    assert _schema() == before
    assert Enrollment.objects.get().client == Client.objects.get(hud_id="C1")


def _records(model, data_source_id):
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if not (
            f.is_relation
            or f.primary_key
            or getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)
        )
    ]
    return sorted(model._base_manager.filter(data_source_id=data_source_id).values_list(*fields))


def test_it_loads_the_same_records_as_the_ordinary_path(tmp_path):
    folder = write_export(tmp_path / "x", basic())
    fast = import_export(folder, source="bulk", bulk_min_rows=1)
    ordinary = import_export(folder, source="ordinary")
    assert fast.files["Client"].rebuild_seconds > 0 and ordinary.files["Client"].rebuild_seconds == 0
    for name in LOADED:
        model = plan_for(name).model
        assert _records(model, fast.data_source_id) == _records(model, ordinary.data_source_id), name


def test_it_keeps_the_ordinary_path_for_a_source_it_already_holds(tmp_path):
    folder = write_export(tmp_path / "x", basic())
    import_export(folder, bulk_min_rows=1)
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2", FirstName="Bo"))
    again = import_export(write_export(tmp_path / "y", files), bulk_min_rows=1)
    assert again.committed and again.files["Client"].inserted == 1
    assert all(c.rebuild_seconds == 0 for c in again.files.values())


def test_it_keeps_the_ordinary_path_for_small_files(tmp_path):
    result = import_export(write_export(tmp_path / "x", basic()))
    assert result.committed
    assert all(c.rebuild_seconds == 0 for c in result.files.values())


def test_it_keeps_the_ordinary_path_when_the_table_already_holds_more_than_a_tenth(tmp_path):
    import_export(write_export(tmp_path / "a", basic()), source="first")
    files = basic()
    files["Client"] += [row("Client", PersonalID=f"C{n}") for n in range(2, 10)]
    result = import_export(write_export(tmp_path / "b", files), source="second", bulk_min_rows=1)
    assert result.committed
    assert result.files["Client"].rebuild_seconds == 0  # 1 held, 9 coming
    assert result.files["Organization"].rebuild_seconds == 0


def test_it_restores_them_and_changes_nothing_when_the_import_has_errors(tmp_path):
    before = _schema()
    files = basic()
    files["Enrollment"].append(row("Enrollment", EnrollmentID="N2", EntryDate="2024-13-40"))
    result = import_export(write_export(tmp_path / "x", files), bulk_min_rows=1)
    assert not result.committed
    assert _schema() == before
    assert not Client.all_objects.exists()


def test_it_restores_them_and_changes_nothing_when_the_load_fails(tmp_path, monkeypatch):
    before = _schema()
    finish = Importer._finish_file

    def failing(self, state):
        if state.plan.name == "Enrollment":
            assert state.aside  # failing while the enrollment table's indexes are aside
            raise RuntimeError("the disk is full")
        finish(self, state)

    monkeypatch.setattr(Importer, "_finish_file", failing)
    with pytest.raises(RuntimeError):
        import_export(write_export(tmp_path / "x", basic()), bulk_min_rows=1)
    assert _schema() == before
    assert not Client.all_objects.exists()


def test_it_refuses_inconsistent_rows_a_bulk_load_leaves(tmp_path, monkeypatch):
    before = _schema()
    finish = Importer._finish_file

    def corrupting(self, state):
        if state.plan.name == "Enrollment":
            self.writer.drain()  # the enrollment rows are in the table
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {state.plan.table} SET client_id = client_id + 1000000")  # noqa: S608
        finish(self, state)

    monkeypatch.setattr(Importer, "_finish_file", corrupting)
    export = write_export(tmp_path / "x", basic())
    if connection.vendor == "postgresql":
        # The foreign keys were set aside: adding them back validates every row, and the whole
        # import rolls back.
        with pytest.raises(IntegrityError, match="hud_enrollment"):
            import_export(export, bulk_min_rows=1)
        assert _schema() == before
        assert not Client.all_objects.exists()
    else:
        # SQLite keeps its foreign keys throughout (checked at the commit, as Django declares
        # them), so the rows are refused there; the test's transaction never commits, so ask now.
        import_export(export, bulk_min_rows=1)
        with pytest.raises(IntegrityError):
            connection.check_constraints(table_names=["hud_enrollment"])
        with connection.cursor() as cursor:  # put the rows right, for the end-of-test check
            cursor.execute("UPDATE hud_enrollment SET client_id = client_id - 1000000")


def test_it_takes_the_threshold_from_the_settings(tmp_path, settings):
    settings.HMIS_CSV_BULK_MIN_ROWS = 1
    result = import_export(write_export(tmp_path / "x", basic()))
    assert result.files["Client"].rebuild_seconds > 0


def test_it_loads_with_every_index_when_the_settings_turn_bulk_loads_off(tmp_path, settings):
    settings.HMIS_CSV_BULK_MIN_ROWS = None
    result = import_export(write_export(tmp_path / "x", basic()))
    assert result.committed
    assert all(c.rebuild_seconds == 0 for c in result.files.values())
