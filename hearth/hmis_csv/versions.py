"""Which HMIS CSV version an export is, and how older versions become FY2026 on the way in.

FY2022 becomes FY2024 and FY2024 becomes FY2026, one step at a time, on each row's text (before
the types are read), so a FY2022 export goes through both steps and the rules below are the ones
HUD published for each transition. Every change a step makes to a value is counted and reported
once per file and column; docs/hmis-csv.md lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

FY2026 = "FY2026"
FY2024 = "FY2024"
FY2022 = "FY2022"
VERSIONS = (FY2022, FY2024, FY2026)


def version_from_csv_version(text: str | None) -> str | None:
    """Export.csv's CSVVersion ("2026 v1.0", "2024 v1.3", "FY2022", "2022 v1.2") as a version."""
    if not text:
        return None
    m = re.search(r"20(2[0-9])", text)
    if not m:
        return None
    year = int(m[1])
    if year >= 26:
        return FY2026
    if year >= 24:
        return FY2024
    if year >= 22:
        return FY2022
    return None


def version_from_headers(client_header: Iterable[str], enrollment_header: Iterable[str] = ()) -> str | None:
    """The version Client.csv's (and Enrollment.csv's) columns belong to."""
    names = {h.strip().lower() for h in client_header} | {h.strip().lower() for h in enrollment_header}
    if "hispaniclatinao" in names or "sex" in names or "mentalhealthconsultation" in names:
        return FY2026
    if "hispaniclatinaeo" in names or "woman" in names:
        return FY2024
    if "ethnicity" in names or "female" in names or "trackingmethod" in names:
        return FY2022
    return None


# --- notes -------------------------------------------------------------------------------------


@dataclass
class Note:
    file: str
    column: str
    message: str
    count: int = 0
    first_row: int = 0


@dataclass
class Notes:
    """Changes made to values by a migration step, counted per (file, column, change)."""

    items: dict[tuple[str, str, str], Note] = field(default_factory=dict)
    row: int = 0

    def add(self, file: str, column: str, message: str) -> None:
        key = (file, column, message)
        note = self.items.get(key)
        if note is None:
            note = self.items[key] = Note(file, column, message, 0, self.row)
        note.count += 1


Row = dict[str, str]


@dataclass
class Step:
    """One version step for one file: renamed and dropped columns and a per-row value change."""

    renames: dict[str, str] = field(default_factory=dict)
    drops: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    change: Callable[[Row, Notes, MigrationContext], None] | None = None


@dataclass
class MigrationContext:
    """What a step needs from other files (FY2022 EnrollmentCoC.csv folds into Enrollment)."""

    enrollment_coc: dict[str, str] = field(default_factory=dict)
    implementation_id: str = ""  # for FY2022 Export.csv, which has no ImplementationID
    derived: dict[str, list[Row]] = field(default_factory=dict)  # file -> rows made by a step


# --- FY2022 -> FY2024 --------------------------------------------------------------------------

# Living situation and destination codes gained a prefix for their group in FY2024.
LIVING_SITUATION_FY2024 = {
    "16": "116",
    "1": "101",
    "18": "118",
    "15": "215",
    "6": "206",
    "7": "207",
    "25": "225",
    "4": "204",
    "5": "205",
    "29": "329",
    "14": "314",
    "2": "302",
    "32": "332",
    "13": "313",
    "36": "336",
    "12": "312",
    "35": "335",
    "27": "327",
    "22": "422",
    "23": "423",
    "26": "426",
    "10": "410",
    "21": "421",
    "11": "411",
}
# The subsidised rentals became 435 "Rental by client, with ongoing housing subsidy" plus a subsidy.
SUBSIDY_FY2024 = {"28": "428", "19": "419", "31": "431", "33": "433", "34": "434", "20": "420", "3": "440"}
UNCHANGED_CODES = frozenset({"30", "17", "24", "37", "8", "9", "99"})


def _recode_living(row: Row, notes: Notes, file: str, column: str, subsidy_column: str) -> None:
    value = row.get(column, "").strip()
    if not value or value in UNCHANGED_CODES:
        return
    if value in LIVING_SITUATION_FY2024:
        row[column] = LIVING_SITUATION_FY2024[value]
        notes.add(file, column, "FY2022 codes became their FY2024 codes (16 -> 116, 1 -> 101, ...)")
    elif value in SUBSIDY_FY2024:
        row[column] = "435"
        row[subsidy_column] = SUBSIDY_FY2024[value]
        notes.add(
            file,
            column,
            f"FY2022 subsidised rentals (19, 20, 28, 31, 33, 34, 3) became 435 with a {subsidy_column}",
        )


