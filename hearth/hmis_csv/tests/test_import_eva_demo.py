"""Done when: eva-demo-fy2026.zip imports with its deliberate errors reported, and nothing crashes."""

from __future__ import annotations

import pytest

from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment, Service
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.tests.builders import EVA_2026

pytestmark = pytest.mark.django_db


def _errors(result):
    return [i for i in result.report.kept if i.level == "error"]


def test_it_reports_each_deliberate_error_with_file_row_and_column(eva_quarantined):
    found = {(i.file, i.column, i.value, i.rule) for i in _errors(eva_quarantined)}
    assert ("Client.csv", "RaceNone", "0", "code_list") in found
    assert ("CurrentLivingSituation.csv", "CurrentLivingSituation", "999", "code_list") in found
    assert ("Services.csv", "TypeProvided", "2", "code_list") in found
    assert all(i.row > 1 and i.record for i in _errors(eva_quarantined))


def test_it_quarantines_the_bad_records_and_what_depends_on_them(eva_quarantined):
    assert eva_quarantined.committed
    source = eva_quarantined.data_source_id
    bad_client = next(i.record for i in _errors(eva_quarantined) if i.file == "Client.csv")
    assert not Client.all_objects.filter(data_source_id=source, hud_id=bad_client).exists()
    dependents = [i for i in _errors(eva_quarantined) if i.rule == "parent_quarantined"]
    assert dependents and all(i.action == "quarantined" for i in dependents)
    assert (
        Enrollment.objects.filter(data_source_id=source).count()
        == eva_quarantined.files["Enrollment"].inserted
    )
    assert Service.objects.filter(data_source_id=source).count() == eva_quarantined.files["Services"].inserted


def test_it_reads_the_day_first_dates_and_says_so(eva_quarantined):
    dated = [i for i in eva_quarantined.report.kept if i.file == "Client.csv" and i.column == "DateUpdated"]
    assert dated and all(i.level == "warning" for i in dated)
    assert any(i.value == "13-06-19" and "2019-06-13" in i.message for i in dated)


def test_it_keeps_no_hashed_ssn(eva_quarantined):
    assert not Client.objects.filter(
        data_source_id=eva_quarantined.data_source_id, ssn__isnull=False
    ).exists()


def test_it_loads_nothing_when_all_or_nothing():
    before = Client.all_objects.count()
    result = import_export(EVA_2026)
    assert not result.committed
    assert result.errors > 0
    assert Client.all_objects.count() == before
