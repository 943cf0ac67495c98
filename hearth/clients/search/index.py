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
            _legal_form(row["first_name"], row["middle_name"], row["last_name"], row["dob"], row["ssn"])
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
                first=names.record_tokens(first) or base.first,
                last=names.record_tokens(last) or base.last,
                middle=names.tokens(middle),
                dob=base.dob,
                ssn=base.ssn,
            )
        )
    return forms


def _legal_form(
    first: str | None, middle: str | None, last: str | None, dob: Any, ssn: str | None
) -> PersonForm:
    return PersonForm(
        first=names.record_tokens(first),
        last=names.record_tokens(last),
        middle=names.tokens(middle),
        dob=dob,
        ssn=ssn or "",
    )


def new_client_pairs(
    clients: Iterable[tuple[int, str | None, str | None, str | None, Any, str | None]],
) -> Iterator[tuple[int, int]]:
    """(key, client pk) of clients just created, from (pk, first, middle, last, dob, ssn): the
    keys ``index_clients`` would store for them (a new record has no aliases yet). Needs no
    database, so an import can compute them in another process while it writes other files."""
    for pk, first, middle, last, dob, ssn in clients:
        for key in record_keys([_legal_form(first, middle, last, dob, ssn)]):
            yield key, pk


def keys_for(client_ids: Iterable[int]) -> dict[int, set[int]]:
    rows = list(Client.all_objects.filter(pk__in=list(client_ids)).values(*_FIELDS))
    return {pk: record_keys(forms) for pk, forms in _forms_by_client(rows).items()}


def _insert(pairs: list[tuple[int, int]], table_name: str | None = None) -> None:
    if not pairs:
        return
    table = connection.ops.quote_name(table_name or ClientSearchKey._meta.db_table)
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
    ``_bulk_load``)."""
    with transaction.atomic():
        empty = is_empty()
        if not empty:
            for start in range(0, len(ids), 5000):
                ClientSearchKey.objects.filter(client_pk__in=ids[start : start + 5000]).delete()
        with _bulk_load(empty) as insert:
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
                insert([(key, pk) for pk, client_forms in forms.items() for key in record_keys(client_forms)])


STAGING = "clients_search_key_load"


@contextmanager
def _bulk_load(empty: bool) -> Iterator[Callable[[list[tuple[int, int]]], None]]:
    """The insert to use for many keys (see ``bulk_target``)."""
    with bulk_target(empty) as table:
        yield lambda pairs: _insert(pairs, table)


def is_empty() -> bool:
    return not ClientSearchKey.objects.exists()


@contextmanager
def bulk_target(empty: bool) -> Iterator[str]:
    """The table to insert many (key, client_pk) rows into. Into an empty index the keys are hashes, so inserting them
    as they come means millions of writes at random places of two B-trees; instead each index is
    built once, by one sort, after the rows are in. PostgreSQL drops the primary key and the client
    index for the load and adds them back; SQLite (which cannot drop a primary key) collects the
    keys in a staging table and copies them over in key order, with the client index dropped
    meanwhile. All inside the caller's transaction, so a failure restores the indexes; the table
    is locked meanwhile, which only bulk loads and rebuilds do."""
    table = ClientSearchKey._meta.db_table
    if not empty:
        yield table
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    # Secondary indexes (and on PostgreSQL the primary key) with the statements that restore them.
    dropped: list[str] = []
    restore: list[str] = []
    with connection.cursor() as cursor:
        for name, info in constraints.items():
            if info["primary_key"] and connection.vendor == "postgresql":
                columns = ", ".join(quote(c) for c in info["columns"])
                dropped.append(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
                restore.insert(
                    0, f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} PRIMARY KEY ({columns})"
                )
            elif info["index"] and not info["unique"] and not info["primary_key"]:
                columns = ", ".join(quote(c) for c in info["columns"])
                dropped.append(f"DROP INDEX {quote(name)}")
                restore.append(f"CREATE INDEX {quote(name)} ON {quote(table)} ({columns})")
        for statement in dropped:
            cursor.execute(statement)
    if connection.vendor == "postgresql":
        yield table
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMP TABLE {STAGING} (key INTEGER NOT NULL, client_pk INTEGER NOT NULL)")
        try:
            yield STAGING
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {quote(table)} (key, client_pk) "  # noqa: S608
                    f"SELECT key, client_pk FROM {STAGING} ORDER BY key, client_pk"
                )
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in restore:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {quote(table)}")


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
                # pages in memory (256 MiB) while the keys are sorted into place.
                cursor.execute("PRAGMA cache_size = -262144")
            # TRUNCATE empties a PostgreSQL table at once (and still rolls back with the rest).
            verb = "TRUNCATE" if connection.vendor == "postgresql" else "DELETE FROM"
            cursor.execute(f"{verb} {table}")
        with _bulk_load(True) as insert:
            for rows in _batches(batch_size):
                forms = _forms_by_client(rows, pk_range=(rows[0]["pk"], rows[-1]["pk"]))
                insert([(key, pk) for pk, client_forms in forms.items() for key in record_keys(client_forms)])
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
