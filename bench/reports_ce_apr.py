"""Report benchmark: the Coordinated Entry APR for every CE project (type 14) of the CoC over a year,
on a generated database (generate_demo_data assesses heads of household at CE access points).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench .venv/bin/python bench/reports_ce_apr.py --clients 1000000
    DATABASE_URL=sqlite:////tmp/bench/reports.sqlite3 .venv/bin/python bench/reports_ce_apr.py --clients 100000

Generation, timing and figures as in bench/reports_apr.py (whose helpers this reuses). Targets: at
1M clients on PostgreSQL <= 10 s; at 100k clients on SQLite < 60 s.
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
from hearth.enrollments.models import Assessment  # noqa: E402
from hearth.projects.models import Project, ProjectCoC  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Report on the database as it is.")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2025, 10, 1))
    parser.add_argument("--end", type=dt.date.fromisoformat, default=dt.date(2026, 9, 30))
    parser.add_argument("--repeat", type=int, default=3, help="Runs (the best is kept).")
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if not args.reuse and not Client.objects.exists():
        began = time.perf_counter()
        call_command("generate_demo_data", clients=args.clients, seed=args.seed, verbosity=0)
        print(f"generated {args.clients:,} clients in {time.perf_counter() - began:.0f} s")
    print(f"clients in the database: {Client.objects.count():,}")
    in_range = Assessment.objects.filter(assessment_date__range=(args.start, args.end)).count()
    print(f"CE assessments in the range: {in_range:,}")

    coc = ProjectCoC.objects.values_list("coc_code", flat=True).order_by("coc_code").first() or ""
    projects = list(
        Project.objects.filter(
            project_type=14, projectcoc__coc_code=coc, projectcoc__date_deleted__isnull=True
        )
    )
    assert projects, "no CE project in the CoC"
    best = None
    for _ in range(args.repeat):
        figures = apr.timed_run("ce_apr", args.start, args.end, projects)
        best = figures if best is None or figures["seconds"] < best["seconds"] else best
    assert best is not None
    target = "<= 10 s at 1M" if connection.vendor == "postgresql" else "< 60 s at 100k"
    print(
        f"CE APR, the {len(projects)} CE projects of {coc}: {apr.describe(best)} "
        f"(best of {args.repeat})  [target {target}]"
    )
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    print(f"peak memory: {apr.peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
