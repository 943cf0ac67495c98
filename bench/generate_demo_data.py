"""Benchmark of ``hearth generate_demo_data``: 100k and 1M clients into fresh databases.

    .venv/bin/python bench/generate_demo_data.py                     # 100k and 1M, SQLite and PostgreSQL
    .venv/bin/python bench/generate_demo_data.py --sizes 100000 --databases sqlite

SQLite files go to var/bench/demo-<N>.sqlite3; PostgreSQL uses the database ``bench_demo``
(dropped and created for each run) on the server of --pg-url. Each run is a separate process
(migrate, then generate) so its peak memory (getrusage maxrss) is its own. Prints the time of the
generation, the rows written per table and the peak memory. Target: 1M clients in 10 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DB = "bench_demo"


def worker(clients: int, seed: int) -> None:
    """Runs in the child: migrate the (empty) database named by DATABASE_URL, then generate."""
    import django
    from django.core.management import call_command

    django.setup()
    from hearth.core.demo import generate

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF)
    result = generate(clients=clients, seed=seed)
    me, helper = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "migrate_seconds": migrated - started,
                "seconds": result.seconds,
                "index_seconds": result.index_seconds,
                "rows": result.rows,
                "maxrss_mb": me.ru_maxrss / 1024,
                "helper_maxrss_mb": helper.ru_maxrss / 1024,
                "cpu_seconds": me.ru_utime + me.ru_stime - before.ru_utime - before.ru_stime,
                "helper_cpu_seconds": helper.ru_utime + helper.ru_stime,
            }
        )
    )


def fresh_postgres(pg_url: str) -> str:
    import psycopg

    with psycopg.connect(f"{pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DB}")
    return f"{pg_url.rstrip('/')}/{PG_DB}"


def fresh_sqlite(clients: int) -> str:
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo-{clients}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def run(database: str, clients: int, seed: int, pg_url: str) -> dict:
    url = fresh_sqlite(clients) if database == "sqlite" else fresh_postgres(pg_url)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "hearth.settings", "DEBUG": "0"}
    env.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    out = subprocess.run(
        [sys.executable, __file__, "--worker", "--clients", str(clients), "--seed", str(seed)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    if database == "sqlite":
        figures["file_mb"] = Path(url.removeprefix("sqlite:///")).stat().st_size / 2**20
    return figures


def report(database: str, clients: int, f: dict) -> None:
    total = sum(f["rows"].values())
    print(f"\n== {database}, {clients:,} clients")
    print(
        f"generate: {f['seconds']:.1f} s ({total / f['seconds']:,.0f} rows/s), of which the client search "
        f"index {f.get('index_seconds', 0.0):.1f} s; migrate {f['migrate_seconds']:.1f} s"
    )
    print(
        f"CPU: {f['cpu_seconds']:.0f} s writing + {f['helper_cpu_seconds']:.0f} s in the builder process "
        "(wall time beyond that is waiting for a CPU on a shared machine, or for the disk)"
    )
    print(
        f"peak memory (maxrss): {f['maxrss_mb']:.0f} MB, builder process {f['helper_maxrss_mb']:.0f} MB"
        + (f"; file {f['file_mb']:.0f} MB" if "file_mb" in f else "")
    )
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(f"rows: {total:,}")
    for table, count in sorted(f["rows"].items(), key=lambda kv: -kv[1]):
        print(f"  {table:<32} {count:>12,}")
    verdict = "within" if f["seconds"] <= 600 else "OVER"
    if clients >= 1_000_000:
        print(f"target (1M clients in 600 s): {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--clients", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.clients, args.seed)
        return
    print(f"generate_demo_data benchmark on {os.cpu_count()} CPUs (seed {args.seed})")
    for database in args.databases:
        for clients in args.sizes:
            report(database, clients, run(database, clients, args.seed, args.pg_url))


if __name__ == "__main__":
    main()
