"""The rules of an import that look beyond one row: keys, duplicates, users, exits, households,
stages.

One ``FileChecks`` per file holds what it needs (the positions of its columns, the key maps of the
files it points at) so that the per-row work is a few dictionary lookups. ``check`` finds the
problems of a row; ``accept`` records a row that is going in, for the rows and files after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hearth.hmis_csv.keys import EnrollmentKeys, KeyMap
from hearth.hmis_csv.plan import PARENTS, STAGED, FilePlan
from hearth.hmis_csv.report import Issue, show
from hearth.hud.validation import ERROR, WARNING


class SeenIds:
    """The HUD IDs a file has shown so far, to find a duplicate key and the row it repeats.

    A dictionary of the 2.6 million IDs of a large file takes about 430 MB (the strings, the row
    numbers, the table), and a set of their hashes still 220 MB. So when the importer can read the
    file again (``rescan``: every ID with its first row, of the rows before a given row) only a
    64-bit hash per ID is kept: the latest in a set, the older ones in a sorted array (8 bytes
    each) behind a 16 MB bitmap that answers "surely new" for almost every row without a search.
    The first time a hash repeats (a duplicate, or two IDs with one hash) the IDs read so far are
    read again from the file and an exact dictionary takes over for the rest of the file. Without
    ``rescan`` the dictionary is used from the start."""

    MERGE = 100_000  # hashes kept in the set before they move to the array
    BITS = 1 << 27
    MASK = BITS - 1

    __slots__ = ("rescan", "exact", "recent", "older", "bits")

    def __init__(self, rescan: Callable[[int], dict[str, int]] | None) -> None:
        self.rescan = rescan
        self.exact: dict[str, int] | None = None if rescan is not None else {}
        self.recent: set[int] = set()
        self.older: Any = None  # numpy array of int64, sorted
        self.bits: bytearray | None = None

    def _known(self, value: int) -> bool:
        if value in self.recent:
            return True
        bits = self.bits
        if bits is None:
            return False
        bit = value & self.MASK
        if not bits[bit >> 3] & (1 << (bit & 7)):
            return False
        at = int(self.older.searchsorted(value))
        return at < len(self.older) and int(self.older[at]) == value

    def maybe(self, hud_id: str) -> bool:
        """False when the ID is surely new; True when it may have been seen."""
        if self.exact is not None:
            return hud_id in self.exact
        return self._known(hash(hud_id))

    def first(self, hud_id: str, row_no: int) -> int | None:
        """The first row with this ID, if an earlier row had it."""
        if self.exact is None:
            if not self._known(hash(hud_id)):
                return None
            assert self.rescan is not None
            self.exact = self.rescan(row_no)
            self.recent, self.older, self.bits = set(), None, None
        return self.exact.get(hud_id)

    def add(self, hud_id: str, row_no: int) -> None:
        if self.exact is not None:
            self.exact[hud_id] = row_no
            return
        self.recent.add(hash(hud_id))
        if len(self.recent) >= self.MERGE:
            self._merge()

    def _merge(self) -> None:
        import numpy as np

        new = np.fromiter(self.recent, dtype=np.int64, count=len(self.recent))
        new.sort()
        if self.older is None:
            self.older = new
            self.bits = bytearray(self.BITS >> 3)
        else:
            self.older = np.insert(self.older, self.older.searchsorted(new), new)
        assert self.bits is not None
        bit = new & self.MASK
        np.bitwise_or.at(
            np.frombuffer(self.bits, dtype=np.uint8), bit >> 3, (1 << (bit & 7)).astype(np.uint8)
        )
        self.recent = set()


class StageMarks:
    """Which enrollments already have a project start (stage 1) or exit (stage 3) record, per
    DisabilityType (0 for files without one): two bits per enrollment in a byte array per type.
    A set of (enrollment, stage, type) would take about 100 bytes per record, 250 MB for the
    2.6 million income records of a million clients."""

    __slots__ = ("marks",)

    def __init__(self) -> None:
        self.marks: dict[int, bytearray] = {}

    def has(self, enrollment: int, stage: int, kind: int) -> bool:
        marks = self.marks.get(kind)
        return (
            marks is not None
            and enrollment < len(marks)
            and bool(marks[enrollment] & (1 if stage == 1 else 2))
        )

    def add(self, enrollment: int, stage: int, kind: int) -> None:
        marks = self.marks.get(kind)
        if marks is None:
            marks = self.marks[kind] = bytearray()
        if enrollment >= len(marks):
            marks.extend(bytes(max(enrollment + 1 - len(marks), len(marks))))
        marks[enrollment] |= 1 if stage == 1 else 2


@dataclass
class Shared:
    """What every file's checks share for the whole import."""

    keys: dict[str, KeyMap]
    quarantined: dict[str, set[str]]
    users: set[str]
    export_id: str


