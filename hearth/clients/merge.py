"""Merging duplicate client records into a dominant one, and undoing a merge.

A merge, in one transaction:
1. copies the profile values the dominant record lacks from the others (see merge_plan);
2. moves every row that references a merged record to the dominant record: every foreign key to
   Client in every installed app, found through the model metadata (see references);
3. consolidates duplicate enrollments of the dominant record (same project, overlapping dates) into
   the earliest, with all their services, notes and other rows (see merge_enrollments);
4. marks the merged records as merged into the dominant one (and soft-deletes them), so their
   identifiers and details stay searchable and lead to the dominant record;
5. closes their duplicate pairs, writes the audit trail and keeps a snapshot of every change.

Undoing replays the snapshot backwards: it restores the profile values the merge changed, moves
each moved row back to the record it came from, re-opens consolidated enrollments, and revives
the merged records. Rows added to the dominant record after the merge stay with it.
DateUpdated is set to the time of the change on every row a merge or an undo touches, so HUD
delta exports carry both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction

from hearth.audit.models import AuditEvent
from hearth.audit.services import audit_record
from hearth.clients.merge_enrollments import consolidate_enrollments, undo_consolidations
from hearth.clients.merge_plan import plan_profile, planned_values
from hearth.clients.models import Client, ClientMerge, DuplicatePair
from hearth.clients.references import references_to
from hearth.clients.search.index import index_clients
from hearth.clients.services import PROFILE_FIELDS
from hearth.core import clock
from hearth.core.concurrency import check_state, state_token


class MergeError(ValidationError):
    pass


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def restore_value(model: type[models.Model], name: str, value: Any) -> Any:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.to_python(value)


def touch_fields(model: type[models.Model], moment: dt.datetime) -> dict[str, Any]:
    """DateUpdated for HUD rows, so a delta export carries the change."""
    names = {f.name for f in model._meta.concrete_fields}
    return {"date_updated": moment} if "date_updated" in names else {}


def move_rows(
    model: type[models.Model], field_name: str, pks: list[Any], new_value: Any, moment: dt.datetime
) -> tuple[list[Any], list[Any]]:
    """Point ``field_name`` of these rows at ``new_value``; (moved, left) pks.

    A unique constraint may forbid a row from moving (a one-to-one already held by the target);
    such rows are left where they are rather than failing the whole merge.
    """
    if not pks:
        return [], []
    manager = model._base_manager
    attname = model._meta.get_field(field_name).attname  # type: ignore[union-attr]
    changes = {attname: new_value, **touch_fields(model, moment)}
    try:
        with transaction.atomic():
            manager.filter(pk__in=pks).update(**changes)
        return list(pks), []
    except IntegrityError:
        pass
    moved, left = [], []
    for pk in pks:
        try:
            with transaction.atomic():
                manager.filter(pk=pk).update(**changes)
            moved.append(pk)
        except IntegrityError:
            left.append(pk)
    return moved, left


def _require_admin(actor: Any) -> None:
    if not (getattr(actor, "is_authenticated", False) and actor.is_hmis_admin):
        raise PermissionDenied("Only HMIS administrators merge client records.")


def _merge_scope(dominant_pk: int, other_pks: Sequence[int]) -> str:
    return f"merge.{dominant_pk}." + ",".join(str(pk) for pk in sorted(set(other_pks) - {dominant_pk}))


def _merge_parts(records: Sequence[Client]) -> dict[str, Any]:
    return {f"record {c.hud_id}": tuple(getattr(c, name) for name in PROFILE_FIELDS) for c in records}


def merge_edit_token(dominant: Client, others: Sequence[Client]) -> str:
    """The token the merge preview's confirm form carries: every record's profile as previewed.
    A record someone saves between the preview and the confirmation makes the merge refuse."""
    return state_token(_merge_scope(dominant.pk, [c.pk for c in others]), _merge_parts([dominant, *others]))


def _live_clients(pks: Sequence[int]) -> dict[int, Client]:
    found = Client.all_objects.select_for_update().filter(pk__in=list(pks)).order_by("pk")
    return {c.pk: c for c in found}


@transaction.atomic
def client_merge(
    *,
    actor: Any,
    dominant: Client,
    others: Sequence[Client],
    choices: dict[str, int] | None = None,
    reference: str = "",
    ip_address: str | None = None,
    edit_token: str | None = None,
    clock_: clock.Clock | None = None,
) -> ClientMerge:
    """Merge ``others`` into ``dominant``. ``choices`` maps a profile element (see
    merge_plan.GROUPS) to the record whose value to keep; ``reference`` says where the request came
    from (a support ticket number), never who the client is."""
    _require_admin(actor)
    other_ids = sorted({c.pk for c in others} - {dominant.pk})
    if not other_ids:
        raise MergeError("Choose at least one other record to merge into the dominant record.")
    locked = _live_clients([dominant.pk, *other_ids])
    for pk in [dominant.pk, *other_ids]:
        client = locked.get(pk)
        if client is None or client.date_deleted is not None or client.merged_into_id is not None:
            raise MergeError(f"Record {pk} is no longer a live record (deleted or already merged).")
    dominant = locked[dominant.pk]
    others_locked = [locked[pk] for pk in other_ids]
    # The values the administrator chose between must still be the values being merged.
    check_state(
        _merge_scope(dominant.pk, other_ids),
        edit_token,
        _merge_parts([dominant, *others_locked]),
        model=Client,
        what="set of records",
    )
    moment = clock.now(clock_)

    # 1. Profile values.
    plans = plan_profile(dominant, others_locked, choices)
    new_values = planned_values(plans)
    before = {name: jsonable(getattr(dominant, name)) for name in PROFILE_FIELDS}
    for name, value in new_values.items():
        setattr(dominant, name, value)
    dominant.full_clean()
    dominant.save()

    # 2. Every row that references a merged record.
    moved: list[dict[str, Any]] = []
    left: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for ref in references_to(Client):
        manager = ref.model._base_manager
        for other_pk in other_ids:
            pks = list(manager.filter(**{ref.field.attname: other_pk}).values_list("pk", flat=True))
            if not pks:
                continue
            if ref.unique and manager.filter(**{ref.field.attname: dominant.pk}).exists():
                left.append({"ref": ref.label, "from": other_pk, "pks": [jsonable(p) for p in pks]})
                continue
            done, stuck = move_rows(ref.model, ref.field.name, pks, dominant.pk, moment)
            if done:
                moved.append({"ref": ref.label, "from": other_pk, "pks": [jsonable(p) for p in done]})
                counts[ref.label] = counts.get(ref.label, 0) + len(done)
            if stuck:
                left.append({"ref": ref.label, "from": other_pk, "pks": [jsonable(p) for p in stuck]})

    # 3. Duplicate enrollments.
    consolidations = consolidate_enrollments(dominant, moment)

    # 4. The merged records.
    others_before = [
        {"pk": c.pk, "date_deleted": jsonable(c.date_deleted), "merged_into": c.merged_into_id}
        for c in others_locked
    ]
    Client.all_objects.filter(pk__in=other_ids).update(
        merged_into=dominant.pk, date_deleted=moment, date_updated=moment
    )

    # 5. Their duplicate pairs.
    involved = [dominant.pk, *other_ids]
    pairs = DuplicatePair.objects.filter(
        models.Q(client_a__in=other_ids) | models.Q(client_b__in=other_ids)
    ).exclude(status=DuplicatePair.Status.MERGED)
    pairs_before = [
        {"pk": p.pk, "status": p.status, "decided_at": jsonable(p.decided_at), "decided_by": p.decided_by_id}
        for p in pairs
    ]
    pairs.update(status=DuplicatePair.Status.MERGED, decided_at=moment, decided_by=actor)

    summary = {
        "merged_ids": other_ids,
        "profile_fields": sorted(new_values),
        "moved": counts,
        "left": sum(len(x["pks"]) for x in left),
        "enrollments_consolidated": len(consolidations),
    }
    merge = ClientMerge.objects.create(
        dominant=dominant,
        merged_ids=other_ids,
        performed_at=moment,
        performed_by=actor,
        reference=reference[:100],
        snapshot={
            "dominant_before": before,
            "dominant_changed": sorted(new_values),
            "dominant_after": {k: jsonable(v) for k, v in new_values.items()},
            "moved": moved,
            "left": left,
            "enrollments": consolidations,
            "others": others_before,
            "pairs": pairs_before,
        },
        summary=summary,
    )
    for pk in involved:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.MERGE,
            obj=merge,
            client_id=pk,
            ip_address=ip_address,
            detail={"merge": merge.pk, "dominant": dominant.pk, **summary},
            clock_=clock_,
        )
    index_clients(involved)
    return merge


def _later_merges(merge: ClientMerge) -> list[ClientMerge]:
    involved = {merge.dominant_id, *merge.merged_ids}
    later = ClientMerge.objects.filter(undone_at__isnull=True, performed_at__gte=merge.performed_at).exclude(
        pk=merge.pk
    )
    return [m for m in later if m.pk > merge.pk and involved & {m.dominant_id, *m.merged_ids}]


@transaction.atomic
def client_unmerge(
    *, actor: Any, merge: ClientMerge, ip_address: str | None = None, clock_: clock.Clock | None = None
) -> ClientMerge:
    """Undo ``merge``: the records and their rows as they were before it."""
    _require_admin(actor)
    merge = ClientMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise MergeError("This merge has already been undone.")
    blocking = _later_merges(merge)
    if blocking:
        numbers = ", ".join(f"#{m.pk}" for m in blocking)
        raise MergeError(f"Later merges involve these records; undo them first: {numbers}.")
    snap = merge.snapshot
    moment = clock.now(clock_)
    dominant = Client.all_objects.select_for_update().get(pk=merge.dominant_id)

    undo_consolidations(snap.get("enrollments", []), moment)

    not_returned = 0
    for entry in reversed(snap.get("moved", [])):
        label, field_name = entry["ref"].rsplit(".", 1)
        model = apps.get_model(label)
        attname = model._meta.get_field(field_name).attname  # type: ignore[union-attr]
        pks = [model._meta.pk.to_python(p) for p in entry["pks"]]  # type: ignore[union-attr]
        # Only rows still on the dominant record go back; a row moved on since stays where staff put it.
        still_here = list(
            model._base_manager.filter(pk__in=pks, **{attname: dominant.pk}).values_list("pk", flat=True)
        )
        not_returned += len(pks) - len(still_here)
        move_rows(model, field_name, still_here, entry["from"], moment)

    for name in snap.get("dominant_changed", []):
        setattr(dominant, name, restore_value(Client, name, snap["dominant_before"][name]))
    if snap.get("dominant_changed"):
        dominant.save()

    for other in snap.get("others", []):
        Client.all_objects.filter(pk=other["pk"]).update(
            merged_into=other["merged_into"],
            date_deleted=restore_value(Client, "date_deleted", other["date_deleted"]),
            date_updated=moment,
        )
    for pair in snap.get("pairs", []):
        DuplicatePair.objects.filter(pk=pair["pk"]).update(
            status=pair["status"],
            decided_at=restore_value(DuplicatePair, "decided_at", pair["decided_at"]),
            decided_by_id=pair["decided_by"],
        )

    merge.undone_at = moment
    merge.undone_by = actor
    merge.save(update_fields=["undone_at", "undone_by"])
    involved = [dominant.pk, *merge.merged_ids]
    for pk in involved:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UNMERGE,
            obj=merge,
            client_id=pk,
            ip_address=ip_address,
            detail={"merge": merge.pk, "dominant": dominant.pk, "not_returned": not_returned},
            clock_=clock_,
        )
    index_clients(involved)
    return merge
