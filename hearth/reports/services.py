"""Asking for a report and computing it.

- ``report_run_create``: check the request (dates, projects the user may see, CoC), save a ReportRun,
  audit it and start it in the background (hearth.reports.runner).
- ``report_run_execute``: compute a run: build the client universe (for every kind but the roster),
  evaluate its tables, keep them on the run.
- ``report_tables``: the table definitions of a run (for drill-downs and exports).

The command line (``hearth run_report``), the web pages and the tests all go through these.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import multiprocessing
import os
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from hearth.accounts import roles
from hearth.audit.services import audit_record
from hearth.core import clock
from hearth.projects.models import Project
from hearth.projects.selectors import projects_for_user
from hearth.reports import runner
from hearth.reports.apr.universe import Scope, build
from hearth.reports.models import AprClient, ReportKind, ReportRun, RunStatus, SpmDetail
from hearth.reports.tables import Table, evaluate_all

log = logging.getLogger(__name__)


def report_run_create(
    *,
    user: Any,
    kind: str,
    start_date: dt.date,
    end_date: dt.date,
    projects: Iterable[Project] | None = None,
    coc_code: str = "",
    background: bool = True,
) -> ReportRun:
    """Record a report request and start it. ``user`` None is the command line (every project)."""
    if user is not None and not roles.can(user, roles.RUN_REPORTS):
        raise PermissionDenied("Your role may not run reports.")
    if kind not in ReportKind.values:
        raise ValidationError({"kind": f"Unknown report {kind!r}."})
    if end_date < start_date:
        raise ValidationError({"end_date": "The end date is before the start date."})
    coc_code = (coc_code or "").strip().upper()
    visible = projects_for_user(user) if user is not None else Project.objects.all()
    chosen = list(projects or [])
    if kind == ReportKind.SPM:
        chosen = _spm_projects(visible, coc_code)
    elif chosen:
        allowed = set(visible.filter(pk__in=[p.pk for p in chosen]).values_list("pk", flat=True))
        if len(allowed) != len({p.pk for p in chosen}):
            raise PermissionDenied("You may report only on projects you can see.")
    elif coc_code:
        chosen = list(
            visible.filter(projectcoc__coc_code=coc_code, projectcoc__date_deleted__isnull=True).distinct()
        )
    if not chosen:
        message = (
            f"No project you can see is in CoC {coc_code}." if coc_code else "Choose at least one project."
        )
        raise ValidationError({"projects": message})
    if kind == ReportKind.CAPER:
        from hearth.reports import caper

        caper.check_projects(chosen, start=start_date, end=end_date)
    if kind == ReportKind.CE_APR:
        from hearth.reports import ce_apr

        ce_apr.check_projects(chosen, start=start_date, end=end_date)
        # A CE household belongs to the CoC its head was served in: the projects' own CoC.
        coc_code = coc_code or ce_apr.coc_for(chosen)
    with transaction.atomic():
        run = ReportRun.objects.create(
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            coc_code=coc_code,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            created_at=clock.now(),
        )
        run.projects.set(chosen)
        audit_record(
            actor=user,
            action="report.requested",
            obj=run,
            detail={
                "kind": kind,
                "start": start_date.isoformat(),
                "end": end_date.isoformat(),
                "projects": sorted(p.pk for p in chosen),
                "coc": coc_code,
            },
        )
        if background:
            runner.start(run)
    return run


def _spm_projects(visible: Any, coc_code: str) -> list[Project]:
    """The SPM is CoC-wide: every project of the CoC, so only someone who sees all of them runs it."""
    from hearth.reports.spm.stays import coc_project_ids

    if not coc_code:
        raise ValidationError({"coc_code": "Choose the Continuum of Care: the SPM covers a whole CoC."})
    ids = coc_project_ids(coc_code)
    if not ids:
        raise ValidationError({"coc_code": f"No project is in CoC {coc_code}."})
    if visible.filter(pk__in=ids).count() != len(ids):
        raise PermissionDenied(
            f"The SPM covers every project of CoC {coc_code}, and your account does not see all of them."
        )
    return list(Project.objects.filter(pk__in=ids))


class _Progress:
    """Writes a run's progress where the run page can read it while the run is being computed.

    On PostgreSQL the universe is built in one transaction, so progress goes through a second
    connection that commits each update; elsewhere (SQLite, or a run computed inside the caller's
    transaction, as in tests) through the same connection.
    """

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.side: Any = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, percent: int, step: str) -> None:
        moment = clock.now()
        if self.side is None:
            ReportRun.objects.filter(pk=self.run_id).update(
                progress=percent, step=step[:200], heartbeat_at=moment
            )
            return
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ReportRun._meta.db_table} SET progress = %s, step = %s, heartbeat_at = %s WHERE id = %s",  # noqa: S608
                [percent, step[:200], moment, self.run_id],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def report_tables(run: ReportRun) -> list[Table]:
    """The run's table definitions (cheap: no query runs until they are evaluated)."""
    from hearth.reports import details, income
    from hearth.reports.apr.report import tables_for

    if run.kind in (ReportKind.APR, ReportKind.DQ):
        return tables_for(run.kind, run)
    if run.kind == ReportKind.DETAILS:
        return details.tables(run)
    if run.kind == ReportKind.CAPER:
        from hearth.reports import caper

        return caper.tables(run)
    if run.kind == ReportKind.CE_APR:
        from hearth.reports import ce_apr

        return ce_apr.tables(run)
    if run.kind == ReportKind.INCOME:
        return income.tables(run)
    return []


