"""Load benchmark: the main pages under 50 concurrent signed-in users, served by gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_demo .venv/bin/python bench/load_pages.py
    .venv/bin/python bench/load_pages.py --users 50 --seconds 120 --think 5

Works on the database of DATABASE_URL (a generated one: ``generate_demo_data --clients 1000000``;
it must hold night-by-night shelters). It creates one case manager per busy agency (``bench-load-N``,
refreshed on every run), starts gunicorn on a free local port with DEBUG off, signs every user in
through the real sign-in pages (password, then the user agreement), and lets each user walk the
pages a case manager uses all day, in a loop:

    home -> search (POST, a name and date of birth of a client the agency serves) -> that client's
    record -> one of the agency's enrollments (program details) -> the agency's shelter roster ->
    the Coordinated Entry queue

Each user waits ``--think`` seconds on average between pages (exponentially distributed), as a
person reading the page does; with no think time, 50 users on two CPUs measure the queue in front
of gunicorn rather than the pages. Prints, per page and overall: requests, errors (any answer but
200, or a page that is not the one asked for), p50, p95 and p99 latency, and the throughput. The
target is p95 under 200 ms with no errors.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.db.models import Count  # noqa: E402
from requests.adapters import HTTPAdapter  # noqa: E402
from urllib3.util.retry import Retry  # noqa: E402

from hearth.accounts.models import Role, User  # noqa: E402
from hearth.enrollments.models import Enrollment  # noqa: E402
from hearth.projects.models import Project  # noqa: E402

PASSWORD = "bench-load-pages-2026!"  # a bench-only account password, refreshed on every run
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Plan:
    """What one simulated user visits: ids taken from its own agency's records."""

    username: str
    clients: list[tuple[int, str, str]]  # (client id, last name, DOB as typed: MM/DD/YYYY)
    enrollments: list[int]
    shelter_id: int


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[page].append(seconds)
            if error:
                self.errors[page].append(error)


def plans(count: int, per_user: int, seed: int) -> list[Plan]:
    """Case managers of the agencies that run night-by-night shelters, each with its own clients."""
    rng = random.Random(seed)
    shelters = (
        Project.objects.filter(project_type=1)
        .annotate(n=Count("enrollment"))
        .order_by("-n")
        .values_list("pk", "organization_id")
    )
    chosen: dict[int, int] = {}
    for project_id, org_id in shelters:
        chosen.setdefault(org_id, project_id)
    if not chosen:
        sys.exit("No agency runs a night-by-night shelter; generate demo data first.")
    # Several case managers of one agency when there are fewer agencies than users, as in life.
    agencies = list(chosen.items())
    assignments = [agencies[n % len(agencies)] for n in range(count)]
    result = []
    for n, (org_id, shelter_id) in enumerate(assignments, start=1):
        username = f"bench-load-{n}"
        user, _ = User.objects.get_or_create(username=username)
        user.role, user.organization_id, user.is_active = Role.CASE_MANAGER, org_id, True
        user.first_name, user.last_name, user.email = "Bench", f"User{n}", f"{username}@example.org"
        user.set_password(PASSWORD)
        user.save()
        enrollments = list(
            Enrollment.objects.filter(project__organization_id=org_id, client__dob__isnull=False)
            .exclude(client__last_name="")
            .order_by("?")
            .values_list("pk", "client_id", "client__last_name", "client__dob")[: per_user * 3]
        )
        rng.shuffle(enrollments)
        picks = enrollments[:per_user]
        result.append(
            Plan(
                username=username,
                clients=[(c, last, dob.strftime("%m/%d/%Y")) for _, c, last, dob in picks],
                enrollments=[e for e, _, _, _ in picks],
                shelter_id=shelter_id,
            )
        )
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        HEARTH_TESTING="",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Fifty people signing in from one address within a minute is the benchmark, not an attack.
        ACCOUNT_RATE_LIMIT_PER_IP="100000",
        HEARTH_INSECURE_HTTP="1",  # plain HTTP on loopback
        LOG_LEVEL="WARNING",
    )
    cmd = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "hearth.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--access-logfile=-" if os.environ.get("BENCH_ACCESS_LOG") else "--log-level=warning",
    ]
    # DEBUG off serves the hashed, compressed static files, which collectstatic makes.
    subprocess.run(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "hearth"), "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)  # noqa: S603
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/accounts/sign-in/", timeout=30)
            return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    sys.exit("gunicorn did not start")


