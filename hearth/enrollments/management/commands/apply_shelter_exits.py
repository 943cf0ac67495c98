"""Write the exits of night-by-night shelter stays that have gone without a bed night for the
program's number of nights. Meant for a nightly schedule; Hearth treats those stays as exited even
when it has not run, and running it late (or twice) writes the same exit dates."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hearth.enrollments.services import apply_shelter_exits


class Command(BaseCommand):
    help = "Exit night-by-night shelter guests who have not had a bed night for the configured nights."

    def handle(self, *args: Any, **options: Any) -> None:
        created = apply_shelter_exits()
        self.stdout.write(f"{len(created)} shelter stay(s) exited.")
