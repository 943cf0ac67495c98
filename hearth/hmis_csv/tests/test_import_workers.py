"""Large files read by worker processes (hearth.hmis_csv.parallel) give the same import as files
read by the importer itself: the same records, counts, report and search keys."""

from __future__ import annotations

import tempfile
from collections import Counter
from typing import Any

import pytest
from django.apps import apps

from hearth.clients.models import Client, ClientSearchKey
from hearth.hmis_csv import parallel
from hearth.hmis_csv.importer import ImportResult, import_export
from hearth.hmis_csv.plan import ORDER, plan_for
from hearth.hmis_csv.tests.builders import DATALAB_2026, EVA_2026

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def workers(settings: Any) -> None:
    settings.HMIS_CSV_WORKERS = 2
    settings.HMIS_CSV_WORKER_MIN_BYTES = 0  # every file that suits a worker gets one


@pytest.fixture
def no_workers(settings: Any) -> None:
    settings.HMIS_CSV_WORKERS = 0


def _counts(result: ImportResult) -> dict[str, tuple[int, ...]]:
    return {
        name: (c.rows, c.inserted, c.updated, c.unchanged, c.deleted, c.quarantined)
        for name, c in result.files.items()
    }


def _issues(result: ImportResult) -> Counter[tuple[Any, ...]]:
    return Counter(
        (i.file, i.row, i.record, i.column, i.value, i.rule, i.level, i.action) for i in result.report.kept
    )


def _records(source_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored HUD field of every file, by HUD ID, with references as the HUD IDs they
    point at (database keys differ between two imports)."""
    out = {}
    for name in ORDER:
        plan = plan_for(name)
        fields = [s.attname.removesuffix("_id") + "__hud_id" if s.target else s.attname for s in plan.stored]
        rows = (
            plan.model._base_manager.filter(data_source_id=source_id).order_by("hud_id").values_list(*fields)
        )
        out[name] = list(rows)
    return out


def _search_keys(source_id: int) -> dict[str, set[int]]:
    hud_ids = dict(Client.all_objects.filter(data_source_id=source_id).values_list("pk", "hud_id"))
    keys: dict[str, set[int]] = {}
    for key, pk in ClientSearchKey.objects.filter(client_pk__in=hud_ids).values_list("key", "client_pk"):
        keys.setdefault(hud_ids[pk], set()).add(key)
    return keys


def _import(path: Any, settings: Any, *, workers: bool, **options: Any) -> ImportResult:
    settings.HMIS_CSV_WORKERS = 2 if workers else 0
    settings.HMIS_CSV_WORKER_MIN_BYTES = 0
    return import_export(path, **options)


def test_it_loads_the_same_records_with_workers(settings):
    with_workers = _import(DATALAB_2026, settings, workers=True, source="with-workers")
    alone = _import(DATALAB_2026, settings, workers=False, source="alone")
    assert with_workers.committed and alone.committed
    assert _counts(with_workers) == _counts(alone)
    assert with_workers.total("inserted") > 1000
    assert _issues(with_workers) == _issues(alone)
    assert _records(with_workers.data_source_id) == _records(alone.data_source_id)


def test_it_computes_the_same_search_keys_in_a_worker(settings):
    # The worker import comes first, so it also takes the path that loads an empty index in bulk.
    assert not ClientSearchKey.objects.exists()
    with_workers = _import(DATALAB_2026, settings, workers=True, source="with-workers")
    alone = _import(DATALAB_2026, settings, workers=False, source="alone")
    keys = _search_keys(with_workers.data_source_id)
    assert keys and keys == _search_keys(alone.data_source_id)
    assert len(keys) == with_workers.files["Client"].inserted
    assert with_workers.index_seconds > 0


def test_it_leaves_no_file_of_client_fields_behind(settings, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert _import(DATALAB_2026, settings, workers=True).committed
    assert _import(EVA_2026, settings, workers=True).errors  # nothing to index: the file goes too
    assert not list(tmp_path.glob("hearth-search-*"))


def test_it_reports_the_errors_a_worker_finds_and_loads_nothing(settings):
    before = Client.all_objects.count()
    with_workers = _import(EVA_2026, settings, workers=True)  # a zip: each worker opens it again
    assert not with_workers.committed
    assert Client.all_objects.count() == before
    alone = _import(EVA_2026, settings, workers=False)
    assert with_workers.errors == alone.errors > 0
    assert _issues(with_workers) == _issues(alone)


def test_it_quarantines_the_same_records_with_workers(settings):
    with_workers = _import(EVA_2026, settings, workers=True, mode="quarantine", source="with-workers")
    alone = _import(EVA_2026, settings, workers=False, mode="quarantine", source="alone")
    assert with_workers.committed and alone.committed
    assert _counts(with_workers) == _counts(alone)
    assert with_workers.total("quarantined") > 0
    assert _issues(with_workers) == _issues(alone)
    assert _records(with_workers.data_source_id) == _records(alone.data_source_id)


def test_it_rolls_back_when_a_worker_fails(settings, monkeypatch):
    def broken(importer, state, conn):
        if state.plan.name == "Enrollment":
            raise RuntimeError("disk gone")
        original(importer, state, conn)

    original = parallel._work
    monkeypatch.setattr(parallel, "_work", broken)
    with pytest.raises(parallel.WorkerFailed, match="Enrollment.csv failed.*disk gone"):
        _import(DATALAB_2026, settings, workers=True)
    assert not Client.all_objects.exists()
    assert not ClientSearchKey.objects.exists()


def test_it_reads_small_files_itself(settings, monkeypatch):
    started = []
    monkeypatch.setattr(parallel, "start", lambda importer, state: started.append(state) or None)
    settings.HMIS_CSV_WORKERS = 2
    settings.HMIS_CSV_WORKER_MIN_BYTES = 10**9
    result = import_export(DATALAB_2026)
    assert result.committed and not started
    assert apps.is_installed("hearth.clients")
