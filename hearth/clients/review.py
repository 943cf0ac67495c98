"""The administrators' review of likely duplicates: deciding pairs, and the set a pair belongs to."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.models import Client, DuplicatePair
from hearth.core import clock

MAX_SET = 8
DECISIONS = {DuplicatePair.Status.SAME, DuplicatePair.Status.DIFFERENT, DuplicatePair.Status.OPEN}


def _require_admin(actor: Any) -> None:
    if not (getattr(actor, "is_authenticated", False) and actor.is_hmis_admin):
        raise PermissionDenied("Only HMIS administrators review duplicates.")


@transaction.atomic
def pair_decide(
    *, actor: Any, pair: DuplicatePair, decision: str, ip_address: str | None = None
) -> DuplicatePair:
    """Record that two records are the same person, different people, or (re)open the question.
    Different people are never proposed again by ``find_duplicates``."""
    _require_admin(actor)
    if decision not in DECISIONS:
        raise ValueError(f"Unknown decision {decision!r}.")
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    if pair.status == DuplicatePair.Status.MERGED:
        raise PermissionDenied("These records were merged; undo the merge to decide again.")
    pair.status = decision
    pair.decided_at = None if decision == DuplicatePair.Status.OPEN else clock.now()
    pair.decided_by = None if decision == DuplicatePair.Status.OPEN else actor
    pair.save(update_fields=["status", "decided_at", "decided_by"])
    for client_id in (pair.client_a_id, pair.client_b_id):
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            obj=pair,
            client_id=client_id,
            ip_address=ip_address,
            detail={"duplicate_pair": pair.pk, "decision": decision},
        )
    return pair


def duplicate_set(pair: DuplicatePair) -> list[Client]:
    """The live records linked to the pair's records by open or same-person pairs (a person may
    have more than two records), the pair's own two first."""
    found = [pair.client_a_id, pair.client_b_id]
    frontier = list(found)
    linked = Q(status=DuplicatePair.Status.OPEN) | Q(status=DuplicatePair.Status.SAME)
    while frontier and len(found) < MAX_SET:
        rows = DuplicatePair.objects.filter(linked).filter(
            Q(client_a__in=frontier) | Q(client_b__in=frontier)
        )
        frontier = []
        for a, b in rows.values_list("client_a_id", "client_b_id"):
            for pk in (a, b):
                if pk not in found and len(found) < MAX_SET:
                    found.append(pk)
                    frontier.append(pk)
    clients = Client.objects.in_bulk(found)
    return [clients[pk] for pk in found if pk in clients]
