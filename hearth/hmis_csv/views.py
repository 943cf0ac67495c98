"""HMIS CSV pages: upload an export and follow its import, read its report, make an export.

Only HMIS administrators reach them: an import writes any agency's records and an export carries
every client's data.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from hearth.accounts.net import client_ip
from hearth.core.spreadsheet import neutralise_row
from hearth.hmis_csv import runs
from hearth.hmis_csv.forms import ExportForm, UploadForm
from hearth.hmis_csv.models import ImportProblem, ImportRun
from hearth.hmis_csv.plan import in_order
from hearth.hmis_csv.report import REPORT_HEADER
from hearth.hmis_csv.services import export_hmis_csv, import_run_create

PAGE_SIZE = 100
COUNT_NAMES = ("rows", "inserted", "updated", "unchanged", "deleted", "quarantined")


def hmis_admin_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user: Any = request.user
        if not (user.is_authenticated and user.is_hmis_admin):
            raise PermissionDenied("Only HMIS administrators import and export HMIS CSV files.")
        return view(request, *args, **kwargs)

    return wrapped


@hmis_admin_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = import_run_create(
            user=request.user,
            upload=form.cleaned_data["export"],
            mode=form.cleaned_data["mode"],
            source=form.cleaned_data["source"].strip(),
        )
        return redirect("hmis_csv:run", pk=run.pk)
    recent = ImportRun.objects.select_related("user", "data_source")[:20]
    return render(request, "hmis_csv/index.html", {"form": form, "runs": recent})


@hmis_admin_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = runs.check_stale(get_object_or_404(ImportRun, pk=pk))
    context: dict[str, Any] = {"run": run, "progress": runs.read_progress(run)}
    if run.status == ImportRun.Status.DONE:
        level = request.GET.get("level", "")
        problems = ImportProblem.objects.filter(run=run)
        if level in ("error", "warning"):
            problems = problems.filter(level=level)
        page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
        files = _file_rows(run)
        context.update(
            {
                "files": files,
                "side_by_side": any(f.get("worker") for f in files),
                "totals": {name: sum(c.get(name, 0) for c in run.counts.values()) for name in COUNT_NAMES},
                "page": page,
                "level": level,
                "query": f"level={level}" if level else "",
            }
        )
    return render(request, "hmis_csv/run.html", context)


def _file_rows(run: ImportRun) -> list[dict[str, Any]]:
    rows = []
    for counts in in_order(run.counts):
        row = dict(counts)
        row["rate"] = round(counts["rows"] / counts["seconds"]) if counts.get("seconds") else 0
        rows.append(row)
    return rows


@hmis_admin_required
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx while the import runs; a finished run reloads the page."""
    run = runs.check_stale(get_object_or_404(ImportRun, pk=pk))
    if run.finished and getattr(request, "htmx", False):
        return HttpResponseClientRefresh()
    return render(request, "hmis_csv/_progress.html", {"run": run, "progress": runs.read_progress(run)})


@hmis_admin_required
def run_report(request: HttpRequest, pk: int) -> HttpResponseBase:
    run = get_object_or_404(ImportRun, pk=pk, status=ImportRun.Status.DONE)
    filename = f"import-{run.pk}-report.csv"
    path = runs.report_path(run)
    if path.exists():
        return FileResponse(open(path, "rb"), as_attachment=True, filename=filename, content_type="text/csv")  # noqa: SIM115
    # The report file is gone (e.g. the folder was cleaned): the stored problems still make one.
    return _problems_csv(run, filename)


def _problems_csv(run: ImportRun, filename: str) -> HttpResponseBase:
    def lines() -> Any:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(REPORT_HEADER)
        for p in ImportProblem.objects.filter(run=run).iterator():
            writer.writerow(
                neutralise_row(
                    [p.file, p.row, p.record, p.column, p.value, p.rule, p.level, p.message, p.action]
                )
            )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@hmis_admin_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponseBase:
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        handle, name = tempfile.mkstemp(suffix=".zip")
        os.close(handle)
        try:
            result = export_hmis_csv(
                name,
                start=data["start"],
                end=data["end"],
                projects=[p.pk for p in data["projects"]] or None,
                period_type=data["period_type"],
                hashed=data["hashed"],
                user=request.user,
                ip_address=client_ip(request),
            )
            fh = open(name, "rb")  # noqa: SIM115 - FileResponse closes it
        finally:
            # The open handle keeps the data readable; the file leaves the disk at once.
            os.unlink(name)
        filename = f"hmis-csv-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}-{result.export_id[:8]}.zip"
        return FileResponse(fh, as_attachment=True, filename=filename, content_type="application/zip")
    return render(request, "hmis_csv/export.html", {"form": form})
