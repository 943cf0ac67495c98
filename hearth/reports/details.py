"""The Program details report: who each project served in the range, how they left, how long they
stayed, and its capacity against its point-in-time counts.

It reads the APR client universe (each client once, on their latest stay), so a client served by two
of the chosen projects counts in the project of their latest stay.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hearth.projects.models import Funder, Inventory
from hearth.reports.apr.filters import ADULT, CHILD, HOH, LEAVER, PSH_RRH, STAYER
from hearth.reports.apr.tables_stay import PERMANENT_POSITIVE
from hearth.reports.tables import Avg, Count, Ratio, Row, Table, Text


def _inventory(project: Any, run: Any) -> tuple[int, int]:
    """Beds and units in service on the report end date."""
    active = Inventory.objects.filter(project=project, inventory_start_date__lte=run.end_date).filter(
        Q(inventory_end_date__isnull=True) | Q(inventory_end_date__gte=run.end_date)
    )
    beds = sum(i.bed_inventory or 0 for i in active)
    units = sum(i.unit_inventory or 0 for i in active)
    return beds, units


def tables(run: Any) -> list[Table]:
    from hearth.hud.codelists import LISTS

    project_types = LISTS["2.02.6"]
    funders = LISTS["2.06.1"]
    projects = list(run.projects.select_related("organization").order_by("project_name"))
    served_rows: list[Row] = []
    capacity_rows: list[Row] = []
    for project in projects:
        here = Q(project_id=project.pk)
        r = len(served_rows)
        served_rows.append(
            Row(
                project.project_name,
                [
                    Text(project.hud_id),
                    Text(project.organization.organization_name),
                    Text(
                        project_types.label(project.project_type) if project.project_type is not None else ""
                    ),
                    Count(here),
                    Count(here & HOH),
                    Count(here & ADULT),
                    Count(here & CHILD),
                    Count(here & STAYER),
                    Count(here & LEAVER),
                    Count(here & LEAVER & Q(destination__in=PERMANENT_POSITIVE)),
                    Ratio((r, 9), (r, 8)),
                    Count(here & PSH_RRH & Q(move_in_date__isnull=False)),
                    Avg("los_days", here & ~Q(project_type=1)),
                ],
            )
        )
        beds, units = _inventory(project, run)
        funded_by = sorted(
            {
                funders.label(f.funder)
                for f in Funder.objects.filter(project=project, start_date__lte=run.end_date).filter(
                    Q(end_date__isnull=True) | Q(end_date__gte=run.start_date)
                )
            }
        )
        capacity_rows.append(
            Row(
                project.project_name,
                [
                    Text("; ".join(funded_by)),
                    Text(str(beds)),
                    Text(str(units)),
                    *[Count(here & Q(**{f"pit_{m}": True})) for m in ("jan", "apr", "jul", "oct")],
                ],
            )
        )
    served = Table(
        "PD1",
        "Persons served by project",
        [
            "Project",
            "Project ID",
            "Organization",
            "Project type",
            "Persons served",
            "Households",
            "Adults",
            "Children",
            "Stayers",
            "Leavers",
            "Exits to permanent housing",
            "Share of leavers to permanent housing",
            "Persons moved into housing (PSH, RRH)",
            "Average days in project",
        ],
        served_rows,
        chart="bar",
        chart_column=3,
    )
    capacity = Table(
        "PD2",
        "Funding, capacity and point-in-time counts",
        [
            "Project",
            "Funders",
            "Beds (on the report end date)",
            "Units (on the report end date)",
            "Persons in January",
            "Persons in April",
            "Persons in July",
            "Persons in October",
        ],
        capacity_rows,
        note="Point-in-time counts are of the last Wednesday of each month within the range.",
    )
    return [served, capacity]
