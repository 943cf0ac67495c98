"""The FY2026 export, to the letter of the specification."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile

import jellyfish
import pytest

from hearth.audit.models import AuditEvent
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.models import ExportRun
from hearth.hmis_csv.services import export_hmis_csv
from hearth.hmis_csv.tests.builders import basic, read_csv, row, write_export
from hearth.hud.models import DataSource
from hearth.hud.spec import FILES

pytestmark = pytest.mark.django_db

START, END = dt.date(2023, 10, 1), dt.date(2024, 9, 30)


def _export(tmp_path, files, **options):
    import_export(write_export(tmp_path / "in", files), mode="quarantine")
    out = tmp_path / "out"
    result = export_hmis_csv(out, start=options.pop("start", START), end=options.pop("end", END), **options)
    return result, out


def _rows(out, name):
    header, rows = read_csv(out / FILES[name].filename)
    return [dict(zip(header, r, strict=True)) for r in rows]


def test_it_writes_every_file_with_the_spec_header_and_one_export_id(tmp_path):
    result, out = _export(tmp_path, basic())
    for name, hud_file in FILES.items():
        header, rows = read_csv(out / hud_file.filename)
        assert header == hud_file.header, name
        assert {r[header.index("ExportID")] for r in rows} <= {result.export_id}, name
    [export] = _rows(out, "Export")
    assert (export["CSVVersion"], export["ExportPeriodType"], export["HashStatus"]) == ("2026 v1.0", "3", "1")
    assert (export["ExportStartDate"], export["ExportEndDate"]) == ("2023-10-01", "2024-09-30")


def test_it_quotes_strings_only_and_doubles_embedded_quotes(tmp_path):
    files = basic()
    files["Client"][0]["LastName"] = 'O"Neil <the> [great] {one}'
    _, out = _export(tmp_path, files)
    line = (out / "Client.csv").read_text(encoding="utf-8").splitlines()[1]
    assert line.startswith('"C1","Ann",,"O""Neil the great one",,1,"123450001",1,1980-05-17,1,,0,')
    assert line.endswith(
        ',2024-01-05 09:30:00,2024-01-05 09:30:00,"U1",,' + f'"{_rows(out, "Export")[0]["ExportID"]}"'
    )


def test_it_writes_placeholder_ssns_as_empty(tmp_path):
    files = basic()
    files["Client"][0]["SSN"] = "000000000"
    _, out = _export(tmp_path, files)
    assert _rows(out, "Client")[0]["SSN"] == ""


def test_it_empties_dependents_whose_parent_does_not_trigger_them(tmp_path):
    files = basic()
    files["Exit"][0].update(Destination="410", OtherDestination="Cousin's couch")
    _, out = _export(tmp_path, files)
    assert _rows(out, "Exit")[0]["OtherDestination"] == ""


def test_it_lists_every_user_id_the_records_name(tmp_path):
    files = basic()
    files["Services"][0]["UserID"] = "GHOST"
    _, out = _export(tmp_path, files)
    users = {u["UserID"]: u for u in _rows(out, "User")}
    assert set(users) == {"U1", "GHOST"}
    assert users["U1"]["UserFirstName"] == "Uma"
    assert users["GHOST"]["DateCreated"] == "2024-01-05 09:30:00"


def test_it_keeps_every_record_of_an_exported_enrollment_but_an_exit_after_the_period(tmp_path):
    files = basic()
    files["Exit"][0]["ExitDate"] = "2024-10-15"
    files["Services"].append(row("Services", ServicesID="S2", DateProvided="2024-10-02"))
    _, out = _export(tmp_path, files)
    assert _rows(out, "Exit") == []
    assert sorted(s["ServicesID"] for s in _rows(out, "Services")) == ["S1", "S2"]
    assert [e["EnrollmentID"] for e in _rows(out, "Enrollment")] == ["N1"]


def test_it_leaves_out_enrollments_outside_the_period(tmp_path):
    files = basic()
    files["Client"] += [row("Client", PersonalID=f"C{n}") for n in (2, 3)]
    files["Enrollment"] += [
        row("Enrollment", EnrollmentID="N2", PersonalID="C2", HouseholdID="H2", EntryDate="2024-10-05"),
        row("Enrollment", EnrollmentID="N3", PersonalID="C3", HouseholdID="H3", EntryDate="2022-01-01"),
    ]
    files["Exit"].append(row("Exit", ExitID="X3", EnrollmentID="N3", PersonalID="C3", ExitDate="2022-06-01"))
    _, out = _export(tmp_path, files)
    assert [e["EnrollmentID"] for e in _rows(out, "Enrollment")] == ["N1"]
    assert [c["PersonalID"] for c in _rows(out, "Client")] == ["C1"]


def test_it_exports_only_the_chosen_projects(tmp_path):
    from hearth.projects.models import Project

    files = basic()
    files["Project"].append(row("Project", ProjectID="P2", ProjectName="Outreach", ProjectType="4"))
    import_export(write_export(tmp_path / "in", files))
    chosen = list(Project.objects.filter(hud_id="P2").values_list("pk", flat=True))
    export_hmis_csv(tmp_path / "out", start=START, end=END, projects=chosen)
    assert [p["ProjectID"] for p in _rows(tmp_path / "out", "Project")] == ["P2"]
    assert _rows(tmp_path / "out", "Enrollment") == []


def test_it_exports_what_changed_in_an_updated_period_with_deletions(tmp_path):
    files = basic()
    files["Services"].append(
        row("Services", ServicesID="S2", DateCreated="2024-08-01 10:00:00", DateUpdated="2024-08-02 10:00:00")
    )
    files["Services"].append(
        row("Services", ServicesID="S3", DateUpdated="2024-08-03 10:00:00", DateDeleted="2024-08-03 10:00:00")
    )
    result, out = _export(tmp_path, files, start=dt.date(2024, 8, 1), end=dt.date(2024, 8, 31), period_type=1)
    services = {s["ServicesID"]: s for s in _rows(out, "Services")}
    assert set(services) == {"S2", "S3"}
    assert services["S3"]["DateDeleted"] == "2024-08-03 10:00:00"
    # The records they point at come along so the files stay whole.
    assert [e["EnrollmentID"] for e in _rows(out, "Enrollment")] == ["N1"]
    assert [c["PersonalID"] for c in _rows(out, "Client")] == ["C1"]
    assert _rows(out, "Exit") == []
    [export] = _rows(out, "Export")
    assert (export["ExportPeriodType"], export["ExportDirective"]) == ("1", "1")


def test_it_hashes_names_and_ssns(tmp_path):
    _, out = _export(tmp_path, basic(), hashed=True)
    [client] = _rows(out, "Client")
    assert client["FirstName"] == hashlib.sha256(jellyfish.soundex("Ann").encode()).hexdigest()
    assert client["LastName"] == hashlib.sha256(jellyfish.soundex("Lee").encode()).hexdigest()
    assert client["SSN"] == "0001" + hashlib.sha256(b"123450001").hexdigest()
    assert _rows(out, "Export")[0]["HashStatus"] == "4"


def test_it_keeps_the_hud_ids_of_another_source_and_separates_clashing_ones(tmp_path):
    import_export(write_export(tmp_path / "a", basic()))
    other = basic()
    other["Client"][0]["FirstName"] = "Bea"
    import_export(write_export(tmp_path / "b", other, export={"ImplementationID": "other-hmis"}))
    export_hmis_csv(tmp_path / "out", start=START, end=END)
    clients = _rows(tmp_path / "out", "Client")
    ids = sorted(c["PersonalID"] for c in clients)
    first_source = min(DataSource.objects.values_list("pk", flat=True))
    assert ids == sorted(["C1", f"{first_source + 1}-C1"])
    enrollments = _rows(tmp_path / "out", "Enrollment")
    assert sorted(e["PersonalID"] for e in enrollments) == ids


def test_it_writes_a_zip_and_audits_the_export(tmp_path, admin_user):
    import_export(write_export(tmp_path / "in", basic()))
    result = export_hmis_csv(tmp_path / "export.zip", start=START, end=END, user=admin_user)
    with zipfile.ZipFile(tmp_path / "export.zip") as zf:
        assert sorted(zf.namelist()) == sorted(f.filename for f in FILES.values())
    run = ExportRun.objects.get(export_id=result.export_id)
    event = AuditEvent.objects.get(action="export", object_id=str(run.pk))
    assert event.actor == admin_user
    assert event.detail["rows"] == result.rows


def test_it_neutralises_text_a_spreadsheet_would_run_as_a_formula(tmp_path):
    files = basic()
    files["Client"][0]["FirstName"] = '=HYPERLINK("http://evil.example","x")'
    files["Client"][0]["LastName"] = "@SUM(1+1)"
    _, out = _export(tmp_path, files)
    [client] = _rows(out, "Client")
    assert client["FirstName"] == '\'=HYPERLINK("http://evil.example","x")'
    assert client["LastName"] == "'@SUM(1+1)"
    assert client["DOB"] == "1980-05-17"
    assert client["SSN"] == "123450001"


def test_it_leaves_out_users_no_exported_record_names(tmp_path):
    files = basic()
    files["User"].append(row("User", UserID="IDLE", UserFirstName="Ida"))
    _, out = _export(tmp_path, files)
    assert [u["UserID"] for u in _rows(out, "User")] == ["U1"]
