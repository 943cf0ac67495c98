"""Keeping the search keys current.

Saving a client or an alias through the ORM re-indexes that client (see hearth.clients.signals);
code that writes clients in bulk (imports, generators, merges) calls ``index_clients`` for the
records it wrote, and ``hearth rebuild_search_keys`` rebuilds the whole index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from hearth.clients import names
from hearth.clients.models import Client, ClientAlias, ClientSearchKey
from hearth.clients.search.keys import PersonForm, record_keys

_FIELDS = ("pk", "first_name", "middle_name", "last_name", "dob", "ssn")
# From this many clients on, index_clients reads the records by ranges and loads the keys in bulk.
BULK_CLIENTS = 50_000


def _forms_by_client(
    rows: list[dict[str, Any]], *, pk_range: tuple[int, int] | None = None
) -> dict[int, list[PersonForm]]:
    """Each client's forms (legal name, then aliases); ``pk_range`` reads the aliases of a run of
    consecutive records by range rather than by a long list of ids."""
    forms: dict[int, list[PersonForm]] = {}
    for row in rows:
        forms[row["pk"]] = [
            PersonForm(
                first=names.tokens(row["first_name"]),
                last=names.tokens(row["last_name"]),
                middle=names.tokens(row["middle_name"]),
                dob=row["dob"],
                ssn=row["ssn"] or "",
            )
        ]
    alias_rows = (
        ClientAlias.objects.filter(client_id__gte=pk_range[0], client_id__lte=pk_range[1])
        if pk_range
        else ClientAlias.objects.filter(client_id__in=forms.keys())
    )
    aliases = alias_rows.values_list("client_id", "first_name", "middle_name", "last_name")
    for client_id, first, middle, last in aliases:
        if client_id not in forms:
            continue
        base = forms[client_id][0]
        forms[client_id].append(
            PersonForm(
                first=names.tokens(first) or base.first,
                last=names.tokens(last) or base.last,
                middle=names.tokens(middle),
                dob=base.dob,
                ssn=base.ssn,
            )
        )
    return forms


def keys_for(client_ids: Iterable[int]) -> dict[int, set[int]]:
    rows = list(Client.all_objects.filter(pk__in=list(client_ids)).values(*_FIELDS))
    return {pk: record_keys(forms) for pk, forms in _forms_by_client(rows).items()}


def _insert(pairs: list[tuple[int, int]]) -> None:
    if not pairs:
        return
    table = connection.ops.quote_name(ClientSearchKey._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} (key, client_pk) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for pair in pairs:
                    copy.write_row(pair)
        else:
            cursor.executemany(f"INSERT INTO {table} (key, client_pk) VALUES (%s, %s)", pairs)  # noqa: S608


def index_clients(client_ids: Iterable[int]) -> None:
    """Recompute the keys of these clients (live, merged or deleted alike)."""
    ids = sorted(set(client_ids))
    if not ids:
        return
    if len(ids) >= BULK_CLIENTS:
        _index_many(ids)
        return
    with transaction.atomic():
        for start in range(0, len(ids), 2000):
            chunk = ids[start : start + 2000]
            ClientSearchKey.objects.filter(client_pk__in=chunk).delete()
            computed = keys_for(chunk)
            _insert([(key, pk) for pk, keys in computed.items() for key in keys])


def _index_many(ids: list[int]) -> None:
    """Index many clients (an import, a demo load): their records are read in key order by
    ranges, and into an empty index the keys are loaded without its indexes (see
    ``_indexes_set_aside``)."""
    with transaction.atomic():
        empty = not ClientSearchKey.objects.exists()
        if not empty:
            for start in range(0, len(ids), 5000):
                ClientSearchKey.objects.filter(client_pk__in=ids[start : start + 5000]).delete()
        with _indexes_set_aside(empty):
            for start in range(0, len(ids), 20_000):
                chunk = ids[start : start + 20_000]
                wanted = set(chunk)
                rows = [
                    row
                    for row in Client.all_objects.filter(pk__gte=chunk[0], pk__lte=chunk[-1])
                    .order_by("pk")
                    .values(*_FIELDS)
                    if row["pk"] in wanted
                ]
                forms = _forms_by_client(rows, pk_range=(chunk[0], chunk[-1]))
                _insert(
                    [(key, pk) for pk, client_forms in forms.items() for key in record_keys(client_forms)]
                )


@contextmanager
def _indexes_set_aside(empty: bool) -> Iterator[None]:
    """Into an empty index on PostgreSQL, load the rows first and build the primary key and the
    client index once at the end: one sort each, instead of millions of inserts at random places
    of two B-trees (the keys are hashes). Inside the caller's transaction, so a failure restores
    them; the table is locked meanwhile, which only bulk loads and rebuilds do. SQLite cannot
    drop a primary key; its loads keep the indexes."""
    if not empty or connection.vendor != "postgresql":
        yield
        return
    table = ClientSearchKey._meta.db_table
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p'",
            [quoted],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s",
            [table],
        )
        kept = {name for name, _ in constraints}
        indexes = [(name, definition) for name, definition in cursor.fetchall() if name not in kept]
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        for name, _ in constraints:
            cursor.execute(f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for name, definition in constraints:
            cursor.execute(
                f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.execute(f"ANALYZE {quoted}")


def _batches(batch_size: int) -> Iterator[list[dict[str, Any]]]:
    last_pk = 0
    while True:
        rows = list(Client.all_objects.filter(pk__gt=last_pk).order_by("pk").values(*_FIELDS)[:batch_size])
        if not rows:
            return
        yield rows
        last_pk = rows[-1]["pk"]


def rebuild_all(*, batch_size: int = 20_000, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index; returns the number of clients indexed."""
    done = 0
    with transaction.atomic():
        table = connection.ops.quote_name(ClientSearchKey._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # Keys arrive in hash order, i.e. scattered over the whole index: keep the index
                # pages in memory (1 GiB) so each insert does not go to disk.
                cursor.execute("PRAGMA cache_size = -1048576")
            # TRUNCATE empties a PostgreSQL table at once (and still rolls back with the rest).
            verb = "TRUNCATE" if connection.vendor == "postgresql" else "DELETE FROM"
            cursor.execute(f"{verb} {table}")
        with _indexes_set_aside(True):
            for rows in _batches(batch_size):
                forms = _forms_by_client(rows, pk_range=(rows[0]["pk"], rows[-1]["pk"]))
                pairs = [(key, pk) for pk, client_forms in forms.items() for key in record_keys(client_forms)]
                _insert(pairs)
                done += len(rows)
                if progress:
                    progress(done)
    return done


def key_counts() -> dict[str, int]:
    """Rows and distinct clients in the index, for the rebuild command's report."""
    counts: dict[str, int] = defaultdict(int)
    counts["rows"] = ClientSearchKey.objects.count()
    counts["clients"] = ClientSearchKey.objects.values("client_pk").distinct().count()
    return dict(counts)
