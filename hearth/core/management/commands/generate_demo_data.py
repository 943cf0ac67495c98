"""``hearth generate_demo_data --clients N --seed S``: a synthetic CoC for demonstrations,
development and benchmarks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.demo import DEFAULT_TODAY, DemoDataError, generate


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today must be a date like 2026-09-30, not {text!r}.") from None


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic Continuum of Care: agencies, projects of every HUD "
        "project type (with CoC, funder and inventory records), households with HUD-conformant "
        "enrollments, exits, bed nights, income, health, disability and contact records, a share of "
        "data-quality defects and a share of duplicate client records. The same --seed (and --today) "
        "always gives the same data. The truth about duplicates is kept in the non-HUD table "
        "core_demo_person (model hearth.core.models.DemoPerson): one row per Client record with "
        "client_id, personal_id and person_key; records with equal person_key are the same person, "
        "is_duplicate marks the later records and corruptions lists how each record differs from "
        "the truth (a duplicate's mistakes, or an original's data-quality defect)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--clients", type=int, default=2000, help="Client records to make (default 2000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--duplicate-rate",
            type=float,
            default=0.05,
            help="Share of Client records that are another record's duplicate (default 0.05).",
        )
        parser.add_argument(
            "--dq-defect-rate",
            type=float,
            default=0.05,
            help="Share of records with a data-quality defect: missing or partial SSN/DOB/name, "
            "8/9/99 answers (default 0.05).",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=DEFAULT_TODAY,
            help=f"The day the data ends; nothing is dated after it (default {DEFAULT_TODAY}).",
        )
        parser.add_argument(
            "--allow-existing",
            action="store_true",
            help="Add to a database that already holds client records (new agencies and people).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            if verbosity >= 2:
                self.stderr.write(f"  {done:,} of {total:,} clients")

        try:
            result = generate(
                clients=options["clients"],
                seed=options["seed"],
                duplicate_rate=options["duplicate_rate"],
                dq_defect_rate=options["dq_defect_rate"],
                today=options["today"],
                using=options.get("database") or "default",
                allow_existing=options["allow_existing"],
                progress=progress,
            )
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        if verbosity >= 1:
            self.stdout.write(
                f"Demo data: {result.clients:,} clients, {result.total_rows:,} rows in {result.seconds:.1f} s"
                f" (of which the client search index {result.index_seconds:.1f} s)."
            )
            for table, count in sorted(result.rows.items()):
                self.stdout.write(f"  {table:<32} {count:>12,}")