class _NoData(Exception):
    """A report that would be empty: said so instead of presenting empty tables as a result."""


def report_run_execute(run_id: int) -> ReportRun:
    """Compute a queued run (in the worker process, a thread, or inline)."""
    claimed = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=clock.now(), heartbeat_at=clock.now(), pid=os.getpid()
    )
    run = ReportRun.objects.get(pk=run_id)
    if not claimed:
        return run
    progress = _Progress(run.pk)
    step = "starting"
    try:
        if run.uses_universe:
            step = "building the client universe"
            scope = Scope(
                run_id=run.pk,
                start=run.start_date,
                end=run.end_date,
                project_ids=list(run.projects.values_list("pk", flat=True)),
                coc_code=run.coc_code,
                # The CE APR's tables read only the people and households of the universe.
                people_only=run.kind == ReportKind.CE_APR,
            )
            run.universe_size = build(scope, progress)
            if run.kind == ReportKind.CE_APR:
                from hearth.reports import ce_apr

                step = "reading CE assessments and events"
                progress(85, "Reading CE assessments and events")
                run.universe_size = ce_apr.narrow(scope)
                if not run.universe_size:
                    raise _NoData(
                        f"No household in the chosen projects had a CE assessment between "
                        f"{run.start_date:%Y-%m-%d} and {run.end_date:%Y-%m-%d}: there is nothing to report."
                    )
            if run.kind == ReportKind.CAPER and not run.universe_size:
                raise _NoData(
                    f"No client was active in the chosen projects between {run.start_date:%Y-%m-%d} "
                    f"and {run.end_date:%Y-%m-%d}: there is nothing to report."
                )
            step = "computing the tables"
            progress(90, "Computing the tables")
            run.results = {"tables": evaluate_all(report_tables(run), run.pk)}
        elif run.kind == ReportKind.SPM:
            step = "computing the measures"
            run.universe_size = _spm_execute(run, progress)
        else:
            from hearth.reports import roster

            step = "listing the enrollments"
            progress(10, "Listing enrollments")
            run.results = {"tables": [roster.build(run)]}
            run.universe_size = len(run.results["tables"][0]["rows"])
        run.status = RunStatus.DONE
        run.progress = 100
        run.step = "Done"
    except _NoData as empty:
        AprClient.objects.filter(run_id=run.pk).delete()
        SpmDetail.objects.filter(run_id=run.pk).delete()
        run.status = RunStatus.FAILED
        run.error = str(empty)
    except Exception:
        # The message names the step, never a record: SQL errors can quote client data.
        log.exception("Report run %s failed while %s", run.pk, step)
        AprClient.objects.filter(run_id=run.pk).delete()
        SpmDetail.objects.filter(run_id=run.pk).delete()
        run.status = RunStatus.FAILED
        run.error = f"The report failed while {step}. HMIS Support can find the details in the server log."
    finally:
        progress.close()
    run.finished_at = clock.now()
    run.heartbeat_at = run.finished_at
    run.save(
        update_fields=[
            "results",
            "status",
            "progress",
            "step",
            "error",
            "finished_at",
            "heartbeat_at",
            "universe_size",
        ]
    )
    return run


