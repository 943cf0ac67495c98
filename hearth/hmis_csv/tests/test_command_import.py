"""hearth import_hmis_csv PATH."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from hearth.clients.models import Client
from hearth.hmis_csv.models import ImportRun
from hearth.hmis_csv.tests.builders import basic, row, write_export

pytestmark = pytest.mark.django_db


def _bad_export(tmp_path):
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2", VeteranStatus="5"))
    return write_export(tmp_path / "x", files)


def test_it_imports_and_prints_the_rows_per_second_of_each_file(tmp_path, capsys):
    call_command("import_hmis_csv", str(write_export(tmp_path / "x", basic())))
    out = capsys.readouterr().out
    assert "Client.csv" in out and "rows/s" in out
    assert "Loaded." in out
    assert ImportRun.objects.get().committed


def test_it_loads_nothing_and_fails_when_the_export_has_errors(tmp_path, capsys):
    with pytest.raises(CommandError, match="1 errors: nothing was loaded"):
        call_command("import_hmis_csv", str(_bad_export(tmp_path)))
    assert not Client.all_objects.exists()
    assert "Client.csv row 3 VeteranStatus" in capsys.readouterr().out


def test_it_loads_the_valid_records_when_asked_to_quarantine(tmp_path):
    call_command("import_hmis_csv", str(_bad_export(tmp_path)), "--quarantine")
    assert list(Client.objects.values_list("hud_id", flat=True)) == ["C1"]


def test_it_checks_without_loading(tmp_path):
    call_command("import_hmis_csv", str(write_export(tmp_path / "x", basic())), "--check")
    assert not Client.all_objects.exists()
    assert not ImportRun.objects.get().committed


def test_it_writes_the_report_where_asked(tmp_path):
    report = tmp_path / "report.csv"
    call_command("import_hmis_csv", str(_bad_export(tmp_path)), "--quarantine", "--report", str(report))
    assert "VeteranStatus,5,code_list,error" in report.read_text(encoding="utf-8")


def test_it_files_the_records_under_the_source_given(tmp_path):
    call_command("import_hmis_csv", str(write_export(tmp_path / "x", basic())), "--source", "county-hmis")
    assert Client.objects.get().data_source.implementation_id == "county-hmis"


def test_it_says_when_the_path_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_hmis_csv", str(tmp_path / "nope"))


def test_it_marks_the_files_read_by_worker_processes(tmp_path, capsys, settings):
    settings.HMIS_CSV_WORKERS = 2
    settings.HMIS_CSV_WORKER_MIN_BYTES = 0
    call_command("import_hmis_csv", str(write_export(tmp_path / "x", basic())))
    out = capsys.readouterr().out
    assert "Client.csv *" in out and "Services.csv *" in out
    assert "User.csv *" not in out  # every file after it needs its users: read in the main process
    assert "read by a worker process" in out
