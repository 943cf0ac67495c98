"""Imports of the shared real-format exports, made once per test module.

Importing an export takes seconds; tests that only read what an import did share one. The import
runs inside a transaction opened for the module and rolled back at its end, so no test outside the
module ever sees the records (each test's own transaction nests inside as a savepoint).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from hearth.hmis_csv.importer import ImportResult, import_export
from hearth.hmis_csv.tests.builders import DATALAB_2024, DATALAB_2026, EVA_2026, TESTKIT_2022


@contextmanager
def rolled_back(django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _shared_import(path: Path, **options: Any) -> Any:
    @pytest.fixture(scope="module")
    def fixture(django_db_setup: Any, django_db_blocker: Any) -> Iterator[ImportResult]:
        with rolled_back(django_db_blocker):
            yield import_export(path, **options)

    return fixture


datalab_2026 = _shared_import(DATALAB_2026)
datalab_2024 = _shared_import(DATALAB_2024)
testkit_2022 = _shared_import(TESTKIT_2022)
eva_quarantined = _shared_import(EVA_2026, mode="quarantine")


@pytest.fixture(autouse=True)
def _hmis_csv_dir(settings: Any, tmp_path: Path) -> None:
    """Reports and uploads of the tests' imports go to a temporary folder, never var/."""
    settings.HMIS_CSV_DIR = tmp_path / "hmis_csv"
    settings.HMIS_CSV_RUNNER = "inline"