def _client_2022(row: Row, notes: Notes, ctx: MigrationContext) -> None:
    ethnicity = row.pop("Ethnicity", "").strip()
    row["HispanicLatinaeo"] = "1" if ethnicity == "1" else "0"
    row.setdefault("MidEastNAfrican", "0")
    races = ("AmIndAKNative", "Asian", "BlackAfAmerican", "NativeHIPacific", "White")
    if ethnicity == "1" and row.get("RaceNone", "").strip():
        # Hispanic/Latina/e/o is one of the race and ethnicity answers since FY2024.
        row["RaceNone"] = ""
        notes.add("Client", "RaceNone", "RaceNone emptied: Ethnicity 1 became HispanicLatinaeo 1")
    elif (
        ethnicity in ("8", "9", "99")
        and not row.get("RaceNone", "").strip()
        and all(row.get(r, "").strip() in ("", "0") for r in races)
    ):
        row["RaceNone"] = ethnicity
        notes.add("Client", "RaceNone", f"RaceNone set to {ethnicity} from Ethnicity: no race was given")
    for name in ("CulturallySpecific", "DifferentIdentity"):
        row.setdefault(name, "0")
    row.setdefault("DifferentIdentityText", "")


def _project_2022(row: Row, notes: Notes, ctx: MigrationContext) -> None:
    tracking = row.pop("TrackingMethod", "").strip()
    if row.get("ProjectType", "").strip() == "1":
        # Emergency shelter was one type with a tracking method; FY2024 made them two types.
        row["ProjectType"] = "1" if tracking == "3" else "0"
        notes.add(
            "Project",
            "ProjectType",
            "ES with TrackingMethod 3 became ProjectType 1 (night-by-night)"
            if tracking == "3"
            else "ES with TrackingMethod 0 or empty became ProjectType 0 (entry/exit)",
        )
    if row.get("ProjectType", "").strip() == "13" and not row.get("RRHSubType", "").strip():
        row["RRHSubType"] = "2"
        notes.add(
            "Project", "RRHSubType", "RRH project given RRHSubType 2 (housing with or without services)"
        )
    participating = row.pop("HMISParticipatingProject", "").strip()
    if participating in ("0", "1") and row.get("ProjectID"):
        ctx.derived.setdefault("HMISParticipation", []).append(
            {
                "HMISParticipationID": row["ProjectID"],
                "ProjectID": row["ProjectID"],
                "HMISParticipationType": participating,
                "HMISParticipationStatusStartDate": row.get("OperatingStartDate", ""),
                "HMISParticipationStatusEndDate": row.get("OperatingEndDate", ""),
                "DateCreated": row.get("DateCreated", ""),
                "DateUpdated": row.get("DateUpdated", ""),
                "UserID": row.get("UserID", ""),
                "DateDeleted": row.get("DateDeleted", ""),
                "ExportID": row.get("ExportID", ""),
            }
        )
        notes.add("Project", "HMISParticipatingProject", "became an HMISParticipation.csv record")


def _enrollment_2022(row: Row, notes: Notes, ctx: MigrationContext) -> None:
    _recode_living(row, notes, "Enrollment", "LivingSituation", "RentalSubsidyType")
    coc = ctx.enrollment_coc.get(row.get("EnrollmentID", ""))
    if coc and not row.get("EnrollmentCoC"):
        row["EnrollmentCoC"] = coc
        notes.add("Enrollment", "EnrollmentCoC", "taken from EnrollmentCoC.csv")


def _exit_2022(row: Row, notes: Notes, ctx: MigrationContext) -> None:
    _recode_living(row, notes, "Exit", "Destination", "DestinationSubsidyType")


def _cls_2022(row: Row, notes: Notes, ctx: MigrationContext) -> None:
    _recode_living(row, notes, "CurrentLivingSituation", "CurrentLivingSituation", "CLSSubsidyType")


def _export_2022(row: Row, notes: Notes, ctx: MigrationContext) -> None:
    if not row.get("ImplementationID", "").strip() and ctx.implementation_id:
        row["ImplementationID"] = ctx.implementation_id
        notes.add("Export", "ImplementationID", "set to the data source's implementation ID")