@dataclass
class _Ref:
    index: int
    column: str
    target: str
    keymap: KeyMap
    quarantined: set[str]


@dataclass
class FileChecks:
    plan: FilePlan
    shared: Shared
    seen: SeenIds = field(default_factory=lambda: SeenIds(None))
    users_missing: dict[str, list[int]] = field(default_factory=dict)  # UserID -> [count, first row]
    households: dict[str, int] = field(default_factory=dict)  # HouseholdID -> heads * 2**32 + first row
    stages: StageMarks = field(default_factory=lambda: StageMarks())
    rows: int = 0

    def __post_init__(self) -> None:
        plan, shared = self.plan, self.shared
        index = plan.index
        self.name = plan.name
        self.filename = plan.hud_file.filename
        self.key_column = plan.hud_file.key.name
        self.user_index = plan.user_id_index if plan.name != "User" else None
        self.export_index = plan.export_id_index
        self.refs = [
            _Ref(r.index, r.column.name, r.target, shared.keys[r.target], shared.quarantined[r.target])
            for r in plan.references
        ]
        enrollments = shared.keys["Enrollment"]
        assert isinstance(enrollments, EnrollmentKeys)
        self.enrollments = enrollments
        self.clients = shared.keys["Client"]
        child = plan.name != "Enrollment" and "EnrollmentID" in index
        self.enrollment_index = index["EnrollmentID"] if child else None
        self.personal_index = index.get("PersonalID") if child else None
        self.exit_date_index = index["ExitDate"] if plan.name == "Exit" else None
        self.stage_index = index["DataCollectionStage"] if plan.name in STAGED else None
        self.kind_index = index.get("DisabilityType")
        self.parent_keys = shared.keys.get(plan.name) if plan.name in PARENTS else None

    def _issue(
        self,
        issues: list[Issue],
        row_no: int,
        column: str,
        value: Any,
        rule: str,
        message: str,
        level: str = ERROR,
    ) -> None:
        issues.append(Issue(self.filename, row_no, "", column, show(value), rule, level, message))

    def check(self, row_no: int, vals: list[Any], issues: list[Issue], *, resolved: bool = False) -> None:
        """Problems of the row with other rows and files. ``resolved``: the compiled check has
        already found every reference and the ExportID right."""
        self.rows += 1
        hud_id = vals[0]
        if hud_id is not None:
            first = self.seen.first(hud_id, row_no)
            if first is not None:
                self._issue(
                    issues,
                    row_no,
                    self.key_column,
                    hud_id,
                    "duplicate_key",
                    f"The same ID is on row {first}.",
                )
            else:
                self.seen.add(hud_id, row_no)
        if self.user_index is not None:
            user_id = vals[self.user_index]
            if user_id is not None and user_id not in self.shared.users:
                seen = self.users_missing.get(user_id)
                if seen is None:
                    self.users_missing[user_id] = [1, row_no]
                else:
                    seen[0] += 1
        if not resolved:
            self._check_references(row_no, vals, issues)
        if self.enrollment_index is not None:
            self._check_enrollment_child(row_no, vals, issues)

    def quick(self, row_no: int, vals: list[Any]) -> bool:
        """For a row the compiled check accepted: True, with the row recorded as ``check`` and
        ``accept`` would, when it has no problem with other rows; False, changing nothing, when
        it may have one (then ``check`` and ``accept`` say which). One call instead of several,
        and no list of problems, for the ten million rows that have none."""
        hud_id = vals[0]
        if self.seen.maybe(hud_id) or self.name == "User":
            return False
        if self.user_index is not None:
            user_id = vals[self.user_index]
            if user_id is not None and user_id not in self.shared.users:
                return False
        enrollment = None
        stage_key: tuple[int, int, int] | None = None
        if self.enrollment_index is not None:
            enrollments = self.enrollments
            enrollment = enrollments.index.get(vals[self.enrollment_index])
            if enrollment is not None:
                if self.personal_index is not None:
                    client = self.clients.index.get(vals[self.personal_index])
                    if client is not None and enrollments.client[enrollment] not in (-1, client):
                        return False
                if self.exit_date_index is not None:
                    if enrollments.exit_row[enrollment]:
                        return False
                    exit_date = vals[self.exit_date_index]
                    entry = enrollments.entry[enrollment]
                    if isinstance(exit_date, dt.date) and entry and exit_date.toordinal() < entry:
                        return False
                if self.stage_index is not None:
                    stage = vals[self.stage_index]
                    if stage in (1, 3):
                        kind = (vals[self.kind_index] or 0) if self.kind_index is not None else 0
                        stage_key = (enrollment, stage, kind)
                        if self.stages.has(enrollment, stage, kind):
                            return False
        # Nothing wrong: record the row.
        self.rows += 1
        self.seen.add(hud_id, row_no)
        if self.name == "Enrollment":
            self._accept_enrollment(row_no, vals)
        elif self.parent_keys is not None and hud_id not in self.parent_keys.index:
            self.parent_keys.add(hud_id)
        if enrollment is not None:
            if self.exit_date_index is not None:
                self.enrollments.exit_row[enrollment] = row_no
            if stage_key is not None:
                self.stages.add(*stage_key)
        return True

    def _check_references(self, row_no: int, vals: list[Any], issues: list[Issue]) -> None:
        if self.name == "Export" and self.rows > 1:
            self._issue(issues, row_no, "", "", "export_rows", "Export.csv must have exactly one row.")
        if self.export_index is not None:
            export_id = vals[self.export_index]
            if export_id is not None and export_id != self.shared.export_id:
                self._issue(
                    issues,
                    row_no,
                    "ExportID",
                    export_id,
                    "export_id",
                    f"ExportID is not Export.csv's ({self.shared.export_id}).",
                )
        for ref in self.refs:
            value = vals[ref.index]
            if value is None or value in ref.keymap.index:
                continue
            if value in ref.quarantined:
                self._issue(
                    issues,
                    row_no,
                    ref.column,
                    value,
                    "parent_quarantined",
                    f"{ref.column} {value} is a record left out of this import.",
                )
            else:
                self._issue(
                    issues,
                    row_no,
                    ref.column,
                    value,
                    "missing_reference",
                    f"{ref.column} {value} is not in {ref.target}.csv or Hearth.",
                )

    def _check_enrollment_child(self, row_no: int, vals: list[Any], issues: list[Issue]) -> None:
        assert self.enrollment_index is not None
        enrollments = self.enrollments
        enrollment = enrollments.index.get(vals[self.enrollment_index])
        if enrollment is None:
            return
        if self.personal_index is not None:
            client = self.clients.index.get(vals[self.personal_index])
            if client is not None and enrollments.client[enrollment] not in (-1, client):
                self._issue(
                    issues,
                    row_no,
                    "PersonalID",
                    vals[self.personal_index],
                    "personal_id_mismatch",
                    "PersonalID is not the enrollment's PersonalID.",
                )
        if self.exit_date_index is not None:
            earlier = enrollments.exit_row[enrollment]
            if earlier:
                self._issue(
                    issues,
                    row_no,
                    "EnrollmentID",
                    vals[self.enrollment_index],
                    "duplicate_exit",
                    f"The enrollment already has an exit on row {earlier}.",
                )
            exit_date = vals[self.exit_date_index]
            entry = enrollments.entry[enrollment]
            if isinstance(exit_date, dt.date) and entry and exit_date.toordinal() < entry:
                # A data-quality problem HUD's reports count (APR Q6), not a reason to refuse the exit.
                self._issue(
                    issues,
                    row_no,
                    "ExitDate",
                    exit_date,
                    "date_order",
                    "ExitDate is before the enrollment's EntryDate.",
                    WARNING,
                )

    def accept(self, row_no: int, vals: list[Any], report: Callable[[Issue], None]) -> None:
        """Remember what later rows and files check against."""
        hud_id = vals[0]
        name = self.name
        if name == "User":
            self.shared.users.add(hud_id)
        elif name == "Enrollment":
            self._accept_enrollment(row_no, vals)
        elif self.parent_keys is not None and hud_id not in self.parent_keys.index:
            self.parent_keys.add(hud_id)
        if self.exit_date_index is not None:
            assert self.enrollment_index is not None
            self.enrollments.exit_row[self.enrollments.index[vals[self.enrollment_index]]] = row_no
        if self.stage_index is not None:
            self._check_stage(row_no, vals, report)

    def _accept_enrollment(self, row_no: int, vals: list[Any]) -> None:
        enrollments = self.enrollments
        hud_id = vals[0]
        client = self.clients.index.get(vals[1], -1)
        entry = vals[3].toordinal() if isinstance(vals[3], dt.date) else 0
        ordinal = enrollments.index.get(hud_id)
        if ordinal is None:
            enrollments.add(hud_id, 0, client, entry)
        else:
            enrollments.set_facts(ordinal, client, entry)
        household, relationship = vals[4], vals[5]
        if household is not None:
            packed = self.households.get(household, row_no)
            self.households[household] = packed + (1 << 32 if relationship == 1 else 0)

    def _check_stage(self, row_no: int, vals: list[Any], report: Callable[[Issue], None]) -> None:
        assert self.stage_index is not None and self.enrollment_index is not None
        stage = vals[self.stage_index]
        if stage not in (1, 3):
            return
        enrollment = self.enrollments.index[vals[self.enrollment_index]]
        kind = (vals[self.kind_index] or 0) if self.kind_index is not None else 0
        if not self.stages.has(enrollment, stage, kind):
            self.stages.add(enrollment, stage, kind)
            return
        what = "project start (stage 1)" if stage == 1 else "project exit (stage 3)"
        of = f" of DisabilityType {kind}" if kind else ""
        report(
            Issue(
                self.filename,
                row_no,
                show(vals[0]),
                "DataCollectionStage",
                str(stage),
                "stage_duplicate",
                WARNING,
                f"The enrollment already has a {what} record{of}; HUD allows one.",
            )
        )

    def finish(self) -> list[Issue]:
        """The problems only the whole file shows: unknown users, households without one head."""
        issues = []
        for user_id, (count, first) in self.users_missing.items():
            issues.append(
                Issue(
                    self.filename,
                    first,
                    "",
                    "UserID",
                    show(user_id),
                    "missing_user",
                    WARNING,
                    f"UserID {user_id} is not in User.csv ({count} row{'s' if count > 1 else ''} of {self.filename}).",
                )
            )
        for household, packed in self.households.items():
            heads, first = packed >> 32, packed & 0xFFFFFFFF
            if heads != 1:
                issues.append(
                    Issue(
                        self.filename,
                        first,
                        "",
                        "RelationshipToHoH",
                        show(household),
                        "household_head",
                        WARNING,
                        f"Household {household} has {heads or 'no'} head{'s' if heads != 1 else ''} of "
                        "household (RelationshipToHoH 1); it should have one.",
                    )
                )
        return issues