def _spm_execute(run: ReportRun, progress: _Progress) -> int:
    """Both years of the SPM, the HDX tables with their comparison, and the detail behind each cell.

    Returns the number of persons counted in any measure of the current year."""
    from hearth.reports.spm import pages
    from hearth.reports.spm.report import SpmInputError
    from hearth.reports.spm.stays import left_out_text

    progress(5, "Computing the measures for the report year and the year before")
    try:
        current, previous = spm_with_year_before(start=run.start_date, end=run.end_date, coc=run.coc_code)
    except SpmInputError as problem:
        raise _NoData(str(problem)) from None
    progress(85, "Keeping the client detail behind each figure")
    with transaction.atomic():
        SpmDetail.objects.filter(run_id=run.pk).delete()
        pages.save_details(run.pk, current)
    run.results = {
        "tables": pages.stored_tables(current, previous),
        "hdx": pages.hdx_tables(current, previous),
        "notice": left_out_text(current.left_out),
    }
    return len({row[2] for details in current.details.values() for row in details})


def spm_with_year_before(*, start: dt.date, end: dt.date, coc: str) -> tuple[Any, Any]:
    """The SPM for the period and its tables one year earlier (None when the CoC has no data
    then), for HUD's "Previous FY" columns. Raises SpmInputError for the period itself."""
    from hearth.reports.spm import pages
    from hearth.reports.spm.report import SpmReport, run_spm

    before = (pages.year_before(start), pages.year_before(end))
    pool = None
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The measures are computed in Python, one core each: the year before runs in a second
        # process beside the report year (PostgreSQL serves both). On SQLite, one after the other.
        connections.close_all()  # the child opens its own connection, never shares one
        pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        earlier = pool.submit(_spm_tables, *before, coc) if pool is not None else None
        current = run_spm(start=start, end=end, coc=coc)
        tables = earlier.result() if earlier is not None else _spm_tables(*before, coc)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    previous = SpmReport(start=before[0], end=before[1], coc=coc, tables=tables) if tables else None
    return current, previous


def _spm_tables(start: dt.date, end: dt.date, coc: str) -> dict[str, Any]:
    """The SPM's tables for a period (empty when the CoC has no data then): the year compared with."""
    from hearth.reports.spm.report import SpmInputError, run_spm

    try:
        return run_spm(start=start, end=end, coc=coc).tables
    except SpmInputError:
        return {}
    finally:
        if multiprocessing.parent_process() is not None:
            connections.close_all()  # in the second process: end its own connection cleanly


def report_run_delete(*, user: Any, run: ReportRun) -> None:
    """Remove a run and its universe (the person who asked for it, or an HMIS administrator)."""
    with transaction.atomic():
        audit_record(actor=user, action="report.deleted", obj=run, detail={"kind": run.kind})
        AprClient.objects.filter(run_id=run.pk).delete()
        SpmDetail.objects.filter(run_id=run.pk).delete()
        run.delete()
