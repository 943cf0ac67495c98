"""The importer's checks, one rule at a time, on small exports written by the tests."""

from __future__ import annotations

import pytest

from hearth.clients.models import Client
from hearth.enrollments.models import Enrollment, Exit, Service
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.tests.builders import basic, row, write_export
from hearth.projects.models import Organization

pytestmark = pytest.mark.django_db


def _issues(result, rule=None):
    return [i for i in result.report.kept if rule is None or i.rule == rule]


def test_it_loads_a_clean_export(tmp_path):
    result = import_export(write_export(tmp_path / "x", basic()))
    assert result.committed
    assert (result.errors, result.warnings) == (0, 0)
    assert Client.objects.get(hud_id="C1").first_name == "Ann"
    assert Exit.objects.get(hud_id="X1").enrollment == Enrollment.objects.get(hud_id="N1")


def test_it_changes_nothing_when_any_row_has_an_error(tmp_path):
    files = basic()
    files["Services"].append(row("Services", ServicesID="S2", DateProvided="2024-13-40"))
    result = import_export(write_export(tmp_path / "x", files))
    assert not result.committed
    assert not Client.all_objects.exists()
    [problem] = [i for i in result.report.kept if i.level == "error"]
    assert (problem.file, problem.row, problem.record, problem.column, problem.value) == (
        "Services.csv",
        3,
        "S2",
        "DateProvided",
        "2024-13-40",
    )
    assert (problem.rule, problem.level) == ("date", "error")


def test_it_quarantines_a_bad_record_and_its_dependents(tmp_path):
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2", NameDataQuality="7"))
    files["Enrollment"].append(row("Enrollment", EnrollmentID="N2", PersonalID="C2", HouseholdID="H2"))
    files["Services"].append(row("Services", ServicesID="S2", EnrollmentID="N2", PersonalID="C2"))
    result = import_export(write_export(tmp_path / "x", files), mode="quarantine")
    assert result.committed
    assert list(Client.objects.values_list("hud_id", flat=True)) == ["C1"]
    assert not Enrollment.objects.filter(hud_id="N2").exists()
    assert list(Service.objects.values_list("hud_id", flat=True)) == ["S1"]
    quarantined = {(i.file, i.record, i.rule) for i in result.report.kept if i.action == "quarantined"}
    assert ("Client.csv", "C2", "code_list") in quarantined
    assert ("Enrollment.csv", "N2", "parent_quarantined") in quarantined
    assert ("Services.csv", "S2", "parent_quarantined") in quarantined
    assert result.files["Services"].quarantined == 1


def test_it_refuses_a_second_row_with_the_same_id(tmp_path):
    files = basic()
    files["Client"].append(row("Client", FirstName="Other"))
    result = import_export(write_export(tmp_path / "x", files), mode="quarantine")
    [dup] = _issues(result, "duplicate_key")
    assert (dup.file, dup.row, dup.record) == ("Client.csv", 3, "C1")
    assert "row 2" in dup.message
    assert Client.objects.get(hud_id="C1").first_name == "Ann"


def test_it_refuses_an_enrollment_of_an_unknown_client(tmp_path):
    files = basic()
    files["Enrollment"].append(row("Enrollment", EnrollmentID="N2", PersonalID="NOPE", HouseholdID="H2"))
    result = import_export(write_export(tmp_path / "x", files))
    [orphan] = _issues(result, "missing_reference")
    assert (orphan.column, orphan.value, orphan.level) == ("PersonalID", "NOPE", "error")


def test_it_refuses_an_export_id_other_than_export_csv_s(tmp_path):
    files = basic()
    files["Client"][0]["ExportID"] = "OTHER"
    result = import_export(write_export(tmp_path / "x", files))
    [wrong] = _issues(result, "export_id")
    assert (wrong.file, wrong.value) == ("Client.csv", "OTHER")


def test_it_reports_each_unknown_user_once_per_file(tmp_path):
    files = basic()
    files["Services"] += [row("Services", ServicesID=f"S{n}", UserID="GHOST") for n in range(2, 5)]
    result = import_export(write_export(tmp_path / "x", files))
    assert result.committed
    [ghost] = _issues(result, "missing_user")
    assert (ghost.file, ghost.value, ghost.row, ghost.level) == ("Services.csv", "GHOST", 3, "warning")
    assert "3 rows" in ghost.message


