"""Done when: datalab-fy2026 imports, and an export of the same period gives back every HUD field of
every record unchanged (apart from the normalisations listed in docs/hmis-csv.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.clients.models import Client
from hearth.hmis_csv.services import export_hmis_csv
from hearth.hmis_csv.tests.builders import DATALAB_2026, read_csv
from hearth.hmis_csv.tests.roundtrip import differences, period
from hearth.hud.spec import FILES

pytestmark = pytest.mark.django_db


def test_it_imports_every_record_of_the_datalab_export(datalab_2026):
    assert datalab_2026.committed
    assert datalab_2026.errors == 0
    for name, counts in datalab_2026.files.items():
        _, rows = read_csv(DATALAB_2026 / FILES[name].filename)
        assert counts.rows == len(rows), name
        assert counts.inserted == len(rows), name
    _, clients = read_csv(DATALAB_2026 / "Client.csv")
    assert Client.objects.filter(data_source_id=datalab_2026.data_source_id).count() == len(clients)


def test_it_reports_the_custom_files_and_the_wrong_export_date(datalab_2026):
    issues = [(i.file, i.rule, i.level) for i in datalab_2026.report.kept]
    assert ("CustomGender.csv", "unknown_file", "warning") in issues
    assert ("CustomEnrollmentFY26Deprecations.csv", "unknown_file", "warning") in issues
    export_date = next(
        i for i in datalab_2026.report.kept if i.file == "Export.csv" and i.column == "ExportDate"
    )
    assert export_date.level == "warning"
    assert "read as 2023-02-07 12:00:00" in export_date.message


def test_it_exports_the_same_period_back_cell_for_cell(datalab_2026, tmp_path):
    start, end = period(DATALAB_2026)
    result = export_hmis_csv(tmp_path / "out", start=start, end=end)
    assert differences(tmp_path / "out", DATALAB_2026, result.export_id) == []


def test_it_finds_nothing_to_change_when_the_same_export_comes_again(datalab_2026):
    from hearth.hmis_csv.importer import import_export

    again = import_export(DATALAB_2026)
    assert again.committed
    assert again.total("inserted") == again.total("updated") == again.total("deleted") == 0
    assert again.total("unchanged") == again.total("rows")


def test_it_keeps_an_exported_enrollments_records_dated_after_the_period(datalab_2026, tmp_path):
    # Enrollment 827944 is in the 2021-10-01..2022-09-30 export; its exit-stage IncomeBenefits row
    # is dated 2022-11-23. HUD's export keeps every record of an enrollment it exports.
    start, end = period(DATALAB_2026)
    export_hmis_csv(tmp_path / "out", start=start, end=end)
    header, rows = read_csv(tmp_path / "out" / "IncomeBenefits.csv")
    kept = {r[header.index("IncomeBenefitsID")]: r[header.index("InformationDate")] for r in rows}
    assert kept.get("827944_3") == "2022-11-23" and end < dt.date(2022, 11, 23)
    assert "827944_1" in kept
