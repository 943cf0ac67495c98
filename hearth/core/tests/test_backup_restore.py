"""`hearth backup` and `hearth restore` (hearth.core.backup)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from hearth.core import clock
from hearth.enrollments.models import ClientFile
from hearth.testing.factories import ClientFactory, EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def site(media_root):
    """Clients with enrollments and one uploaded file."""
    clients = ClientFactory.create_batch(3)
    enrollments = [EnrollmentFactory(client=c) for c in clients]
    record = ClientFile(
        client=clients[0],
        uploaded_by=UserFactory(),
        uploaded_at=clock.now(),
        original_name="letter.pdf",
        content_type="application/pdf",
        size=11,
        sha256="x" * 64,
    )
    record.file.save("letter.pdf", ContentFile(b"%PDF-letter"), save=False)
    record.save()
    return {"clients": clients, "enrollments": enrollments, "file": record}


@dataclass
class EmptySite:
    """A second, empty database of the same vendor and an empty media root, and how to reach them."""

    database_url: str
    media_root: Path
    connect: Callable[[], Any]

    def restore(self, archive: Path, *extra: str) -> subprocess.CompletedProcess[str]:
        """`hearth restore` as an operator runs it, configured by environment for this site."""
        env = {**os.environ, "DATABASE_URL": self.database_url, "HEARTH_MEDIA_ROOT": str(self.media_root)}
        command = [sys.executable, "-m", "hearth", "restore", str(archive), *extra]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)

    def ids(self, table: str) -> set[int]:
        raw = self.connect()
        try:
            cursor = raw.cursor()
            cursor.execute(f'SELECT id FROM "{table}"')
            return {row[0] for row in cursor.fetchall()}
        finally:
            raw.close()


@pytest.fixture
def empty_site(tmp_path):
    if connection.vendor == "postgresql":
        import psycopg

        name = f"test_hearth_restore_{uuid.uuid4().hex[:8]}"
        db = connection.settings_dict
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
        yield EmptySite(url, tmp_path / "restored-media", lambda: psycopg.connect(url))
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "restored.sqlite3"
        yield EmptySite(f"sqlite:///{path}", tmp_path / "restored-media", lambda: sqlite3.connect(path))


def _ids(table: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT id FROM "{table}"')
        return {row[0] for row in cursor.fetchall()}


def test_it_restores_every_record_and_file_into_an_empty_database(site, tmp_path, empty_site):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    result = empty_site.restore(archive)
    assert result.returncode == 0, result.stderr
    assert f"Restored the {connection.vendor} database and 1 uploaded files" in result.stdout
    client_table = site["clients"][0]._meta.db_table
    enrollment_table = site["enrollments"][0]._meta.db_table
    assert empty_site.ids(client_table) == _ids(client_table)
    assert {c.pk for c in site["clients"]} <= empty_site.ids(client_table)
    assert empty_site.ids(enrollment_table) == {e.pk for e in site["enrollments"]}
    assert empty_site.ids(ClientFile._meta.db_table) == {site["file"].pk}
    assert (empty_site.media_root / site["file"].file.name).read_bytes() == b"%PDF-letter"


def test_it_refuses_to_restore_into_a_database_that_has_tables(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty.*--force"):
        call_command("restore", str(archive))


def test_it_replaces_the_data_with_force(site, media_root, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    kept = {c.pk for c in site["clients"]}
    ClientFactory()
    (media_root / "stray.txt").write_text("not in the backup")
    call_command("restore", str(archive), "--force")
    client_table = site["clients"][0]._meta.db_table
    assert _ids(client_table) == kept
    assert not (media_root / "stray.txt").exists()
    assert (media_root / site["file"].file.name).read_bytes() == b"%PDF-letter"


def test_it_refuses_a_damaged_archive(site, tmp_path, empty_site):
    import tarfile

    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    media_file = next((unpacked / "media").rglob("*"))
    while media_file.is_dir():
        media_file = next(media_file.iterdir())
    media_file.write_bytes(b"tampered")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for item in unpacked.iterdir():
            tar.add(item, arcname=item.name)
    result = empty_site.restore(damaged)
    assert result.returncode != 0 and "does not match its checksum" in result.stderr
    with pytest.raises(Exception, match="client"):
        empty_site.ids(ClientFactory._meta.model._meta.db_table)


def test_it_refuses_to_overwrite_an_existing_archive(site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    archive.write_text("")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive))