def csrf(html: str) -> str:
    match = CSRF_RE.search(html)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def sign_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    # gunicorn closes a kept-alive connection after two idle seconds; a GET sent on one that closed
    # in that instant is reset before any answer, and a browser sends it again. So does the
    # benchmark (GETs only, once or twice), rather than count the race as a page that failed.
    retry = Retry(total=2, connect=2, read=2, status=0, allowed_methods=frozenset({"GET"}))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    page = session.get(f"{base}/accounts/sign-in/", timeout=30)
    answer = session.post(
        f"{base}/accounts/sign-in/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf(page.text)},
        headers={"Referer": f"{base}/accounts/sign-in/"},
        timeout=30,
    )
    if "/accounts/sign-in/agreement/" in answer.url:
        answer = session.post(
            answer.url,
            data={"accept": "on", "csrfmiddlewaretoken": csrf(answer.text)},
            headers={"Referer": answer.url},
            timeout=30,
        )
    if "/accounts/sign-in/" in answer.url or answer.status_code != 200:
        raise RuntimeError(f"{username} could not sign in (ended at {answer.url}, {answer.status_code})")
    return session


def walk(
    base: str, plan: Plan, session: requests.Session, until: float, think: float, results: Results
) -> None:
    rng = random.Random(plan.username)
    token = csrf(session.get(f"{base}/clients/", timeout=30).text)
    # People do not all open their first page in the same instant: each starts within one think
    # time, so the first second does not measure fifty home pages queued behind each other.
    time.sleep(rng.uniform(0, think))
    step = 0
    while time.monotonic() < until:
        client_id, last, dob = plan.clients[step % len(plan.clients)]
        enrollment_id = plan.enrollments[step % len(plan.enrollments)]
        pages = [
            ("home", "GET", "/", None, None),
            (
                "search",
                "POST",
                "/clients/",
                {"last_name": last, "dob": dob, "csrfmiddlewaretoken": token},
                None,
            ),
            ("client record", "GET", f"/clients/{client_id}/", None, None),
            ("program details", "GET", f"/enrollments/{enrollment_id}/", None, None),
            ("roster", "GET", f"/enrollments/programs/{plan.shelter_id}/roster/", None, None),
            ("queue", "GET", "/coordinated-entry/queue/", None, None),
        ]
        for name, method, path, data, _ in pages:
            if time.monotonic() >= until:
                break
            started = time.perf_counter()
            error = None
            try:
                answer = session.request(
                    method, base + path, data=data, headers={"Referer": base + "/clients/"}, timeout=60
                )
                if answer.status_code != 200:
                    error = f"{answer.status_code} {path}"
                elif answer.url.rstrip("/") != (base + path).rstrip("/"):
                    error = f"redirected to {answer.url}"
            except requests.RequestException as exc:
                error = f"{type(exc).__name__} {path}"
            results.add(name, time.perf_counter() - started, error)
            time.sleep(rng.expovariate(1 / think) if think > 0 else 0)
        step += 1


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def report(results: Results, seconds: float) -> None:
    every = [t for times in results.times.values() for t in times]
    print(f"\n{'page':<18}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'mean ms':>9}")
    for name, times in [*results.times.items(), ("all pages", every)]:
        errors = (
            sum(len(e) for e in results.errors.values()) if name == "all pages" else len(results.errors[name])
        )
        print(
            f"{name:<18}{len(times):>9}{errors:>8}{pct(times, 50):>9.1f}{pct(times, 95):>9.1f}"
            f"{pct(times, 99):>9.1f}{statistics.fmean(times) * 1000:>9.1f}"
        )
    print(
        f"\nthroughput: {len(every) / seconds:.1f} pages/s over {seconds:.0f} s; load average {os.getloadavg()}"
    )
    for name, errors in results.errors.items():
        for error in errors[:5]:
            print(f"error on {name}: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between a user's pages")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--warmup", type=float, default=15, help="seconds of load before measuring")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"database: {django.db.connection.vendor}, {django.db.connection.settings_dict['NAME']}")
    user_plans = plans(args.users, per_user=20, seed=args.seed)
    # Every run starts cold: the dashboard figures of an earlier run (kept five minutes) would
    # otherwise make a second run look faster than the first.
    from django.core.cache import cache

    cache.clear()
    django.db.connections.close_all()
    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.users) as pool:
            sessions = list(pool.map(lambda p: sign_in(base, p.username), user_plans))
        print(f"{len(sessions)} users signed in in {time.perf_counter() - started:.1f} s")
        if args.warmup:
            warm = Results()
            until = time.monotonic() + args.warmup
            with ThreadPoolExecutor(max_workers=args.users) as pool:
                list(
                    pool.map(
                        lambda ps: walk(base, ps[0], ps[1], until, args.think, warm),
                        zip(user_plans, sessions, strict=True),
                    )
                )
        results = Results()
        until = time.monotonic() + args.seconds
        with ThreadPoolExecutor(max_workers=args.users) as pool:
            list(
                pool.map(
                    lambda ps: walk(base, ps[0], ps[1], until, args.think, results),
                    zip(user_plans, sessions, strict=True),
                )
            )
        report(results, args.seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