STEPS_FROM_2022: dict[str, Step] = {
    "Client": Step(
        renames={"Female": "Woman", "Male": "Man", "NoSingleGender": "NonBinary"},
        adds=("HispanicLatinaeo", "MidEastNAfrican", "CulturallySpecific", "DifferentIdentity"),
        change=_client_2022,
    ),
    "Project": Step(adds=("RRHSubType",), change=_project_2022),
    "Enrollment": Step(
        drops=(
            "WorstHousingSituation",
            "LastPermanentStreet",
            "LastPermanentCity",
            "LastPermanentState",
            "LastPermanentZIP",
            "AddressDataQuality",
        ),
        adds=("EnrollmentCoC", "RentalSubsidyType"),
        change=_enrollment_2022,
    ),
    "Exit": Step(adds=("DestinationSubsidyType",), change=_exit_2022),
    "CurrentLivingSituation": Step(adds=("CLSSubsidyType",), change=_cls_2022),
    "HealthAndDV": Step(
        renames={"DomesticViolenceVictim": "DomesticViolenceSurvivor"},
        drops=("LifeValue", "SupportFromOthers", "BounceBack", "FeelingFrequency"),
    ),
    "IncomeBenefits": Step(
        renames={"VAMedicalServices": "VHAServices", "NoVAMedReason": "NoVHAReason"},
        drops=("HIVAIDSAssistance", "NoHIVAIDSAssistanceReason"),
    ),
    "Services": Step(adds=("FAStartDate", "FAEndDate")),
    "Export": Step(adds=("ImplementationID",), change=_export_2022),
}

# --- FY2024 -> FY2026 --------------------------------------------------------------------------

GENDER_FY2024 = (
    "Woman",
    "Man",
    "NonBinary",
    "CulturallySpecific",
    "Transgender",
    "Questioning",
    "DifferentIdentity",
    "GenderNone",
    "DifferentIdentityText",
)
# Exit fields whose list went from 1.7 (No/Yes/99) to 1.10 (No/Yes) in FY2026.
EXIT_NO_YES_FY2026 = (
    "CounselingReceived",
    "IndividualCounseling",
    "FamilyCounseling",
    "GroupCounseling",
    "PostExitCounselingPlan",
    "EmailSocialMedia",
    "Telephone",
    "InPersonIndividual",
    "InPersonGroup",
)


def _exit_2024(row: Row, notes: Notes, ctx: MigrationContext) -> None:
    for name in EXIT_NO_YES_FY2026:
        if row.get(name, "").strip() == "99":
            row[name] = ""
            notes.add("Exit", name, "99 (not in FY2026 list 1.10) became empty")


STEPS_FROM_2024: dict[str, Step] = {
    "Client": Step(renames={"HispanicLatinaeo": "HispanicLatinao"}, drops=GENDER_FY2024, adds=("Sex",)),
    "Enrollment": Step(
        drops=(
            "SexualOrientation",
            "SexualOrientationOther",
            "TranslationNeeded",
            "PreferredLanguage",
            "PreferredLanguageDifferent",
        ),
        adds=("MentalHealthConsultation",),
    ),
    "Exit": Step(change=_exit_2024),
}

STEPS: dict[str, dict[str, Step]] = {FY2022: STEPS_FROM_2022, FY2024: STEPS_FROM_2024}
NEXT = {FY2022: FY2024, FY2024: FY2026}


def steps_for(version: str, file: str) -> list[Step]:
    out = []
    while version in NEXT:
        step = STEPS[version].get(file)
        if step is not None:
            out.append(step)
        version = NEXT[version]
    return out


def legacy_columns(version: str, file: str) -> set[str]:
    """Columns of ``file`` an export of ``version`` may carry that FY2026 does not have."""
    names: set[str] = set()
    for step in steps_for(version, file):
        names |= set(step.renames) | set(step.drops)
    if version == FY2022 and file == "Client":
        names |= {"Ethnicity", "Transgender", "Questioning", "GenderNone"}
    if version == FY2022 and file == "Project":
        names |= {"TrackingMethod", "HMISParticipatingProject"}
    return names


def migrate_row(version: str, file: str, row: Row, notes: Notes, ctx: MigrationContext) -> Row:
    for step in steps_for(version, file):
        for old, new in step.renames.items():
            if old in row:
                row[new] = row.pop(old)
        if step.change is not None:
            step.change(row, notes, ctx)
        for name in step.drops:
            row.pop(name, None)
    return row
