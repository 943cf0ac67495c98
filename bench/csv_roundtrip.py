"""HMIS CSV round trip at scale: generate N clients, export them, import the export into a fresh
database, and print the time, rows per second of each file and peak memory of each step.

    .venv/bin/python bench/csv_roundtrip.py --clients 100000
    .venv/bin/python bench/csv_roundtrip.py --clients 1000000 --db postgres

Targets (issue 3): a 1M-client export (about 10M rows) imports in at most 5 minutes on PostgreSQL
and 8 on SQLite with at most 2 GB of memory, and exports in at most 2 minutes.

Each step runs as its own `hearth` process (so its peak memory is its own) against a database made
for the run: SQLite files under --workdir, or PostgreSQL databases named hearth_csv_bench_src and
hearth_csv_bench_dst on the server of --pg-url (dropped and created again). The source database
is kept between runs with the same --clients and --seed unless --regenerate is given.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def run(step: str, args: list[str], database_url: str, log: Path) -> tuple[float, float, str]:
    """Run `hearth <args>`; returns (seconds, peak RSS in MiB, output) and prints the CPU time
    (the machine may be shared: CPU seconds say what the step cost, wall seconds what it took)."""
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="hearth.settings")
    started = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen(
            [PYTHON, "-m", "hearth", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        sampler = MemorySampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        sampler.stop.set()
        sampler.join()
    seconds = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime  # the hearth process and its worker processes
    text = log.read_text()
    print(
        f"[{step}: {seconds:,.1f} s wall, {cpu:,.1f} s CPU in the hearth process and its workers, "
        f"load {os.getloadavg()[0]:.1f}]"
    )
    if os.waitstatus_to_exitcode(status) != 0:
        print(text[-3000:])
        raise SystemExit(f"{step} failed (see {log})")
    # The import forks workers: the peak is that of all the step's processes together (their
    # proportional set sizes, so pages they share are counted once), or the largest single
    # process's if that is higher.
    return seconds, max(usage.ru_maxrss / 1024, sampler.peak_mib), text


class MemorySampler(threading.Thread):
    """Every 0.2 s, the summed PSS of a process and its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mib = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            total = sum(_pss_kib(pid) for pid in _tree(self.pid))
            self.peak_mib = max(self.peak_mib, total / 1024)


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pg_database(base_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return re.sub(r"/[^/]*$", f"/{name}", base_url)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench" / "csv")
    parser.add_argument("--regenerate", action="store_true", help="Generate the source data again.")
    parser.add_argument(
        "--source-url",
        help="Export from this database (e.g. one bench/generate_demo_data.py made) instead of generating one.",
    )
    parser.add_argument(
        "--reuse-export",
        action="store_true",
        help="Import the export of an earlier run again; do not export.",
    )
    options = parser.parse_args()

    work = options.workdir / f"{options.db}-{options.clients}-{options.seed}"
    work.mkdir(parents=True, exist_ok=True)
    export_dir = work / "export"
    marker = work / "generated"
    if options.db == "sqlite":
        source_url = f"sqlite:///{work / 'source.sqlite3'}"
        target_file = work / "target.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target_file}{suffix}").unlink(missing_ok=True)
        target_url = f"sqlite:///{target_file}"
    else:
        source_url = re.sub(r"/[^/]*$", "/hearth_csv_bench_src", options.pg_url)
        target_url = pg_database(options.pg_url, "hearth_csv_bench_dst")

    print(f"HMIS CSV round trip: {options.clients:,} clients, seed {options.seed}, {options.db}")
    if options.reuse_export and (export_dir / "Export.csv").exists():
        print(f"(importing the export already in {export_dir})")
    else:
        if options.source_url:
            source_url = options.source_url
        elif options.regenerate or not marker.exists():
            if options.db == "sqlite":
                Path(source_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            else:
                source_url = pg_database(options.pg_url, "hearth_csv_bench_src")
            run("migrate", ["migrate", "-v0"], source_url, work / "migrate-source.log")
            seconds, peak, _ = run(
                "generate",
                ["generate_demo_data", "--clients", str(options.clients), "--seed", str(options.seed)],
                source_url,
                work / "generate.log",
            )
            marker.write_text("ok")
            print(f"generate_demo_data: {seconds:,.1f} s, peak {peak:,.0f} MiB")

        shutil.rmtree(export_dir, ignore_errors=True)
        seconds, peak, text = run(
            "export",
            ["export_hmis_csv", str(export_dir), "--start", "1990-01-01", "--end", "2099-12-31"],
            source_url,
            work / "export.log",
        )
        print(f"\n== export ({seconds:,.1f} s wall, peak {peak:,.0f} MiB)\n{text.strip()}")

    run("migrate", ["migrate", "-v0"], target_url, work / "migrate-target.log")
    seconds, peak, text = run("import", ["import_hmis_csv", str(export_dir)], target_url, work / "import.log")
    table = "\n".join(line for line in text.splitlines() if not line.startswith("  warning"))
    print(f"\n== import into a fresh database ({seconds:,.1f} s wall, peak {peak:,.0f} MiB)\n{table}")


if __name__ == "__main__":
    main()
