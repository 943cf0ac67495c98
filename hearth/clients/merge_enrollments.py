"""Consolidating duplicate enrollments after a merge.

When two records of one person were each enrolled in the same project over overlapping dates,
the merged record would show two stays where there was one. The earliest enrollment survives;
every row of the others (services, income, notes, files, assessments, ... found through the model
metadata, as for the merge itself) moves to it, and the others are soft-deleted. Exit.csv allows
one exit per enrollment: if any of the stays is still open, the consolidated one is open and the
exits are soft-deleted; otherwise the latest exit is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.apps import apps

from hearth.clients.models import Client
from hearth.clients.references import references_to

EXIT_LABEL = "enrollments.exit.enrollment"


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _stays(
    client_ids: list[int],
) -> list[tuple[Any, int, dt.date, dt.date | None, list[tuple[int, dt.date]]]]:
    """(project, enrollment, entry, exit or None, live exits) of the records' live enrollments."""
    from hearth.enrollments.models import Enrollment, Exit

    exits: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for pk, enrollment_id, exit_date in Exit.objects.filter(enrollment__client_id__in=client_ids).values_list(
        "pk", "enrollment_id", "exit_date"
    ):
        exits[enrollment_id].append((pk, exit_date))
    out = []
    for pk, project_id, entry in Enrollment.objects.filter(client_id__in=client_ids).values_list(
        "pk", "project_id", "entry_date"
    ):
        own = exits.get(pk, [])
        end = max((d for _, d in own), default=None)
        out.append((project_id, pk, entry, end, own))
    return out


def _overlap(a_entry: dt.date, a_end: dt.date | None, b_entry: dt.date, b_end: dt.date | None) -> bool:
    # A stay that ends the day another begins is a move, not a duplicate.
    return (a_end is None or b_entry < a_end) and (b_end is None or a_entry < b_end)


def _clusters(stays: list[Any]) -> list[list[Any]]:
    by_project: dict[Any, list[Any]] = defaultdict(list)
    for stay in stays:
        by_project[stay[0]].append(stay)
    clusters = []
    for group in by_project.values():
        group.sort(key=lambda s: (s[2], s[1]))
        current: list[Any] = []
        current_end: dt.date | None = None
        open_ended = False
        for stay in group:
            if current and (open_ended or _overlap(current[0][2], current_end, stay[2], stay[3])):
                current.append(stay)
            else:
                if len(current) > 1:
                    clusters.append(current)
                current, current_end, open_ended = [stay], None, False
            open_ended = open_ended or stay[3] is None
            current_end = None if open_ended else max(d for d in (current_end, stay[3]) if d is not None)
        if len(current) > 1:
            clusters.append(current)
    return clusters


def consolidate_enrollments(dominant: Client, moment: dt.datetime) -> list[dict[str, Any]]:
    """Consolidate the record's duplicate enrollments; returns what was done, for the snapshot."""
    from hearth.clients.merge import move_rows
    from hearth.enrollments.models import Enrollment, Exit

    done: list[dict[str, Any]] = []
    for cluster in _clusters(_stays([dominant.pk])):
        survivor = cluster[0][1]
        still_open = any(stay[3] is None for stay in cluster)
        all_exits = [(pk, d) for stay in cluster for pk, d in stay[4]]
        keep_exit = None if still_open else max(all_exits, key=lambda e: (e[1], e[0]))[0]
        deleted_exits = [pk for pk, _ in all_exits if pk != keep_exit]
        exit_state = list(Exit.all_objects.filter(pk__in=deleted_exits).values_list("pk", "date_deleted"))
        Exit.all_objects.filter(pk__in=deleted_exits).update(date_deleted=moment, date_updated=moment)
        for stay in cluster[1:]:
            absorbed = stay[1]
            moved = []
            for ref in references_to(Enrollment):
                pks = list(
                    ref.model._base_manager.filter(**{ref.field.attname: absorbed}).values_list(
                        "pk", flat=True
                    )
                )
                if ref.label == EXIT_LABEL:
                    pks = [pk for pk in pks if pk == keep_exit]
                rows, _left = move_rows(ref.model, ref.field.name, pks, survivor, moment)
                if rows:
                    moved.append({"ref": ref.label, "pks": [_jsonable(p) for p in rows]})
            before = Enrollment.all_objects.filter(pk=absorbed).values_list("date_deleted", flat=True).first()
            Enrollment.all_objects.filter(pk=absorbed).update(date_deleted=moment, date_updated=moment)
            done.append(
                {
                    "survivor": survivor,
                    "absorbed": absorbed,
                    "absorbed_date_deleted": _jsonable(before),
                    "moved": moved,
                }
            )
        if done and exit_state:
            done[-1]["exits"] = [[pk, _jsonable(d)] for pk, d in exit_state]
    return done


def preview_consolidations(client_ids: list[int]) -> list[list[int]]:
    """The enrollments a merge of these records would consolidate, as groups of enrollment keys
    (the first of each group survives)."""
    return [[stay[1] for stay in cluster] for cluster in _clusters(_stays(client_ids))]


def undo_consolidations(entries: list[dict[str, Any]], moment: dt.datetime) -> None:
    from hearth.clients.merge import move_rows, restore_value
    from hearth.enrollments.models import Enrollment, Exit

    for entry in reversed(entries):
        for exit_pk, deleted in entry.get("exits", []):
            Exit.all_objects.filter(pk=exit_pk).update(
                date_deleted=restore_value(Exit, "date_deleted", deleted), date_updated=moment
            )
        Enrollment.all_objects.filter(pk=entry["absorbed"]).update(
            date_deleted=restore_value(Enrollment, "date_deleted", entry["absorbed_date_deleted"]),
            date_updated=moment,
        )
        for moved in reversed(entry["moved"]):
            label, field_name = moved["ref"].rsplit(".", 1)
            model = apps.get_model(label)
            attname = model._meta.get_field(field_name).attname  # type: ignore[union-attr]
            pks = [model._meta.pk.to_python(p) for p in moved["pks"]]  # type: ignore[union-attr]
            here = list(
                model._base_manager.filter(pk__in=pks, **{attname: entry["survivor"]}).values_list(
                    "pk", flat=True
                )
            )
            move_rows(model, field_name, here, entry["absorbed"], moment)
