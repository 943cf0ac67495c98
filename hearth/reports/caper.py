"""The ESG CAPER: the APR's tables that HUD's CAPER programming specifications define the same way,
over the same client universe, for projects funded by ESG.

The CAPER asks its questions of the same universe as the APR (clients active in the chosen projects
in the range, each on their latest enrollment), so the tables it shares with the APR are the APR's
builders; only the choice of tables and the ESG check are the CAPER's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from hearth.reports import caper_tables
from hearth.reports.apr import tables_dq, tables_groups, tables_income, tables_people, tables_stay
from hearth.reports.apr.report import TableBuilder
from hearth.reports.tables import Table

# Funder (2.06.1): HUD ESG emergency shelter, homelessness prevention, rapid re-housing, street
# outreach, and ESG-CV.
ESG_FUNDERS = frozenset({8, 9, 10, 11, 47})

CAPER_TABLES: list[TableBuilder] = [
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
    tables_income.q19b,
    tables_income.q20a,
    tables_income.q21,
    caper_tables.q22a2,
    tables_stay.q22c,
    caper_tables.q22d,
    tables_stay.q22e,
    tables_stay.q23c,
    caper_tables.q24,
    tables_groups.q25a,
    tables_groups.q26b,
]


def tables(run: Any) -> list[Table]:
    out: list[Table] = []
    for build in CAPER_TABLES:
        built = build(run)
        out.extend(built if isinstance(built, list) else [built])
    return out


def check_projects(projects: Iterable[Any], *, start: Any, end: Any) -> None:
    """Refuse a CAPER for a project with no ESG funding during the report range."""
    from hearth.projects.selectors import funded_project_ids

    chosen = list(projects)
    funded = funded_project_ids(chosen, ESG_FUNDERS, start=start, end=end)
    unfunded = sorted(p.hud_id or str(p.pk) for p in chosen if p.pk not in funded)
    if unfunded:
        raise ValidationError(
            {
                "projects": "The ESG CAPER is for ESG-funded projects; no ESG funding (Funder.csv) "
                f"covers the report range for project {', '.join(unfunded)}."
            }
        )
