"""Coordinated Entry benchmark: the community queue page and matching (an opening's proposals)
with 100k people on the queue of a 1M-client database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_demo .venv/bin/python bench/ce_queue.py
    DATABASE_URL=sqlite:///var/bench/demo-100000.sqlite3 .venv/bin/python bench/ce_queue.py --queue 10000

Run it on a database generate_demo_data.py made (1M clients: bench_demo). It places ``--queue``
heads of household on the queue (one bench assessment each, with scores, chronic status, days
homeless and populations spread over the queue; earlier bench rows are replaced), then times,
through Django's test client in this process (no network):

- the queue page (first page, a deep page, each population filter) for an HMIS administrator,
  who sees every person, and for a case manager of the largest agency, whose view goes through
  the sharing rules;
- matching: an opening's proposals (the best-ranked eligible people) for each kind of opening,
  as the selector and as the opening's page.

Target (issue 13): p95 under 300 ms for each at 1M clients with 100k on the queue.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client as WebClient  # noqa: E402
from django.urls import reverse  # noqa: E402

from hearth.accounts.models import Role, User  # noqa: E402
from hearth.clients.models import Client  # noqa: E402
from hearth.coordinated_entry import selectors  # noqa: E402
from hearth.coordinated_entry.models import Opening, QueueEntry  # noqa: E402
from hearth.enrollments.models import Assessment  # noqa: E402
from hearth.projects.models import Project  # noqa: E402

BENCH_ID = "bq"


def place(count: int) -> None:
    """Put ``count`` heads of household on the queue, one bench assessment each (set-based SQL,
    the same on PostgreSQL and SQLite)."""
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM coordinated_entry_referral")
        cur.execute("DELETE FROM coordinated_entry_opening")
        cur.execute("DELETE FROM coordinated_entry_queueentry")
        cur.execute("DELETE FROM hud_assessment WHERE hud_id LIKE %s", [f"{BENCH_ID}%"])
        cur.execute(
            f"""
            INSERT INTO hud_assessment (hud_id, date_created, date_updated, hud_user_id, assessment_date,
                assessment_location, assessment_type, assessment_level, prioritization_status,
                client_id, data_source_id, enrollment_id)
            SELECT '{BENCH_ID}' || e.id, e.date_created, e.date_updated, 'bench', e.entry_date,
                'Bench access point', 3, 2, 1, e.client_id, e.data_source_id, e.id
            FROM hud_enrollment e
            WHERE e.relationship_to_ho_h = 1 AND e.id IN (
                SELECT MIN(id) FROM hud_enrollment WHERE relationship_to_ho_h = 1 GROUP BY client_id
            )
            ORDER BY (e.id * 7919) %% 1000003
            LIMIT %s
            """,
            [count],
        )
        cur.execute(
            """
            INSERT INTO coordinated_entry_queueentry (client_id, enrollment_id, assessment_id, placed_on,
                score, chronic, days_homeless, veteran, youth, family, disabled, status)
            SELECT a.client_id, a.enrollment_id, a.id, a.assessment_date, (a.id * 7919) %% 24,
                (a.id %% 5 = 0), (a.id * 31) %% 2000, (c.veteran_status = 1),
                (c.dob IS NOT NULL AND c.dob > '2002-01-01'), (a.id %% 7 = 0),
                (a.id %% 5 = 0 OR a.id %% 3 = 0), 'waiting'
            FROM hud_assessment a JOIN hud_client c ON c.id = a.client_id
            WHERE a.hud_id LIKE %s
            """,
            [f"{BENCH_ID}%"],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE coordinated_entry_queueentry")
            cur.execute("ANALYZE hud_assessment")


def timed(label: str, runs: int, work: Callable[[], object]) -> float:
    work()  # a first, warming call is not counted
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"  {label:<62} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")
    return p95


def get(web: WebClient, url: str, params: dict[str, str] | None = None) -> Callable[[], object]:
    def run() -> object:
        response = web.get(url, params or {}, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--queue", type=int, default=100_000, help="People to place on the queue.")
    parser.add_argument("--runs", type=int, default=40, help="Timed requests per figure.")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # Pages render without a collectstatic run (the static files' names are not what is timed).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"clients: {Client.objects.count():,}")
    began = time.perf_counter()
    place(args.queue)
    print(f"placed {QueueEntry.objects.count():,} people on the queue in {time.perf_counter() - began:.1f} s")

    admin, _ = User.objects.get_or_create(username="bench-ce-admin", defaults={"role": Role.HMIS_ADMIN})
    biggest = Project.objects.values("organization_id").annotate(n=Count("enrollment")).order_by("-n").first()
    assert biggest is not None
    worker, _ = User.objects.get_or_create(
        username="bench-ce-worker",
        defaults={"role": Role.CASE_MANAGER, "organization_id": biggest["organization_id"]},
    )
    housing = Project.objects.filter(organization_id=biggest["organization_id"]).first()
    assert housing is not None
    openings = [
        Opening.objects.create(project=housing, description=f"Bench {pop} {hh}", event_type=14,
                               household_type=hh, population=pop, posted_on=housing.operating_start_date)
        for pop, hh in (("any", "any"), ("veteran", "any"), ("youth", "individual"), ("any", "family"))
    ]  # fmt: skip
    # A chronic-dedicated PSH bed with a lowest score: the eligibility rules beyond population.
    openings.append(
        Opening.objects.create(project=housing, description="Bench chronic PSH", event_type=14,
                               disability_required=True, chronic_only=True, min_score=12,
                               posted_on=housing.operating_start_date)
    )  # fmt: skip
    p95s = []
    for user in (admin, worker):
        web = WebClient()
        web.force_login(user)
        visible = selectors.queue_for_user(user).count()
        print(f"{user.get_role_display()} ({visible:,} people on the queue visible)")
        queue = reverse("coordinated_entry:queue")
        p95s.append(timed("queue page, first page", args.runs, get(web, queue)))
        p95s.append(timed("queue page, page 100", args.runs, get(web, queue, {"page": "100"})))
        for population in ("veterans", "youth", "families"):
            p95s.append(
                timed(f"queue page, {population}", args.runs, get(web, queue, {"population": population}))
            )
        for opening in openings:
            p95s.append(
                timed(f"matching: proposals for {opening.description}", args.runs,
                      lambda o=opening, u=user: selectors.proposals(u, o))  # type: ignore[misc]
            )  # fmt: skip
        p95s.append(
            timed("opening page (proposals, referrals, audit)", args.runs,
                  get(web, reverse("coordinated_entry:opening", args=[openings[0].pk])))
        )  # fmt: skip
    Opening.objects.filter(pk__in=[o.pk for o in openings]).delete()
    print(f"worst p95: {max(p95s):.1f} ms  [target < 300 ms]  assessments: {Assessment.objects.count():,}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
