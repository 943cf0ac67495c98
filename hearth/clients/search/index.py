"""Keeping the search keys current.

Saving a client or an alias through the ORM re-indexes that client (see hearth.clients.signals);
code that writes clients in bulk (imports, generators, merges) calls ``index_clients`` for the
records it wrote, and ``hearth rebuild_search_keys`` rebuilds the whole index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import connection, transaction

from hearth.clients import names
from hearth.clients.models import Client, ClientAlias, ClientSearchKey
from hearth.clients.search.keys import PersonForm, record_keys

_FIELDS = ("pk", "first_name", "middle_name", "last_name", "dob", "ssn")


def _forms_by_client(rows: list[dict[str, Any]]) -> dict[int, list[PersonForm]]:
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
    aliases = ClientAlias.objects.filter(client_id__in=forms.keys()).values_list(
        "client_id", "first_name", "middle_name", "last_name"
    )
    for client_id, first, middle, last in aliases:
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
    with transaction.atomic():
        for start in range(0, len(ids), 2000):
            chunk = ids[start : start + 2000]
            ClientSearchKey.objects.filter(client_pk__in=chunk).delete()
            computed = keys_for(chunk)
            _insert([(key, pk) for pk, keys in computed.items() for key in keys])


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
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        for rows in _batches(batch_size):
            forms = _forms_by_client(rows)
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
