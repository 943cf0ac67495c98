"""``hearth rebuild_search_keys``: rebuild the client search index from the client records.

Single saves keep the index current; run this after writing clients in bulk outside the client
services (a bulk import, demo data) or to repair the index.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from hearth.clients.search.index import key_counts, rebuild_all


class Command(BaseCommand):
    help = "Rebuild the client search index (blocking keys) for every client record."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        verbosity = options["verbosity"]

        def progress(done: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"  {done:,} clients indexed")

        total = rebuild_all(progress=progress)
        counts = key_counts() if verbosity > 0 else {}
        self.stdout.write(
            f"Indexed {total:,} clients in {time.perf_counter() - started:.1f} s"
            + (f" ({counts['rows']:,} keys)." if counts else ".")
        )
