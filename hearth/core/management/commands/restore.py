"""`hearth restore IN`: put back a `hearth backup` archive (see hearth.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.backup import BackupError, media_count, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and media root."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="An archive written by `hearth backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the tables and uploaded files already there (they are lost).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(
                options["archive"], media_root=Path(settings.MEDIA_ROOT), force=options["force"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = media_count(manifest)
        self.stdout.write(
            f"Restored the {manifest['database_vendor']} database and {media} uploaded files "
            f"(backup of {manifest['created_at']}, Hearth {manifest['hearth_version']})."
        )
