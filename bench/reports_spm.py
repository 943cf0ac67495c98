"""Report benchmark: HUD's System Performance Measures for a whole CoC over a year, on a generated
database, as the command line runs it (the report year alone) and as the reports pages run it (the
report year, the year before to compare, and the client detail behind every cell kept as rows).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_demo .venv/bin/python bench/reports_spm.py --reuse
    DATABASE_URL=sqlite:///var/bench/demo-100000.sqlite3 .venv/bin/python bench/reports_spm.py --reuse

(bench/generate_demo_data.py makes those databases; without --reuse an empty database is filled
with --clients generated clients first.) Targets: at 1M clients on PostgreSQL at most 2 minutes; at
100k clients on SQLite under 1 minute. Prints wall and CPU time, the persons counted, the detail
rows written and the peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reports_apr as apr  # noqa: E402 - sets Django up
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from hearth.clients.models import Client  # noqa: E402
from hearth.projects.models import ProjectCoC  # noqa: E402
from hearth.reports.models import ReportRun, SpmDetail  # noqa: E402
from hearth.reports.services import report_run_create, report_run_delete, report_run_execute  # noqa: E402
from hearth.reports.spm.report import run_spm  # noqa: E402


def _command_line(coc: str, start: dt.date, end: dt.date) -> tuple[float, float, int]:
    cpu = apr.cpu_seconds()
    began = time.perf_counter()
    report = run_spm(start=start, end=end, coc=coc)
    wall = time.perf_counter() - began
    counted = len({row[2] for rows in report.details.values() for row in rows})
    return wall, apr.cpu_seconds() - cpu, counted


def _pages(coc: str, start: dt.date, end: dt.date) -> tuple[float, float, int, int]:
    cpu = apr.cpu_seconds()
    began = time.perf_counter()
    run = report_run_create(
        user=None, kind="spm", start_date=start, end_date=end, coc_code=coc, background=False
    )
    run = report_run_execute(run.pk)
    wall = time.perf_counter() - began
    assert run.status == "done", run.error
    details = SpmDetail.objects.filter(run=run).count()
    counted = run.universe_size or 0
    report_run_delete(user=None, run=ReportRun.objects.get(pk=run.pk))
    return wall, apr.cpu_seconds() - cpu, counted, details


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Report on the database as it is.")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2025, 10, 1))
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.date(2026, 9, 30))
    parser.add_argument("--repeat", type=int, default=2, help="Runs of each (the best is kept).")
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)  # a database generated before the SPM detail table
    if not args.reuse and not Client.objects.exists():
        began = time.perf_counter()
        call_command("generate_demo_data", clients=args.clients, seed=args.seed, verbosity=0)
        print(f"generated {args.clients:,} clients in {time.perf_counter() - began:.0f} s")
    print(f"clients in the database: {Client.objects.count():,}")
    coc = ProjectCoC.objects.values_list("coc_code", flat=True).order_by("coc_code").first() or ""
    projects = ProjectCoC.objects.filter(coc_code=coc).values("project_id").distinct().count()
    print(f"CoC {coc}: {projects} projects; report {args.start} to {args.end}")
    target = "<= 120 s at 1M" if connection.vendor == "postgresql" else "< 60 s at 100k"

    line = min((_command_line(coc, args.start, args.end) for _ in range(args.repeat)), key=lambda f: f[0])
    print(
        f"SPM, command line (the report year): {line[0]:.1f} s wall, CPU {line[1]:.1f} s, "
        f"{line[2]:,} persons counted (best of {args.repeat})  [target {target}]"
    )
    pages = min((_pages(coc, args.start, args.end) for _ in range(args.repeat)), key=lambda f: f[0])
    print(
        f"SPM, reports pages (both years and the detail rows): {pages[0]:.1f} s wall, CPU {pages[1]:.1f} s, "
        f"{pages[2]:,} persons counted, {pages[3]:,} detail rows (best of {args.repeat})  [target {target}]"
    )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    print(f"peak memory: {apr.peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
