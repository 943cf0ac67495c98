"""Before an import reads its files: what Export.csv says (version, ExportID, source, hashing),
and, for FY2022, the CoC of each enrollment from EnrollmentCoC.csv."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hearth.hmis_csv.report import Issue
from hearth.hmis_csv.source import ExportSource
from hearth.hmis_csv.versions import version_from_csv_version, version_from_headers
from hearth.hud.models import DataSource
from hearth.hud.validation import ERROR, SSN_FORM, WARNING

HASHED_SSN = re.compile(r"^(\d{4})[0-9a-fA-F]{64}$")  # HashStatus 4: last four digits + SHA-256
HASHED_NAMES = ("FirstName", "MiddleName", "LastName", "NameSuffix")


@dataclass
class Prepared:
    version: str = ""
    export: dict[str, str] = field(default_factory=dict)  # Export.csv's row, lower-case column names
    issues: list[Issue] = field(default_factory=list)
    fatal: bool = False

    @property
    def export_id(self) -> str:
        return self.export.get("exportid", "")

    @property
    def hashed(self) -> bool:
        return self.export.get("hashstatus", "") in ("2", "3", "4")

    def problem(self, rule: str, level: str, message: str, value: str = "") -> None:
        self.issues.append(Issue("Export.csv", 0, "", "", value, rule, level, message))
        if level == ERROR:
            self.fatal = True


def _clean(name: str) -> str:
    return name.strip().lstrip("\ufeff").lower()


def raw_rows(src: ExportSource, filename: str) -> tuple[list[str], list[list[str]]] | None:
    member = src.find(filename)
    if member is None:
        return None
    rows = list(src.rows(member, src.encoding(member)))
    return (rows[0] if rows else []), rows[1:]


def raw_header(src: ExportSource, filename: str) -> list[str]:
    member = src.find(filename)
    if member is None:
        return []
    return next(iter(src.rows(member, src.encoding(member))), [])


def prepare(src: ExportSource) -> Prepared:
    out = Prepared()
    raw = raw_rows(src, "Export.csv")
    if raw is None or not raw[1]:
        out.problem("missing_file", ERROR, "Export.csv is missing or has no row.")
        return out
    header, rows = raw
    out.export = {_clean(h): (rows[0][i].strip() if i < len(rows[0]) else "") for i, h in enumerate(header)}
    by_csv = version_from_csv_version(out.export.get("csvversion"))
    by_headers = version_from_headers(raw_header(src, "Client.csv"), raw_header(src, "Enrollment.csv"))
    version = by_headers or by_csv
    if version is None:
        out.problem(
            "version",
            ERROR,
            "Cannot tell the HMIS CSV version: CSVVersion is not FY2022, FY2024 or FY2026 and the columns of "
            "Client.csv do not say.",
            out.export.get("csvversion", ""),
        )
        return out
    if by_csv and by_headers and by_csv != by_headers:
        out.problem(
            "version",
            WARNING,
            f"CSVVersion says {by_csv} but the columns are {by_headers}'s; read as {by_headers}.",
            out.export.get("csvversion", ""),
        )
    out.version = version
    return out


def data_source(prepared: Prepared, *, implementation: str | None, name: str | None) -> DataSource | None:
    """The source the records are filed under: chosen, else Export.csv's ImplementationID, else its
    SourceID and SourceName. Created on first import."""
    export = prepared.export
    chosen = (
        implementation
        or export.get("implementationid")
        or " ".join(p for p in (export.get("sourceid"), export.get("sourcename")) if p)
    )
    if not chosen:
        prepared.problem(
            "data_source",
            ERROR,
            "Export.csv names no ImplementationID, SourceID or SourceName; choose the data source.",
        )
        return None
    chosen = chosen[:200]
    source = DataSource.objects.filter(implementation_id=chosen).first()
    if source is None:
        source_type = export.get("sourcetype", "")
        source = DataSource.objects.create(
            name=(name or export.get("sourcename") or chosen)[:200],
            implementation_id=chosen,
            source_type=int(source_type) if source_type in ("1", "2", "3", "4") else 4,
            source_id=export.get("sourceid", "")[:350],
        )
    return source


def enrollment_cocs(src: ExportSource, prepared: Prepared) -> dict[str, str]:
    """FY2022 EnrollmentCoC.csv: each enrollment's CoC, from its project-start record."""
    raw = raw_rows(src, "EnrollmentCoC.csv")
    if raw is None:
        return {}
    header, rows = raw
    col = {_clean(h): i for i, h in enumerate(header)}
    if any(n not in col for n in ("enrollmentid", "coccode", "datacollectionstage", "informationdate")):
        prepared.issues.append(
            Issue(
                "EnrollmentCoC.csv",
                1,
                "",
                "",
                "",
                "missing_column",
                WARNING,
                "EnrollmentCoC.csv lacks columns; ignored.",
            )
        )
        return {}
    deleted = col.get("datedeleted")
    best: dict[str, tuple[int, str, str]] = {}
    for row in rows:
        if len(row) < len(header) or (deleted is not None and row[deleted].strip()):
            continue
        enrollment, coc = row[col["enrollmentid"]], row[col["coccode"]].strip()
        stage, info = row[col["datacollectionstage"]].strip(), row[col["informationdate"]]
        # The project-start record wins; among equals the latest.
        rank = (1 if stage == "1" else 0, info, coc)
        if coc and (enrollment not in best or rank > best[enrollment]):
            best[enrollment] = rank
    return {k: v[2] for k, v in best.items()}


def unhash_client(
    index: dict[str, int],
    lengths: dict[str, int],
    filename: str,
    row_no: int,
    vals: list,
    issues: list[Issue],
) -> None:
    """A hashed export (HashStatus 2-4) carries hashes where names and the SSN were.

    A HUD SHA-256 SSN (last four digits + hash) keeps its four digits as ``xxxxx1234``; any other
    hashed SSN, and a hashed name too long for its column, cannot be stored and is left empty.
    """
    ssn = vals[index["SSN"]]
    if ssn is not None and not SSN_FORM.match(ssn):
        m = HASHED_SSN.match(ssn)
        vals[index["SSN"]] = f"xxxxx{m[1]}" if m else None
        kept = f"kept as {vals[index['SSN']]}" if m else "left empty"
        issues.append(
            Issue(filename, row_no, "", "SSN", ssn[:200], "hashed", WARNING, f"The SSN is hashed; {kept}.")
        )
    for name in HASHED_NAMES:
        value = vals[index[name]]
        if value is not None and len(value) > lengths[name]:
            vals[index[name]] = None
            issues.append(
                Issue(
                    filename,
                    row_no,
                    "",
                    name,
                    value[:200],
                    "hashed",
                    WARNING,
                    f"The hashed {name} is longer than {lengths[name]} characters; left empty.",
                )
            )