def test_it_warns_of_a_household_with_two_heads_or_none(tmp_path):
    files = basic()
    files["Client"] += [row("Client", PersonalID=f"C{n}") for n in (2, 3)]
    files["Enrollment"] += [
        row("Enrollment", EnrollmentID="N2", PersonalID="C2", HouseholdID="H1"),
        row("Enrollment", EnrollmentID="N3", PersonalID="C3", HouseholdID="H3", RelationshipToHoH="2"),
    ]
    result = import_export(write_export(tmp_path / "x", files))
    assert result.committed
    heads = {i.value: i.message for i in _issues(result, "household_head")}
    assert "has 2 heads" in heads["H1"]
    assert "has no head" in heads["H3"]


def test_it_warns_of_a_second_project_start_record(tmp_path):
    files = basic()
    files["IncomeBenefits"] = [row("IncomeBenefits"), row("IncomeBenefits", IncomeBenefitsID="I2")]
    result = import_export(write_export(tmp_path / "x", files))
    [stage] = _issues(result, "stage_duplicate")
    assert (stage.record, stage.level) == ("I2", "warning")


def test_it_warns_of_a_second_start_record_of_one_disability_type_only(tmp_path):
    def disability(hud_id: str, kind: str, stage: str = "1") -> dict[str, str]:
        return row(
            "Disabilities",
            DisabilitiesID=hud_id,
            EnrollmentID="N1",
            PersonalID="C1",
            InformationDate="2024-01-05",
            DisabilityType=kind,
            DisabilityResponse="0",
            DataCollectionStage=stage,
        )

    files = basic()
    files["Disabilities"] = [
        disability("D1", "5"),
        disability("D2", "6"),
        disability("D3", "5"),
        disability("D4", "6", stage="3"),
    ]
    result = import_export(write_export(tmp_path / "x", files))
    assert result.files["Disabilities"].inserted == 4
    assert [i.record for i in _issues(result, "stage_duplicate")] == ["D3"]


def test_it_refuses_a_second_exit_of_one_enrollment(tmp_path):
    files = basic()
    files["Exit"].append(row("Exit", ExitID="X2"))
    result = import_export(write_export(tmp_path / "x", files), mode="quarantine")
    [second] = _issues(result, "duplicate_exit")
    assert (second.record, second.level, second.action) == ("X2", "error", "quarantined")
    assert list(Exit.objects.values_list("hud_id", flat=True)) == ["X1"]


@pytest.mark.parametrize(
    ("text", "read_as"),
    [("02-07-2023 12:00:00", "2023-02-07"), ("2/7/2023", "2023-02-07"), ("2023/02/07", "2023-02-07")],
)
def test_it_reads_common_wrong_date_forms_and_says_how(tmp_path, text, read_as):
    files = basic()
    files["Client"][0]["DOB"] = text
    result = import_export(write_export(tmp_path / "x", files))
    assert result.committed
    [warning] = _issues(result, "date_format")
    assert warning.level == "warning"
    assert f"read as {read_as}" in warning.message
    assert Client.objects.get(hud_id="C1").dob.isoformat() == read_as


def test_it_reads_two_digit_years_day_first_when_the_column_says_so(tmp_path):
    files = basic()
    files["Client"] += [row("Client", PersonalID="C2")]
    files["Client"][0]["DOB"] = "03-04-81"
    files["Client"][1]["DOB"] = "25-12-80"
    import_export(write_export(tmp_path / "x", files))
    assert Client.objects.get(hud_id="C1").dob.isoformat() == "1981-04-03"
    assert Client.objects.get(hud_id="C2").dob.isoformat() == "1980-12-25"


def test_it_refuses_a_date_it_cannot_read(tmp_path):
    files = basic()
    files["Client"][0]["DOB"] = "last spring"
    result = import_export(write_export(tmp_path / "x", files))
    [bad] = _issues(result, "date_format")
    assert bad.level == "error"


def test_it_reads_a_byte_order_mark_and_windows_1252(tmp_path):
    files = basic()
    files["Client"][0]["FirstName"] = "José"
    files["Organization"][0]["OrganizationName"] = "Niños Unidos"
    folder = write_export(tmp_path / "x", files)
    (folder / "Client.csv").write_bytes(b"\xef\xbb\xbf" + (folder / "Client.csv").read_bytes())
    text = (folder / "Organization.csv").read_text(encoding="utf-8")
    (folder / "Organization.csv").write_bytes(text.encode("cp1252"))
    result = import_export(folder)
    assert result.committed
    assert Client.objects.get().first_name == "José"
    assert Organization.objects.get().organization_name == "Niños Unidos"
    [encoding] = _issues(result, "encoding")
    assert (encoding.file, encoding.level) == ("Organization.csv", "warning")


