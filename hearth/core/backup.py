"""Backup and restore of a whole Hearth site: the database and the uploaded files in one archive.

The archive is a tar file holding ``manifest.json``, the database (``database.pgdump``, pg_dump's
custom format, on PostgreSQL; ``database.sqlite3``, a copy made with SQLite's online backup API,
on SQLite) and every file under MEDIA_ROOT as ``media/<path>``. The manifest records the format
version, the Hearth version, the database vendor and a SHA-256 for every member, and a restore
checks all of them before it touches anything.

A restore goes into an empty database (no tables) and an empty media root, unless ``force``:
then the tables and files there are replaced.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.db import connections

from hearth.core import clock

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


def media_count(manifest: dict[str, Any]) -> int:
    """How many uploaded files an archive holds, for the commands' closing line."""
    return sum(1 for name in manifest["files"] if name.startswith(MEDIA_PREFIX))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hearth_version() -> str:
    try:
        return importlib.metadata.version("hearth")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore; the password goes by environment, never argv."""
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    # The command is pg_dump or pg_restore with arguments from settings, never from a request.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(alias: str, work: Path) -> Path:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        out = work / PG_DUMP
        args, env = _pg_env(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(out), *args], env, "pg_dump")
        return out
    if connection.vendor == "sqlite":
        out = work / SQLITE_COPY
        connection.ensure_connection()
        target = sqlite3.connect(out)
        try:
            # The online backup API copies a consistent snapshot while the site keeps running.
            connection.connection.backup(target)
        finally:
            target.close()
        return out
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def create_backup(out: Path, *, media_root: Path, alias: str = "default") -> dict[str, Any]:
    """Write the archive to ``out``; returns its manifest."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} already exists; choose a new file name.")
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory(prefix="hearth-backup-") as tmp:
        database = _dump_database(alias, Path(tmp))
        media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        members = {database.name: _sha256(database)}
        for path in media:
            members[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = _sha256(path)
        manifest = {
            "format_version": FORMAT_VERSION,
            "hearth_version": _hearth_version(),
            "database_vendor": connections[alias].vendor,
            "created_at": clock.now().isoformat(),
            "files": members,
        }
        manifest_path = Path(tmp) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            archive.add(database, arcname=database.name)
            for path in media:
                archive.add(path, arcname=MEDIA_PREFIX + path.relative_to(media_root).as_posix())
        partial.rename(out)
    return manifest


def _read_archive(archive_path: Path, into: Path) -> dict[str, Any]:
    """Unpack and check the archive: manifest, format version and every member's checksum."""
    if not archive_path.is_file():
        raise BackupError(f"{archive_path}: no such file.")
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{archive_path}: not a Hearth backup archive ({error}).") from error
    manifest_path = into / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{archive_path}: no {MANIFEST}; not a Hearth backup archive.")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text())
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive_path}: backup format {manifest.get('format_version')!r}; "
            f"this Hearth reads format {FORMAT_VERSION}."
        )
    for name, expected in manifest["files"].items():
        member = into / name
        if not member.is_file():
            raise BackupError(f"{archive_path}: {name} is listed in the manifest but missing.")
        if _sha256(member) != expected:
            raise BackupError(f"{archive_path}: {name} does not match its checksum; the archive is damaged.")
    return manifest


def _tables(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return list(connection.introspection.table_names(cursor))


def _clear_database(alias: str) -> None:
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for name in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE IF EXISTS "{name}"')


def _restore_database(alias: str, manifest: dict[str, Any], work: Path) -> None:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                *args,
                str(work / PG_DUMP),
            ],
            env,
            "pg_restore",
        )
        return
    connection.ensure_connection()
    source = sqlite3.connect(work / SQLITE_COPY)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def restore_backup(
    archive_path: Path, *, media_root: Path, alias: str = "default", force: bool = False
) -> dict[str, Any]:
    """Restore the archive into the database ``alias`` and ``media_root``; returns its manifest."""
    archive_path = Path(archive_path)
    media_root = Path(media_root)
    connection = connections[alias]
    with tempfile.TemporaryDirectory(prefix="hearth-restore-") as tmp:
        work = Path(tmp)
        manifest = _read_archive(archive_path, work)
        if manifest["database_vendor"] != connection.vendor:
            raise BackupError(
                f"{archive_path} holds a {manifest['database_vendor']} database; "
                f"this site uses {connection.vendor}."
            )
        tables = _tables(alias)
        files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
        if (tables or files) and not force:
            raise BackupError(
                "The database or media root is not empty "
                f"({len(tables)} tables, {len(files)} files in {media_root}); restore into an empty "
                "database, or use --force to replace what is there."
            )
        if tables:
            _clear_database(alias)
        _restore_database(alias, manifest, work)
        if media_root.is_dir():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True, exist_ok=True)
        source_media = work / MEDIA_PREFIX
        if source_media.is_dir():
            shutil.copytree(source_media, media_root, dirs_exist_ok=True)
    return manifest
