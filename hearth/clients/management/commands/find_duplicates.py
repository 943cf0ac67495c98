"""``hearth find_duplicates [--output pairs.csv]``: score likely duplicate client records.

Scores every plausible pair of live client records with Splink on DuckDB, writes the pairs at or
above the review threshold to ``--output`` (personal_id_a, personal_id_b, match_probability, match
weight and the evidence of each comparison) and fills the administrators' review queue at
/clients/duplicates/. Pairs staff already marked (different people, same person, merged) are
never proposed again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.clients.duplicates import AUTO_LINK_THRESHOLD, REVIEW_THRESHOLD, find_duplicates


class Command(BaseCommand):
    help = "Find likely duplicate client records (Splink on DuckDB) and fill the review queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Also write the pairs to this CSV file.")
        parser.add_argument(
            "--threshold",
            type=float,
            default=REVIEW_THRESHOLD,
            help=f"Lowest match probability to propose (default {REVIEW_THRESHOLD}).",
        )
        parser.add_argument(
            "--no-queue", action="store_true", help="Only write the CSV; leave the queue alone."
        )
        parser.add_argument(
            "--priors-only",
            action="store_true",
            help="Keep the model's starting m probabilities instead of learning them from this "
            "database by expectation maximisation (faster; for comparison).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold = options["threshold"]
        if not 0 < threshold < 1:
            raise CommandError("--threshold must be between 0 and 1.")
        output: Path | None = options["output"]
        if output is not None and not output.parent.exists():
            raise CommandError(f"--output: the folder {output.parent} does not exist.")
        if options["no_queue"] and output is None:
            raise CommandError("--no-queue needs --output, or the pairs would go nowhere.")
        run = find_duplicates(
            output=output,
            review_threshold=threshold,
            fill_queue=not options["no_queue"],
            learn=not options["priors_only"],
        )
        self.stdout.write(
            f"{run.clients:,} live clients; {run.pairs:,} likely duplicate pairs "
            f"({run.auto_link:,} at or above {AUTO_LINK_THRESHOLD}); "
            f"{run.skipped_decided:,} already decided by staff, skipped."
        )
        if not options["no_queue"]:
            self.stdout.write(f"Review queue: {run.queued:,} open pairs.")
        if output is not None:
            self.stdout.write(f"Pairs written to {output}.")
        self.stdout.write(f"Model: {run.model}.")
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in run.timings.items())
        self.stdout.write(f"Took {run.seconds:.1f} s ({timings}); peak memory {run.peak_memory_mb:,.0f} MB.")
