"""Running a search: look the query's keys up, gather the candidates the user may see, score them.

The work per query is bounded whatever the size of the database: each key reads at most a fixed
number of index entries (``KIND_LIMITS``), at most ``MAX_CANDIDATES`` records are scored, and
every step is a single indexed query.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from hearth.clients import names
from hearth.clients.access import clients_for_user, sees_all_clients
from hearth.clients.models import Client, ClientAlias, ClientSearchKey
from hearth.clients.search.keys import KIND_LIMITS, KIND_WEIGHTS, PersonForm, query_keys
from hearth.clients.search.query import SearchQuery
from hearth.clients.search.score import Candidate, score

MAX_CANDIDATES = 150
# A name word or sound alone matters most when the query has nothing else; with a date of birth or
# an SSN, the stronger keys find the person and these only need to fill in a few candidates.
WEAK_KINDS = {"t", "p"}
WEAK_LIMIT_WITH_FACTS = 100
IDENTIFIER_REASON = "Record identifier matches"
MERGED_IDENTIFIER_REASON = "Identifier of a record merged into this one"
_FORM_FIELDS = (
    "pk", "first_name", "middle_name", "last_name", "name_data_quality", "dob", "dob_data_quality", "ssn",
    "date_deleted", "merged_into_id",
)  # fmt: skip


@dataclass
class SearchResult:
    client: Client
    score: int
    reasons: list[str] = field(default_factory=list)


def search_clients(
    *, user: Any, query: SearchQuery, limit: int = 25, min_score: int = 20
) -> list[SearchResult]:
    """Ranked records the user may see that may be the person described by ``query``."""
    if query.is_empty or not user.is_authenticated:
        return []
    prescore = _candidates_from_keys(query)
    if not sees_all_clients(user):
        # Before the cut to the best candidates, or a user who sees few records would lose theirs
        # behind others' records with the same common name.
        prescore = _visible_only(user, prescore)
    identifier_hits = _identifier_hits(query.identifiers)
    ranked_ids = heapq.nsmallest(MAX_CANDIDATES, prescore, key=lambda pk: (-prescore[pk], pk))
    rows = _load_forms({*ranked_ids, *identifier_hits})
    live = _resolve_to_live(rows)
    if not sees_all_clients(user):
        visible = set(clients_for_user(user).filter(pk__in=set(live.values())).values_list("pk", flat=True))
        live = {pk: target for pk, target in live.items() if target in visible}
    candidates = _build_candidates(rows, live)
    scored: dict[int, tuple[int, list[str]]] = {}
    for pk, candidate in candidates.items():
        scored[pk] = score(query, candidate)
    for hit_pk in identifier_hits:
        target = live.get(hit_pk)
        if target is None:
            continue
        reason = IDENTIFIER_REASON if target == hit_pk else MERGED_IDENTIFIER_REASON
        _, reasons = scored.get(target, (0, []))
        scored[target] = (100, [reason, *[r for r in reasons if r != reason]])
    best = sorted(
        (item for item in scored.items() if item[1][0] >= min_score),
        key=lambda item: (-item[1][0], -prescore.get(item[0], 0.0), item[0]),
    )[:limit]
    clients = Client.objects.in_bulk([pk for pk, _ in best])
    return [SearchResult(clients[pk], value, reasons) for pk, (value, reasons) in best if pk in clients]


def _candidates_from_keys(query: SearchQuery) -> dict[int, float]:
    keys = query_keys(query)
    if not keys:
        return {}
    table = connection.ops.quote_name(ClientSearchKey._meta.db_table)
    has_facts = bool(query.dob or query.ssn or query.last4)
    parts, params = [], []
    # One indexed lookup per key, each capped, in a single round trip (only integers are interpolated).
    for n, (key, kind) in enumerate(keys.items()):
        limit = int(KIND_LIMITS[kind] if kind not in WEAK_KINDS or not has_facts else WEAK_LIMIT_WITH_FACTS)
        lookup = f"SELECT key, client_pk FROM {table} WHERE key = %s LIMIT {limit}"  # noqa: S608
        parts.append(f"SELECT * FROM ({lookup}) AS k{n}")  # noqa: S608
        params.append(key)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    # A record scores each kind of key once: two name-sound pairs are not twice the evidence.
    prescore: dict[int, float] = defaultdict(float)
    for client_pk, kind in {(client_pk, keys[key]) for key, client_pk in rows}:
        prescore[client_pk] += KIND_WEIGHTS[kind]
    return prescore


def _visible_only(user: Any, prescore: dict[int, float]) -> dict[int, float]:
    """The candidates whose live record (themselves, or the record they were merged into) the
    user may see."""
    ids = list(prescore)
    target = {pk: pk for pk in ids}
    merged = dict(
        Client.all_objects.filter(pk__in=ids, merged_into__isnull=False).values_list("pk", "merged_into_id")
    )
    for _ in range(5):
        if not merged:
            break
        for pk, into in merged.items():
            for source, current in target.items():
                if current == pk:
                    target[source] = into
        merged = dict(
            Client.all_objects.filter(pk__in=set(merged.values()), merged_into__isnull=False).values_list(
                "pk", "merged_into_id"
            )
        )
    visible = set(clients_for_user(user).filter(pk__in=set(target.values())).values_list("pk", flat=True))
    return {pk: value for pk, value in prescore.items() if target[pk] in visible}


def _identifier_hits(identifiers: list[str]) -> set[int]:
    if not identifiers:
        return set()
    condition = Q(hud_id__in=identifiers)
    numbers = [int(i) for i in identifiers if i.isdigit() and len(i) < 19]
    if numbers:
        condition |= Q(pk__in=numbers)
    return set(Client.all_objects.filter(condition).values_list("pk", flat=True)[:50])


def _load_forms(pks: set[int]) -> dict[int, dict[str, Any]]:
    rows = {row["pk"]: row for row in Client.all_objects.filter(pk__in=pks).values(*_FORM_FIELDS)}
    # Merged records lead to the records they were merged into: load those too.
    for _ in range(5):
        missing = {r["merged_into_id"] for r in rows.values() if r["merged_into_id"]} - rows.keys()
        if not missing:
            break
        rows.update(
            {row["pk"]: row for row in Client.all_objects.filter(pk__in=missing).values(*_FORM_FIELDS)}
        )
    return rows


def _resolve_to_live(rows: dict[int, dict[str, Any]]) -> dict[int, int]:
    """Each loaded record's live record: itself, or the record it was (eventually) merged into."""
    out: dict[int, int] = {}
    for pk in rows:
        current: int | None = pk
        for _ in range(6):
            row = rows.get(current) if current is not None else None
            if row is None:
                current = None
                break
            if row["merged_into_id"]:
                current = row["merged_into_id"]
                continue
            if row["date_deleted"] is not None:
                current = None
            break
        if current is not None:
            out[pk] = current
    return out


