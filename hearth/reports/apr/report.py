"""The CoC APR as a list of tables (FY2026 programming specifications), and the DQ report.

Each builder takes the run and returns its table (or tables); the tables are declared over the run's
client universe (see hearth.reports.tables), so building them is cheap and the drill-down of any
count can rebuild the table and read the filter behind the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hearth.reports.apr import tables_dq, tables_groups, tables_income, tables_people, tables_stay
from hearth.reports.tables import Table

TableBuilder = Callable[[Any], "Table | list[Table]"]

APR_TABLES: list[TableBuilder] = [
    tables_people.q4a,
    tables_people.q5a,
    tables_dq.q6a,
    tables_dq.q6b,
    tables_dq.q6c,
    tables_dq.q6d,
    tables_dq.q6e,
    tables_dq.q6f,
    tables_people.q7a,
    tables_people.q7b,
    tables_people.q8a,
    tables_people.q8b,
    tables_people.q9a,
    tables_people.q9b,
    tables_people.q11,
    tables_people.q12,
    tables_stay.q13_tables,
    tables_stay.q14a,
    tables_stay.q14b,
    tables_stay.q15,
    tables_income.q16,
    tables_income.q17,
    tables_income.q18,
    tables_income.q19a1,
    tables_income.q19a2,
    tables_income.q19b,
    tables_income.q20a,
    tables_income.q20b,
    tables_income.q21,
    tables_stay.q22a1,
    tables_stay.q22b,
    tables_stay.q22c,
    tables_stay.q22e,
    tables_stay.q22f,
    tables_stay.q22g,
    tables_stay.q23c,
    tables_stay.q23d,
    tables_stay.q23e,
    tables_stay.q24a,
    tables_stay.q24b,
    tables_stay.q24e,
    tables_groups.q25a,
    tables_groups.q25b,
    tables_groups.q25d,
    tables_groups.q25i,
    tables_groups.q25j,
    tables_groups.q26a,
    tables_groups.q26b,
    tables_groups.q26d,
    tables_groups.q26e,
    tables_groups.q26f,
    tables_groups.q26g,
    tables_groups.q26h,
    tables_groups.q27a,
    tables_groups.q27b,
    tables_groups.q27d,
    tables_groups.q27e,
    tables_groups.q27f1,
    tables_groups.q27f2,
    tables_groups.q27g,
    tables_groups.q27h,
    tables_groups.q27i,
    tables_groups.q27j,
    tables_groups.q27k,
    tables_groups.q27l,
    tables_groups.q27m,
]

DQ_TABLES: list[TableBuilder] = [
    tables_people.q5a,
    tables_dq.q6a,
    tables_dq.q6b,
    tables_dq.q6c,
    tables_dq.q6d,
    tables_dq.q6e,
    tables_dq.q6f,
]


def tables_for(kind: str, run: Any) -> list[Table]:
    builders = APR_TABLES if kind == "apr" else DQ_TABLES
    out: list[Table] = []
    for build in builders:
        built = build(run)
        out.extend(built if isinstance(built, list) else [built])
    return out


def table_for(kind: str, run: Any, key: str) -> Table | None:
    for table in tables_for(kind, run):
        if table.key == key:
            return table
    return None
