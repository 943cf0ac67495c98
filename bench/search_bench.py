"""Search benchmark: generated clients with injected duplicates; each duplicate record is a probe.

For every probe the search gets the probe record's own name, date of birth and SSN (as staff would
type them from the person in front of them) and must rank another record of the same person (the
truth is in the demo generator's core_demo_person table) in the top 10, ideally first. The probe
record itself is left out of its own results.

    DATABASE_URL=sqlite:////tmp/bench/search.sqlite3 .venv/bin/python bench/search_bench.py --clients 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench .venv/bin/python bench/search_bench.py ...

The database is generated (``generate_demo_data``, which builds the search index) when it holds no
clients; pass ``--reuse`` to search an existing one. Prints latency (p50/p95/p99), accuracy and
peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from hearth.accounts.models import Role, User  # noqa: E402
from hearth.clients.models import Client  # noqa: E402
from hearth.clients.search import parse_query, search_clients  # noqa: E402
from hearth.core.models import DemoPerson  # noqa: E402


def prepare(args: argparse.Namespace) -> None:
    call_command("migrate", verbosity=0)
    if Client.all_objects.exists():
        return
    started = time.perf_counter()
    call_command(
        "generate_demo_data",
        clients=args.clients,
        seed=args.seed,
        duplicate_rate=args.duplicate_rate,
        verbosity=0,
    )
    # The generator indexes the clients it writes for search.
    print(f"generated {Client.all_objects.count():,} clients in {time.perf_counter() - started:.0f} s")


def probes(count: int, seed: int) -> list[tuple[int, set[int], str]]:
    """(probe client, the person's other records, corruptions) for sampled duplicate records."""
    by_person: dict[int, set[int]] = defaultdict(set)
    for client_id, person in DemoPerson.objects.exclude(client=None).values_list("client_id", "person_key"):
        by_person[person].add(client_id)
    dupes = list(
        DemoPerson.objects.filter(is_duplicate=True)
        .exclude(client=None)
        .values_list("client_id", "person_key", "corruptions")
    )
    random.Random(seed).shuffle(dupes)
    return [
        (cid, by_person[person] - {cid}, corr)
        for cid, person, corr in dupes[:count]
        if by_person[person] - {cid}
    ]


NEWER_CORRUPTIONS = {"sex_differs", "first_name_missing", "dob_missing", "dob_digit_typo"}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--duplicate-rate", type=float, default=0.05)
    parser.add_argument("--probes", type=int, default=2000)
    parser.add_argument("--reuse", action="store_true", help="Search the existing database as it is.")
    args = parser.parse_args()
    if not args.reuse:
        prepare(args)
    total = Client.objects.count()
    admin = User(username="bench-admin", role=Role.HMIS_ADMIN)
    sample = probes(args.probes, args.seed)
    fields = {
        row["pk"]: row
        for row in Client.all_objects.filter(pk__in=[p[0] for p in sample]).values(
            "pk", "first_name", "last_name", "dob", "ssn"
        )
    }

    timings: list[float] = []
    first = top10 = 0
    # The same figures over the probes carrying only the mistakes the generator made before it
    # also blanked dates of birth and first names (comparable with figures taken then).
    earlier = earlier_first = earlier_top10 = 0
    misses: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for probe, truth, corruptions in sample:
        row = fields[probe]
        started = time.perf_counter()
        query = parse_query(
            first_name=row["first_name"] or "",
            last_name=row["last_name"] or "",
            dob=row["dob"],
            ssn_text=row["ssn"] or "",
        )
        results = search_clients(user=admin, query=query, limit=11) if not query.is_empty else []
        timings.append((time.perf_counter() - started) * 1000)
        ranked = [r.client.pk for r in results if r.client.pk != probe][:10]
        for kind in (corruptions or "none").split(","):
            seen[kind] += 1
        is_earlier = not set((corruptions or "").split(",")) & NEWER_CORRUPTIONS
        earlier += is_earlier
        if ranked and ranked[0] in truth:
            first += 1
            earlier_first += is_earlier
        if truth & set(ranked):
            top10 += 1
            earlier_top10 += is_earlier
        else:
            for kind in (corruptions or "none").split(","):
                misses[kind] += 1

    n = len(sample)
    timings.sort()
    q = statistics.quantiles(timings, n=100)
    print(f"database: {connection.vendor}, {total:,} live clients, {n:,} duplicate probes")
    print(f"latency ms: p50 {q[49]:.1f}  p95 {q[94]:.1f}  p99 {q[98]:.1f}  max {timings[-1]:.1f}")
    print(f"true person first: {first / n:.2%}   in top 10: {top10 / n:.2%}")
    if earlier:
        print(
            f"  of the {earlier:,} probes without {', '.join(sorted(NEWER_CORRUPTIONS))}: "
            f"first {earlier_first / earlier:.2%}, in top 10 {earlier_top10 / earlier:.2%}"
        )
    if misses:
        print(
            "not in top 10, by corruption: "
            + ", ".join(f"{k} {v}/{seen[k]}" for k, v in misses.most_common())
        )
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
