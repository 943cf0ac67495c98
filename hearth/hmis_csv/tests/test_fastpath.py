"""The compiled check never accepts a row the general path would report, and when it accepts one
it stores exactly what the general path would."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hearth.hmis_csv.fastpath import compile_fast
from hearth.hmis_csv.keys import EnrollmentKeys, KeyMap
from hearth.hmis_csv.plan import PARENTS, plan_for
from hearth.hmis_csv.reader import FileParser
from hearth.hmis_csv.tests.builders import DATALAB_2026, read_csv
from hearth.hmis_csv.versions import FY2026, MigrationContext, Notes
from hearth.hmis_csv.writer import _sqlite_value
from hearth.hud.spec import FILES
from hearth.hud.validation import row_problems

ZONE = ZoneInfo("America/Los_Angeles")
TODAY = dt.date(2026, 1, 15)
NOW = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)
EXPORT_ID = "1036"
MUTATIONS = [
    "", " ", "0", "1", "2", "3", "8", "99", "-1", "1.0", "01", "10", "17", "144", "200", "435", "999",
    "2024-02-30", "2024-02-07", "02/07/2024", "2024-02-07 12:00:00", "2024-02-07T12:00:00", "2030-01-01",
    "1100.5", "-3.25", "$1,100.00", "1e3", "x" * 51, "abc", "NULL", "<x>", "123456789", "12345", "1036",
]  # fmt: skip
FILES_CHECKED = [name for name in FILES if name not in ("Export", "User")]


def _keys(rows_by_file):
    keys = {name: KeyMap() for name in PARENTS}
    keys["Enrollment"] = EnrollmentKeys()
    for name, (_, rows) in rows_by_file.items():
        if name in keys:
            for r in rows:
                if r[0] not in keys[name].index:
                    keys[name].add(r[0], len(keys[name]) + 1)
    return keys


def _parser(plan, header):
    return FileParser(
        plan,
        FY2026,
        header,
        filename=plan.hud_file.filename,
        zone=ZONE,
        notes=Notes(),
        ctx=MigrationContext(),
        scan=lambda position: lambda: [],
    )


def _slow(plan, header, cells, keys):
    parser = _parser(plan, header)
    issues = []
    vals, _ = parser.parse(2, cells, issues)
    values = dict(zip(parser.names, vals, strict=True))
    problems = [p.rule for p in row_problems(plan.hud_file, values, today=TODAY)] + [i.rule for i in issues]
    for ref in plan.references:
        if vals[ref.index] is not None and vals[ref.index] not in keys[ref.target].index:
            problems.append("missing_reference")
    if plan.export_id_index is not None and vals[plan.export_id_index] != EXPORT_ID:
        problems.append("export_id")
    return vals, problems


def _stored(plan, vals, keys):
    out = [3]
    for s in plan.stored:
        value = vals[s.index]
        if s.target and value is not None:
            value = keys[s.target].pk[keys[s.target].index[value]]
        out.append(_sqlite_value(value) if value is not None else None)
    return out


@pytest.fixture(scope="module")
def samples():
    return {name: read_csv(DATALAB_2026 / FILES[name].filename) for name in FILES}


@pytest.mark.parametrize("name", FILES_CHECKED)
def test_it_accepts_only_what_the_general_path_accepts(samples, name):
    keys = _keys(samples)
    plan = plan_for(name)
    header, rows = samples[name]
    positions = _parser(plan, header).positions  # as the importer gives them
    checks = {
        vendor: compile_fast(
            plan,
            positions,
            vendor=vendor,
            data_source_id=3,
            keys=keys,
            export_id=EXPORT_ID,
            today=TODAY,
            zone=ZONE,
            now=NOW,
        )
        for vendor in ("sqlite", "postgresql")
    }
    accepted = tried = 0
    for base in rows[:2]:
        candidates = [list(base)]
        for i in range(len(base)):
            for value in MUTATIONS:
                mutated = list(base)
                mutated[i] = value
                candidates.append(mutated)
        for cells in candidates:
            tried += 1
            fast = checks["sqlite"](cells)
            assert (fast is None) == (checks["postgresql"](cells) is None)
            if fast is None:
                continue
            accepted += 1
            vals, problems = _slow(plan, header, cells, keys)
            assert problems == [], (name, cells)
            fast_vals, db_row = fast
            assert fast_vals[0] == vals[0]
            assert list(db_row[: 1 + len(plan.stored)]) == _stored(plan, vals, keys), (name, cells)
    if rows:
        assert accepted > len(rows[:2]), f"the compiled check of {name} accepted almost nothing"
