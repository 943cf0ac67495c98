"""Report pages: the library, the request form, a run (its progress, then its tables), the clients
behind a count, and the downloads (CSV per table, the zipped CSV-APR set, an Excel workbook)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hearth.accounts import roles
from hearth.audit.services import audit_record
from hearth.clients.access import clients_for_user, sees_all_clients
from hearth.reports import charts, exports, runner
from hearth.reports.forms import ReportForm
from hearth.reports.models import ReportKind, ReportRun, RunStatus
from hearth.reports.selectors import drilldown, run_for_user, runs_for_user
from hearth.reports.services import report_run_create, report_run_delete

DESCRIPTIONS = {
    ReportKind.APR: "HUD's CoC Annual Performance Report, every table Q4a to Q27, to the FY2026 specifications.",
    ReportKind.DQ: "HUD's data quality questions (the APR's Q5a and Q6a to Q6f).",
    ReportKind.ROSTER: "Every enrollment in a program: dates, length of stay, move-in, services, notes, staff.",
    ReportKind.DETAILS: "Per project: persons and households served, exits, length of stay, capacity.",
    ReportKind.CAPER: "HUD's ESG CAPER for ESG-funded projects: the questions it shares with the APR.",
    ReportKind.INCOME: "Income, benefits and insurance at start against the latest assessment, by source.",
    ReportKind.CE_APR: "HUD's Coordinated Entry APR for CE projects and projects that collect CE assessments and events.",
    ReportKind.SPM: "HUD's System Performance Measures for a whole CoC (1a to 7b.2), each against the previous year.",
}


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


@roles.require(roles.RUN_REPORTS)
def index(request: HttpRequest) -> HttpResponse:
    runs = runs_for_user(request.user).select_related("created_by").prefetch_related("projects")
    page = Paginator(runs, 25).get_page(request.GET.get("page"))
    kinds = [(kind, ReportKind(kind).label, DESCRIPTIONS[ReportKind(kind)]) for kind in ReportKind.values]
    return render(request, "reports/index.html", {"kinds": kinds, "page": page})


@roles.require(roles.RUN_REPORTS)
def new(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ReportKind.values:
        raise Http404("No such report.")
    form = ReportForm(request.POST or None, user=request.user, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            run = report_run_create(
                user=request.user,
                kind=kind,
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                projects=form.cleaned_data.get("projects"),
                coc_code=form.cleaned_data["coc_code"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        except PermissionDenied as error:
            # Not a forbidden page: the CoC chosen is wider than the account's view.
            form.add_error("coc_code" if form.coc_wide else "projects", str(error))
        else:
            return redirect("reports:run", run.pk)
    return render(
        request,
        "reports/new.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": ReportKind(kind).label,
            "description": DESCRIPTIONS[ReportKind(kind)],
        },
    )


def _visible_rows(request: HttpRequest, table: dict[str, Any]) -> dict[str, Any]:
    """A roster shows only the clients the viewer may see (the others are counted)."""
    ids = table.get("client_ids")
    if ids is None or sees_all_clients(request.user):
        return table
    allowed = set(clients_for_user(request.user).filter(pk__in=set(ids)).values_list("pk", flat=True))
    rows = [row for row, client_id in zip(table["rows"], ids, strict=True) if client_id in allowed]
    return {
        **table,
        "rows": rows,
        "client_ids": [i for i in ids if i in allowed],
        "hidden": len(ids) - len(rows),
    }


def _tables(request: HttpRequest, run: ReportRun) -> list[dict[str, Any]]:
    return [_visible_rows(request, table) for table in run.tables()]


def _presented(run: ReportRun, table: dict[str, Any]) -> dict[str, Any]:
    """The table with each count linked to the clients behind it (zeros are not linked)."""
    ids = table.get("client_ids")
    rows = []
    for r, row in enumerate(table["rows"]):
        shown = []
        for c, value in enumerate(row["cells"]):
            linked = row["drill"][c] and value not in (None, 0, "0", "0.00", "0%")
            url = reverse("reports:cell", args=[run.pk, table["key"], r, c]) if linked else None
            shown.append({"value": value, "url": url})
        client_url = reverse("enrollments:client_programs", args=[ids[r]]) if ids else None
        rows.append({**row, "shown": shown, "client_url": client_url})
    presented = {**table, "rows": rows}
    if table.get("chart"):
        presented["chart_text"] = charts.describe(table)
    return presented


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = runner.check_stale(run_for_user(request.user, pk))
    tables = [_presented(run, t) for t in _tables(request, run)] if run.status == RunStatus.DONE else []
    return render(
        request,
        "reports/run.html",
        {"run": run, "tables": tables, "projects": run.projects.order_by("project_name")},
    )


def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    run = runner.check_stale(run_for_user(request.user, pk))
    response = render(request, "reports/_progress.html", {"run": run})
    if run.is_finished and request.htmx:  # type: ignore[attr-defined]
        response["HX-Refresh"] = "true"
    return response


def cell(request: HttpRequest, pk: int, key: str, row: int, col: int) -> HttpResponse:
    run = run_for_user(request.user, pk)
    if run.status != RunStatus.DONE:
        raise Http404("The report is not finished.")
    drill = drilldown(request.user, run, key, row, col)
    page = Paginator(drill.rows, 50).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action="report.drilldown",
        obj=run,
        ip_address=_ip(request),
        detail={
            "table": key,
            "row": row,
            "column": col,
            "shown": len(page.object_list),
            "hidden": drill.hidden,
        },
    )
    return render(request, "reports/cell.html", {"run": run, "drill": drill, "page": page, "key": key})


def chart(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    run = run_for_user(request.user, pk)
    table = run.table(key)
    if table is None or not table.get("chart"):
        raise Http404("No chart for that table.")
    response = HttpResponse(charts.svg(table), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _download(
    request: HttpRequest, run: ReportRun, body: bytes | str, filename: str, content_type: str
) -> HttpResponse:
    audit_record(
        actor=request.user,
        action="report.downloaded",
        obj=run,
        ip_address=_ip(request),
        detail={"file": filename},
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _finished(request: HttpRequest, pk: int) -> ReportRun:
    run = run_for_user(request.user, pk)
    if run.status != RunStatus.DONE:
        raise Http404("The report is not finished.")
    return run


def download_table(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    run = _finished(request, pk)
    table = run.table(key)
    if table is None:
        raise Http404("No such table.")
    return _download(request, run, exports.table_csv(_visible_rows(request, table)), f"{key}.csv", "text/csv")


def download_zip(request: HttpRequest, pk: int) -> HttpResponse:
    run = _finished(request, pk)
    name = f"{run.kind}-{run.start_date}-{run.end_date}-run{run.pk}.zip"
    # The SPM adds HUD's HDX shells by position (hdx/1a.csv, ...), as the command line writes them.
    shells = {f"hdx/{key}.csv": rows for key, rows in run.results.get("hdx", {}).items()}
    body = exports.csv_zip(_tables(request, run), extra=shells)
    return _download(request, run, body, name, "application/zip")


def download_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    run = _finished(request, pk)
    title = f"{run.get_kind_display()}, {run.start_date} to {run.end_date}"
    body = exports.workbook(_tables(request, run), title)
    name = f"{run.kind}-{run.start_date}-{run.end_date}-run{run.pk}.xlsx"
    return _download(
        request, run, body, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    run = run_for_user(request.user, pk)
    if run.created_by_id != request.user.pk and not sees_all_clients(request.user):  # type: ignore[union-attr]
        raise PermissionDenied("Only the person who asked for a report can remove it.")
    report_run_delete(user=request.user, run=run)
    messages.success(request, "The report was removed.")
    return redirect("reports:index")