def test_it_reads_a_utf16_file_by_its_byte_order_mark(tmp_path):
    files = basic()
    files["Client"][0]["FirstName"] = "José"
    folder = write_export(tmp_path / "x", files)
    text = (folder / "Client.csv").read_text(encoding="utf-8")
    (folder / "Client.csv").write_bytes(text.encode("utf-16"))
    result = import_export(folder)
    assert result.committed
    assert Client.objects.get().first_name == "José"
    assert not _issues(result, "encoding")


def test_it_reports_and_ignores_custom_files(tmp_path):
    folder = write_export(tmp_path / "x", basic(), extra={"CustomGender.csv": "PersonalID,Woman\nC1,1\n"})
    result = import_export(folder)
    assert result.committed
    [custom] = _issues(result, "unknown_file")
    assert (custom.file, custom.level) == ("CustomGender.csv", "warning")


def test_it_reads_columns_by_name_whatever_their_case_or_order(tmp_path):
    folder = write_export(tmp_path / "x", basic())
    path = folder / "Client.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    values = lines[1].split(",")
    header[1] = "firstname"
    order = [1, 0] + list(range(2, len(header)))
    path.write_text(
        ",".join(header[i] for i in order) + "\n" + ",".join(values[i] for i in order) + "\n",
        encoding="utf-8",
    )
    result = import_export(folder)
    assert result.committed
    assert Client.objects.get().first_name == "Ann"
    assert {i.rule for i in result.report.kept} == {"header_case", "column_order"}


def test_it_refuses_a_file_without_a_required_column(tmp_path):
    folder = write_export(tmp_path / "x", basic())
    path = folder / "Services.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join(",".join(line.split(",")[:4] + line.split(",")[5:]) for line in lines), encoding="utf-8"
    )
    result = import_export(folder)
    [missing] = [i for i in result.report.kept if i.rule == "missing_column"]
    assert (missing.column, missing.level) == ("RecordType", "error")
    assert not result.committed


def test_it_reads_a_zip_with_the_files_in_a_folder(tmp_path):
    import zipfile

    folder = write_export(tmp_path / "export", basic())
    target = tmp_path / "nested.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for path in folder.iterdir():
            zf.write(path, f"export/{path.name}")
    assert import_export(target).committed
    assert Client.objects.count() == 1


@pytest.mark.parametrize(("dob", "rule"), [("2999-01-01", "future_date"), ("1980-02-31", "date")])
def test_it_keeps_a_client_whose_only_defect_is_an_impossible_dob(tmp_path, dob, rule):
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2", DOB=dob, DOBDataQuality="1"))
    files["Enrollment"].append(row("Enrollment", EnrollmentID="N2", PersonalID="C2", HouseholdID="H2"))
    result = import_export(write_export(tmp_path / "x", files), mode="quarantine")
    assert result.committed
    kept = Client.objects.get(hud_id="C2")
    assert (kept.dob, kept.dob_data_quality) == (None, 99)
    assert Enrollment.objects.filter(hud_id="N2").exists()
    [warning] = [i for i in result.report.kept if i.record == "C2"]
    assert (warning.file, warning.row, warning.column, warning.rule) == ("Client.csv", 3, "DOB", rule)
    assert (warning.level, warning.action) == ("warning", "field emptied")
    assert "DOBDataQuality 99" in warning.message


def test_it_still_quarantines_a_client_with_another_error_beside_its_dob(tmp_path):
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2", DOB="2999-01-01", NameDataQuality="7"))
    result = import_export(write_export(tmp_path / "x", files), mode="quarantine")
    assert not Client.objects.filter(hud_id="C2").exists()
    assert {i.action for i in result.report.kept if i.record == "C2" and i.level == "error"} == {
        "quarantined"
    }


def test_it_refuses_an_impossible_dob_when_not_quarantining(tmp_path):
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2", DOB="2999-01-01"))
    result = import_export(write_export(tmp_path / "x", files))
    assert not result.committed
    assert [(i.column, i.level) for i in result.report.kept if i.record == "C2"] == [("DOB", "error")]
