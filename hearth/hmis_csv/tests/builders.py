"""Small HMIS CSV FY2026 exports written by tests: valid defaults, overridden per row."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings

from hearth.hud.spec import FILES

SHARED = Path(settings.BASE_DIR).parent / "shared"
DATA = SHARED / "data"
DATALAB_2026 = DATA / "datalab-fy2026"
DATALAB_2024 = DATA / "datalab-fy2024"
TESTKIT_2022 = DATA / "testkit-fy2022" / "inputs"
EVA_2026 = DATA / "eva-demo-fy2026.zip"

EXPORT_ID = "E1"
STAMP = {
    "DateCreated": "2024-01-05 09:30:00",
    "DateUpdated": "2024-01-05 09:30:00",
    "UserID": "U1",
    "ExportID": EXPORT_ID,
}

DEFAULTS: dict[str, dict[str, str]] = {
    "Export": {
        "ExportID": EXPORT_ID,
        "SourceType": "1",
        "SourceID": "CA-600",
        "SourceName": "Test HMIS",
        "ExportDate": "2024-10-01 08:00:00",
        "ExportStartDate": "2023-10-01",
        "ExportEndDate": "2024-09-30",
        "SoftwareName": "Test",
        "CSVVersion": "2026 v1.0",
        "ExportPeriodType": "3",
        "ExportDirective": "2",
        "HashStatus": "1",
        "ImplementationID": "test-hmis",
    },
    "User": {"UserID": "U1", "UserFirstName": "Uma", "UserLastName": "User", **STAMP},
    "Organization": {
        "OrganizationID": "O1",
        "OrganizationName": "Agency",
        "VictimServiceProvider": "0",
        **STAMP,
    },
    "Project": {
        "ProjectID": "P1",
        "OrganizationID": "O1",
        "ProjectName": "Shelter",
        "OperatingStartDate": "2020-01-01",
        "ContinuumProject": "1",
        "ProjectType": "0",
        **STAMP,
    },
    "Client": {
        "PersonalID": "C1",
        "FirstName": "Ann",
        "LastName": "Lee",
        "NameDataQuality": "1",
        "SSN": "123450001",
        "SSNDataQuality": "1",
        "DOB": "1980-05-17",
        "DOBDataQuality": "1",
        "AmIndAKNative": "0",
        "Asian": "0",
        "BlackAfAmerican": "0",
        "HispanicLatinao": "0",
        "MidEastNAfrican": "0",
        "NativeHIPacific": "0",
        "White": "1",
        "VeteranStatus": "0",
        **STAMP,
    },
    "Enrollment": {
        "EnrollmentID": "N1",
        "PersonalID": "C1",
        "ProjectID": "P1",
        "EntryDate": "2024-01-05",
        "HouseholdID": "H1",
        "RelationshipToHoH": "1",
        "EnrollmentCoC": "CA-600",
        "LivingSituation": "116",
        "DisablingCondition": "0",
        **STAMP,
    },
    "Exit": {
        "ExitID": "X1",
        "EnrollmentID": "N1",
        "PersonalID": "C1",
        "ExitDate": "2024-03-01",
        "Destination": "410",
        **STAMP,
    },
    "Services": {
        "ServicesID": "S1",
        "EnrollmentID": "N1",
        "PersonalID": "C1",
        "DateProvided": "2024-01-06",
        "RecordType": "200",
        "TypeProvided": "200",
        **STAMP,
    },
    "IncomeBenefits": {
        "IncomeBenefitsID": "I1",
        "EnrollmentID": "N1",
        "PersonalID": "C1",
        "InformationDate": "2024-01-05",
        "IncomeFromAnySource": "0",
        "DataCollectionStage": "1",
        **STAMP,
    },
}


def row(file: str, **values: Any) -> dict[str, str]:
    out = dict(DEFAULTS.get(file, STAMP))
    out.update({k: "" if v is None else str(v) for k, v in values.items()})
    return out


def basic() -> dict[str, list[dict[str, str]]]:
    """One agency, one project, one client with an enrollment, an exit and a bed night."""
    return {
        name: [row(name)]
        for name in ("User", "Organization", "Project", "Client", "Enrollment", "Exit", "Services")
    }


def write_export(
    folder: Path,
    files: dict[str, list[dict[str, str]]],
    *,
    export: dict[str, str] | None = None,
    encoding: str = "utf-8",
    extra: dict[str, str] | None = None,
    zip_name: str | None = None,
) -> Path:
    """Write Export.csv and the given files (every other HUD file with its header only)."""
    folder.mkdir(parents=True, exist_ok=True)
    all_files: dict[str, list[dict[str, str]]] = (
        {name: [] for name in FILES} | {"Export": [row("Export", **(export or {}))]} | files
    )
    for name, rows in all_files.items():
        header = FILES[name].header
        with open(folder / f"{name}.csv", "w", newline="", encoding=encoding) as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for r in rows:
                writer.writerow([r.get(c, "") for c in header])
    for filename, text in (extra or {}).items():
        (folder / filename).write_text(text, encoding="utf-8")
    if zip_name is None:
        return folder
    target = folder.parent / zip_name
    with zipfile.ZipFile(target, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, path.name)
    return target


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]
