"""`hearth backup OUT`: the database and the uploaded files in one archive (see hearth.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.core.backup import BackupError, create_backup, media_count


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (MEDIA_ROOT) into one archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", type=Path, help="The archive to write (a new file, e.g. hearth.tar.gz).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = create_backup(options["out"], media_root=Path(settings.MEDIA_ROOT))
        except BackupError as error:
            raise CommandError(str(error)) from error
        media = media_count(manifest)
        self.stdout.write(
            f"Backed up the {manifest['database_vendor']} database and {media} uploaded files "
            f"to {options['out']}."
        )
