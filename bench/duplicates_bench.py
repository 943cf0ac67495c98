"""find_duplicates benchmark: generated clients with injected duplicates, scored against the truth.

    DATABASE_URL=sqlite:////tmp/bench/dupes.sqlite3 .venv/bin/python bench/duplicates_bench.py --clients 1000000

Generates the database when it holds no clients (``generate_demo_data``), runs
``hearth find_duplicates --output`` in a child process (its wall time and peak memory are what is
measured), then compares the pairs with the generator's truth (core_demo_person: records with equal
person_key are one person): precision of the pairs at or above the auto-link threshold, recall of
the review queue (pairs at or above the review threshold) over every true duplicate pair.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from hearth.clients.duplicates import AUTO_LINK_THRESHOLD, REVIEW_THRESHOLD  # noqa: E402
from hearth.clients.models import Client  # noqa: E402
from hearth.clients.names import fold, is_placeholder  # noqa: E402
from hearth.core.models import DemoPerson  # noqa: E402

HEARTH = [sys.executable, "-m", "hearth"]


def prepare(args: argparse.Namespace) -> None:
    call_command("migrate", verbosity=0)
    if Client.all_objects.exists():
        return
    started = time.perf_counter()
    subprocess.run(
        [*HEARTH, "generate_demo_data", "--clients", str(args.clients), "--seed", str(args.seed),
         "--duplicate-rate", str(args.duplicate_rate)],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    print(f"generated {Client.all_objects.count():,} clients in {time.perf_counter() - started:.0f} s")


def true_pairs() -> set[frozenset[str]]:
    live = set(Client.objects.values_list("hud_id", flat=True))
    people: dict[int, list[str]] = defaultdict(list)
    for personal_id, person in DemoPerson.objects.values_list("personal_id", "person_key"):
        if personal_id in live:
            people[person].append(personal_id)
    return {frozenset(p) for ids in people.values() if len(ids) > 1 for p in combinations(ids, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--duplicate-rate", type=float, default=0.05)
    parser.add_argument("--reuse", action="store_true", help="Use the existing database as it is.")
    parser.add_argument("--priors-only", action="store_true", help="Pass --priors-only (no m learning).")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="Break the review queue's errors down by what the records share.",
    )
    args = parser.parse_args()
    if not args.reuse:
        prepare(args)

    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "pairs.csv"
        command = [*HEARTH, "find_duplicates", "--output", str(output), "--no-queue"] + (
            ["--priors-only"] if args.priors_only else []
        )
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with output.open(newline="") as handle:
            scored = [
                (frozenset((r["personal_id_a"], r["personal_id_b"])), float(r["match_probability"]))
                for r in csv.DictReader(handle)
            ]

    truth = true_pairs()
    print(
        f"database: {connection.vendor}, {Client.objects.count():,} live clients, {len(truth):,} true duplicate pairs"
    )
    print(
        f"find_duplicates: {seconds:.0f} s wall, peak memory {peak_mb:,.0f} MB, {len(scored):,} pairs proposed"
    )
    for threshold in sorted({REVIEW_THRESHOLD, 0.8, 0.9, 0.95, AUTO_LINK_THRESHOLD, 0.999}):
        chosen = [p for p, prob in scored if prob >= threshold]
        hits = sum(1 for p in chosen if p in truth)
        precision = hits / len(chosen) if chosen else 1.0
        recall = hits / len(truth) if truth else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        label = (
            " (auto-link)"
            if threshold == AUTO_LINK_THRESHOLD
            else " (review queue)"
            if threshold == REVIEW_THRESHOLD
            else ""
        )
        print(
            f"  >= {threshold:<6} pairs {len(chosen):>8,}  precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}{label}"
        )
    if args.explain:
        explain(scored, truth)


def _ssn(value: str | None) -> str:
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    return digits if len(digits) == 9 else ""


def _kind(a: dict, b: dict) -> str:  # type: ignore[type-arg]
    """What two records share, in the few classes that tell why a pair is hard."""
    name = (a["first"], a["last"]) == (b["first"], b["last"]) and bool(a["first"]) and bool(a["last"])
    ssn = (
        "an SSN missing"
        if not (a["ssn"] and b["ssn"])
        else "same SSN"
        if a["ssn"] == b["ssn"]
        else "SSNs differ"
    )
    if name and a["dob"] is not None and a["dob"] == b["dob"]:
        return f"same full name and DOB, {ssn}"
    if a["dob"] is None or b["dob"] is None:
        return f"a DOB missing, {ssn}"
    if is_placeholder(a["first"]) or is_placeholder(b["first"]):
        return f"a first name missing or a placeholder, {ssn}"
    parts = [label for label, same in (("first name", a["first"] == b["first"]), ("last name", a["last"] == b["last"]),
             ("DOB", a["dob"] == b["dob"]), ("sex", a["sex"] == b["sex"])) if not same]  # fmt: skip
    return f"{' and '.join(parts) or 'nothing'} differ{'s' if len(parts) == 1 else ''}, {ssn}"


def explain(scored: list[tuple[frozenset[str], float]], truth: set[frozenset[str]]) -> None:
    """The review queue's false pairs and missed pairs by class, and how many pairs of different
    people in the whole database share a full name and a DOB with no SSN to tell them apart."""
    chosen = {p for p, prob in scored if prob >= REVIEW_THRESHOLD}
    false, missed = [p for p in chosen if p not in truth], [p for p in truth if p not in chosen]
    ids = {i for p in [*false, *missed] for i in p}
    records = {}
    for hud_id, first, last, dob, ssn, sex in (
        Client.objects.filter(hud_id__in=ids)
        .values_list("hud_id", "first_name", "last_name", "dob", "ssn", "sex")
        .iterator()
    ):
        records[hud_id] = {
            "first": fold(first or ""),
            "last": fold(last or ""),
            "dob": dob,
            "ssn": _ssn(ssn),
            "sex": sex,
        }
    for title, pairs in (("false pairs in the review queue", false), ("true pairs missed by it", missed)):
        classes: dict[str, int] = defaultdict(int)
        for pair in pairs:
            a, b = (records[i] for i in sorted(pair))
            classes[_kind(a, b)] += 1
        print(f"{title}: {len(pairs):,}")
        for kind, count in sorted(classes.items(), key=lambda kv: -kv[1])[:8]:
            print(f"  {count:>7,}  {kind}")
    person = dict(DemoPerson.objects.values_list("personal_id", "person_key"))
    groups: dict[tuple, list[tuple[str, str]]] = defaultdict(list)  # type: ignore[type-arg]
    for hud_id, first, last, dob, ssn in (
        Client.objects.exclude(dob=None)
        .values_list("hud_id", "first_name", "last_name", "dob", "ssn")
        .iterator()
    ):
        if first and last and not is_placeholder(first):
            groups[(fold(first), fold(last), dob)].append((hud_id, _ssn(ssn)))
    twins = 0
    for members in groups.values():
        for (x, sx), (y, sy) in combinations(members, 2):
            if person.get(x) != person.get(y) and not (sx and sy):
                twins += 1
    print(
        f"pairs of different people with the same full name and DOB and an SSN missing: {twins:,} "
        "(no comparison of these fields tells them from a duplicate)"
    )


if __name__ == "__main__":
    main()
