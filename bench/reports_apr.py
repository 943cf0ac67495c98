"""Report benchmark: the APR for one project and for every project of the CoC over a year, and the
Data Quality report for the CoC, on a generated database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench .venv/bin/python bench/reports_apr.py --clients 1000000
    DATABASE_URL=sqlite:////tmp/bench/reports.sqlite3 .venv/bin/python bench/reports_apr.py --clients 20000

The database is generated (``generate_demo_data --clients N --seed S``) when it holds no clients;
pass ``--reuse`` to report on an existing one. The year is HUD's last full operating year of the
generated data (2025-10-01 to 2026-09-30 by default). Each report runs through the same services as
the web pages (build the client universe, evaluate every table) and is removed afterwards. Prints
wall time, the time spent building the universe and evaluating the tables, CPU time (this process and
its PostgreSQL backend: on a shared machine nearer to the unloaded time than the wall time), clients
in the universe, and peak memory. Targets (PostgreSQL, 1M clients): one-project APR <= 2 s; CoC APR <= 60 s; CoC
DQ <= 60 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402

from hearth.clients.models import Client  # noqa: E402
from hearth.projects.models import Project, ProjectCoC  # noqa: E402
from hearth.reports import services  # noqa: E402
from hearth.reports.models import ReportRun  # noqa: E402
from hearth.reports.services import report_run_create, report_run_delete, report_run_execute  # noqa: E402

# Time spent in the two phases of a run: building the universe and evaluating the tables.
phases: dict[str, float] = {}


def _phase(name: str, function):  # type: ignore[no-untyped-def]
    def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - began

    return wrapped


services.build = _phase("build", services.build)  # type: ignore[attr-defined]
services.evaluate_all = _phase("tables", services.evaluate_all)  # type: ignore[attr-defined]


def cpu_seconds() -> float:
    """CPU time of this process and of its PostgreSQL backend (when the server runs on this machine
    and its /proc is readable; parallel query workers are not counted): on a busy machine, closer
    to what the run would take alone than the wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = usage.ru_utime + usage.ru_stime
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return total


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_run(
    kind: str, start: dt.date, end: dt.date, projects: list[Project], coc: str = ""
) -> dict[str, float]:
    steps: dict[str, float] = {}
    phases.clear()
    cpu = cpu_seconds()
    began = time.perf_counter()
    run = report_run_create(
        user=None,
        kind=kind,
        start_date=start,
        end_date=end,
        projects=projects,
        coc_code=coc,
        background=False,
    )
    run = report_run_execute(run.pk)
    total = time.perf_counter() - began
    assert run.status == "done", run.error
    assert run.started_at is not None and run.finished_at is not None
    steps["seconds"] = total
    steps["cpu"] = cpu_seconds() - cpu
    steps["build"] = phases.get("build", 0.0)
    steps["tables_seconds"] = phases.get("tables", 0.0)
    steps["clients"] = float(run.universe_size or 0)
    steps["tables"] = float(len(run.tables()))
    report_run_delete(user=None, run=ReportRun.objects.get(pk=run.pk))
    return steps


def describe(figures: dict[str, float]) -> str:
    return (
        f"{figures['seconds']:.2f} s wall (universe {figures['build']:.2f} s + tables "
        f"{figures['tables_seconds']:.2f} s; CPU {figures['cpu']:.2f} s), {figures['clients']:,.0f} clients, "
        f"{figures['tables']:.0f} tables"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Report on the database as it is.")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2025, 10, 1))
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.date(2026, 9, 30))
    parser.add_argument(
        "--repeat", type=int, default=3, help="Runs of the one-project APR (the best is kept)."
    )
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if not args.reuse and not Client.objects.exists():
        began = time.perf_counter()
        call_command("generate_demo_data", clients=args.clients, seed=args.seed, verbosity=0)
        print(f"generated {args.clients:,} clients in {time.perf_counter() - began:.0f} s")
    print(f"clients in the database: {Client.objects.count():,}")

    active = Q(enrollment__entry_date__lte=args.end) & (
        Q(enrollment__exit__isnull=True) | Q(enrollment__exit__exit_date__gte=args.start)
    )
    busiest = Project.objects.annotate(n=Count("enrollment", filter=active)).order_by("-n").first()
    assert busiest is not None, "no project"
    coc = ProjectCoC.objects.values_list("coc_code", flat=True).order_by("coc_code").first() or ""

    best = None
    for _ in range(args.repeat):
        figures = timed_run("apr", args.start, args.end, [busiest])
        best = figures if best is None or figures["seconds"] < best["seconds"] else best
    assert best is not None
    print(
        f"APR, one project ({busiest.project_name}, type {busiest.project_type}): {describe(best)} "
        f"(best of {args.repeat})  [target <= 2 s]"
    )
    figures = timed_run("apr", args.start, args.end, [], coc=coc)
    print(f"APR, every project of {coc}: {describe(figures)}  [target <= 60 s]")
    figures = timed_run("dq", args.start, args.end, [], coc=coc)
    print(f"DQ, every project of {coc}: {describe(figures)}  [target <= 60 s]")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    print(f"peak memory: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
