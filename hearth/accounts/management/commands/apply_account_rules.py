"""Apply the account rules: reminders, state changes into the audit trail, expired locks.

Run nightly (cron: `15 0 * * * hearth apply_account_rules`). Sign-in enforces the rules without it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from hearth.accounts.services.rules import apply_account_rules
from hearth.support.services import tickets_autoclose


class Command(BaseCommand):
    help = "Apply the account lifecycle rules (for a nightly schedule)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = apply_account_rules()
        closed = tickets_autoclose()
        self.stdout.write(
            f"Checked {report.checked} accounts: {report.reminders} reminder(s) sent, "
            f"{report.state_changes} change(s) of state recorded, {report.locks_cleared} expired lock(s) cleared, "
            f"{report.attempts_pruned} old sign-in attempt(s) pruned; {closed} resolved ticket(s) closed."
        )