def _form(row: dict[str, Any]) -> PersonForm:
    return PersonForm(
        first=names.record_tokens(row["first_name"]),
        last=names.record_tokens(row["last_name"]),
        middle=names.tokens(row["middle_name"]),
        dob=row["dob"],
        ssn=row["ssn"] or "",
        partial_name=row["name_data_quality"] != 1,
        approximate_dob=row["dob_data_quality"] == 2,
    )


def _build_candidates(rows: dict[int, dict[str, Any]], live: dict[int, int]) -> dict[int, Candidate]:
    candidates: dict[int, Candidate] = {}
    for pk, target in live.items():
        if pk == target:
            candidates.setdefault(target, Candidate(target)).forms.insert(0, (_form(rows[pk]), "record"))
    for pk, target in live.items():
        if pk != target and target in candidates:
            candidates[target].forms.append((_form(rows[pk]), "merged"))
    aliases = ClientAlias.objects.filter(client_id__in=candidates.keys()).values_list(
        "client_id", "first_name", "middle_name", "last_name"
    )
    for client_id, first, middle, last in aliases:
        record = candidates[client_id].forms[0][0]
        candidates[client_id].forms.append(
            (
                PersonForm(
                    first=names.record_tokens(first) or record.first,
                    last=names.record_tokens(last) or record.last,
                    middle=names.tokens(middle),
                    dob=record.dob,
                    ssn=record.ssn,
                ),
                "alias",
            )
        )
    return candidates


def record_forms(client: Client, aliases: list[ClientAlias] | None = None) -> list[PersonForm]:
    """The forms of one record, for its search keys."""
    base = PersonForm(
        first=names.record_tokens(client.first_name),
        last=names.record_tokens(client.last_name),
        middle=names.tokens(client.middle_name),
        dob=client.dob,
        ssn=client.ssn or "",
    )
    forms = [base]
    for alias in aliases if aliases is not None else list(ClientAlias.objects.filter(client_id=client.pk)):
        forms.append(
            PersonForm(
                first=names.record_tokens(alias.first_name) or base.first,
                last=names.record_tokens(alias.last_name) or base.last,
                middle=names.tokens(alias.middle_name),
                dob=base.dob,
                ssn=base.ssn,
            )
        )
    return forms
