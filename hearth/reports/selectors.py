"""Reads of report runs and of the clients behind a count, always through the acting user's access.

A user opens a run they asked for (HMIS administrators and report analysts open any), and only while
they may still see every project in it. A drill-down lists only the clients the user may see
(hearth.clients.access.clients_for_user); the others are counted, not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hearth.accounts import roles
from hearth.audit.refusals import note_refusal
from hearth.clients.access import clients_for_user, sees_all_clients
from hearth.projects.selectors import projects_for_user, sees_whole_coc
from hearth.reports.models import AprClient, ReportKind, ReportRun, SpmDetail


def runs_for_user(user: Any) -> QuerySet[ReportRun]:
    if not roles.can(user, roles.RUN_REPORTS):
        return ReportRun.objects.none()
    runs = ReportRun.objects.all() if sees_whole_coc(user) else ReportRun.objects.filter(created_by=user)
    hidden = ReportRun.projects.through.objects.exclude(project__in=projects_for_user(user)).values(
        "reportrun_id"
    )
    return runs.exclude(pk__in=hidden)


def run_for_user(user: Any, run_id: int) -> ReportRun:
    try:
        return runs_for_user(user).get(pk=run_id)
    except (ReportRun.DoesNotExist, ValueError, TypeError):
        note_refusal("reports.reportrun", run_id)
        raise Http404("No such report.") from None


@dataclass
class Drilldown:
    table: dict[str, Any]
    row_label: str
    column_label: str
    rows: QuerySet[Any]  # the visible clients behind the cell (AprClient, or SpmDetail for the SPM)
    total: int
    hidden: int


def visible_universe(user: Any, run: ReportRun) -> QuerySet[AprClient]:
    universe = AprClient.objects.filter(run=run)
    if sees_all_clients(user):
        return universe
    return universe.filter(client__in=clients_for_user(user))


def drilldown(user: Any, run: ReportRun, key: str, row: int, col: int) -> Drilldown:
    """The clients behind one cell of a finished run."""
    from hearth.reports.services import report_tables

    if run.kind == ReportKind.SPM:
        return _spm_drilldown(user, run, key, row, col)
    stored = run.table(key)
    table = next((t for t in report_tables(run) if t.key == key), None)
    q: Q | None = table.drill_q(row, col) if table is not None else None
    if stored is None or q is None:
        raise Http404("That cell has no list behind it.")
    behind = AprClient.objects.filter(run=run).filter(q)
    total = behind.count()
    visible = (
        visible_universe(user, run).filter(q).select_related("client", "project").order_by("personal_id")
    )
    shown = visible.count()
    header = stored["header"]
    return Drilldown(
        table=stored,
        row_label=stored["rows"][row]["label"],
        column_label=header[col + 1] if col + 1 < len(header) else "",
        rows=visible,
        total=total,
        hidden=total - shown,
    )


def _spm_drilldown(user: Any, run: ReportRun, key: str, row: int, col: int) -> Drilldown:
    """The SPM keeps the detail behind each cell as rows (hearth.reports.spm.pages)."""
    stored = run.table(key)
    try:
        cells = stored["rows"][row]["drill"][col] if stored is not None and row >= 0 and col >= 0 else []
    except IndexError:
        cells = []
    if stored is None or not cells:
        raise Http404("That cell has no list behind it.")
    q = Q()
    for hdx_row, hdx_column in cells:
        q |= Q(row=hdx_row, column=hdx_column)
    behind = SpmDetail.objects.filter(run=run, table_key=key).filter(q)
    total = behind.count()
    visible = behind if sees_all_clients(user) else behind.filter(client__in=clients_for_user(user))
    visible = visible.select_related("client").order_by("personal_id", "row", "column")
    shown = visible.count()
    header = stored["header"]
    return Drilldown(
        table=stored,
        row_label=stored["rows"][row]["label"],
        column_label=header[col + 1] if col + 1 < len(header) else "",
        rows=visible,
        total=total,
        hidden=total - shown,
    )
