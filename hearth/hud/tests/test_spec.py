"""The generated specification and code lists match HUD's shared tables exactly."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from hearth.hud.codelists import LISTS
from hearth.hud.spec import CSV_VERSION, FILES

SHARED = Path(settings.BASE_DIR).parent / "shared" / "hud"
BOOKKEEPING = {"DateCreated", "DateUpdated", "UserID", "DateDeleted", "ExportID"}


def shared_columns() -> dict[str, list[dict[str, str]]]:
    files: dict[str, list[dict[str, str]]] = {}
    with open(SHARED / "csv-fy2026-columns.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            files.setdefault(row["file"], []).append(row)
    for rows in files.values():
        rows.sort(key=lambda r: int(r["order"]))
    return files


def test_it_has_every_file_and_column_in_hud_order():
    shared = shared_columns()
    assert CSV_VERSION == "2026 v1.0"
    assert set(FILES) == set(shared)
    assert len(shared) == 24
    assert sum(len(rows) for rows in shared.values()) == sum(len(f.columns) for f in FILES.values())
    for name, rows in shared.items():
        assert [c.name for c in FILES[name].columns] == [r["column"] for r in rows], name


def test_it_has_each_columns_type_list_and_nullability():
    for name, rows in shared_columns().items():
        for row, col in zip(rows, FILES[name].columns, strict=True):
            where = f"{name}.{col.name}"
            assert col.type == row["type"], where
            assert col.nullable == (row["nullable"] == "yes"), where
            if row["list"] and col.type == "I":
                shared_list = row["list"].removesuffix(".1") if row["list"] == "3.12.1" else row["list"]
                assert col.code_list == shared_list, where
            assert col.element == row["data_element"], where


def test_it_has_every_code_list_with_its_labels():
    shared = json.loads((SHARED / "code-lists-fy2026.json").read_text(encoding="utf-8"))
    for list_id, spec in shared.items():
        assert list_id in LISTS, list_id
        ours = {str(code): label for code, label in LISTS[list_id].values.items()}
        assert ours == spec["values"], list_id


@pytest.mark.parametrize("name", sorted(FILES))
def test_it_has_a_model_field_for_every_column(name):
    hud_file = FILES[name]
    model = apps.get_model(hud_file.model)
    assert name == model.HUD_FILE
    field_names = {f.name for f in model._meta.get_fields()}
    for col in hud_file.columns:
        if col.field:
            assert col.field in field_names, f"{name}.{col.name} -> {col.field}"
            field = model._meta.get_field(col.field)
            if col.max_length and col.field != "hud_id" and not col.references:
                assert field.max_length == col.max_length, col.name
            if col.code_list and col.type == "I" and col.code_list in LISTS:
                codes = {code for code, _ in field.choices}
                assert codes == set(LISTS[col.code_list].values) - set(col.excluded), col.name
        else:
            assert col.name in BOOKKEEPING, col.name
