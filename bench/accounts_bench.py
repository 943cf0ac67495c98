"""Account rules benchmark: the nightly pass, the academy CSV import and the sign-in check.

    .venv/bin/python bench/accounts_bench.py --users 20000 --rows 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_accounts .venv/bin/python bench/accounts_bench.py

Uses a fresh SQLite file under var/bench/ unless DATABASE_URL is set (that database is migrated
and its accounts tables emptied first). Generates --users staff accounts spread over 120 days of
last sign-ins (a fifth locked, some reactivated), then times:

- ``apply_account_rules`` over all of them (reminders go to Django's in-memory mail backend);
- importing an academy CSV of --rows completions (all new; every series completion queues a request);
- ``check_sign_in`` with the production Argon2 hasher (right and wrong passwords).

Prints wall time and the process's peak memory (getrusage maxrss) after each step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
if not os.environ.get("DATABASE_URL"):
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    target = ROOT / "var" / "bench" / "accounts.sqlite3"
    target.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{target}"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from hearth.accounts.models import AccountRequest, SignInAttempt, TrainingCompletion, TrainingUpload, User  # noqa: E402
from hearth.accounts.services.rules import apply_account_rules  # noqa: E402
from hearth.accounts.services.sign_in import check_sign_in  # noqa: E402
from hearth.accounts.services.training import completions_import  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(label: str, started: float, extra: str = "") -> None:
    print(f"{label:<44} {time.perf_counter() - started:8.2f} s   peak {peak_mb():7.1f} MB   {extra}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20000)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--sign-ins", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(7)
    call_command("migrate", verbosity=0)
    TrainingCompletion.objects.all().delete()
    AccountRequest.objects.all().delete()
    TrainingUpload.objects.all().delete()
    SignInAttempt.objects.all().delete()

    started = time.perf_counter()
    now = timezone.now()
    password = make_password("bench-pass-2031")  # Argon2, as in production
    users = []
    for n in range(args.users):
        last = now - dt.timedelta(days=rng.uniform(0, 120))
        users.append(
            User(
                username=f"bench{n}",
                email=f"bench{n}@agency.example",
                password=password,
                last_login=last,
                date_joined=last - dt.timedelta(days=30),
                locked_at=now - dt.timedelta(minutes=rng.uniform(0, 120)) if n % 5 == 0 else None,
                reactivated_at=now - dt.timedelta(hours=rng.uniform(0, 30)) if n % 17 == 0 else None,
            )
        )
    User.objects.filter(username__startswith="bench").delete()
    User.objects.bulk_create(users, batch_size=2000)
    report(f"generate {args.users} users", started)

    admin = User.objects.create(username=f"bench-admin-{int(time.time())}", role="hmis_admin", last_login=now)
    started = time.perf_counter()
    first = apply_account_rules()
    report("apply_account_rules (first pass)", started, f"{first}")
    started = time.perf_counter()
    second = apply_account_rules()
    report("apply_account_rules (second pass)", started, f"{second}")

    courses = ["Families", "Street Outreach", "Individuals/Youth", "RETAKE"]
    lines = ["first_name,last_name,email,employer,course,completed_on"]
    for n in range(args.rows):
        lines.append(
            f"First{n},Last{n},trainee{n}@academy.example,Agency {n % 40},{courses[n % 4]},2026-0{1 + n % 9}-1{n % 9}"
        )
    data = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    result = completions_import(data=data, file_name="bench.csv", actor=admin)
    report(
        f"import academy CSV ({args.rows} rows)",
        started,
        f"added {result.added}, queued {result.requests_queued}",
    )

    started = time.perf_counter()
    for n in range(args.sign_ins):
        check_sign_in(username=f"bench{n * 7 + 1}", password="bench-pass-2031", ip_address="10.0.0.1")
    per = (time.perf_counter() - started) / args.sign_ins * 1000
    report(f"check_sign_in x{args.sign_ins} (right password)", started, f"{per:.1f} ms each")
    started = time.perf_counter()
    for n in range(args.sign_ins):
        check_sign_in(username=f"bench{n * 7 + 2}", password="wrong-pass-1", ip_address=f"10.0.1.{n % 250}")
    per = (time.perf_counter() - started) / args.sign_ins * 1000
    report(f"check_sign_in x{args.sign_ins} (wrong password)", started, f"{per:.1f} ms each")


if __name__ == "__main__":
    main()
