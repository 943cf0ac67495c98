"""Which rows point at a record, found from Django's model metadata rather than a hand-kept list.

A merge must move every row that belongs to the merged clients (enrollments, exits, services,
income, notes, files, releases of information, assessments, aliases, ...), including rows of models
added after this code was written. Walking every model's foreign keys to Client (and, to
consolidate duplicate enrollments, to Enrollment) finds them all.

A model keeps its rows where they are by listing the field in ``client_merge_keeps`` (a class
attribute: a set of field names), e.g. a record of which person a row truly was. The bookkeeping
of search and merging itself is never moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models

# Bookkeeping that describes the merge itself, or is rebuilt from the client after it.
NOT_MOVED = {
    "clients.client.merged_into",
    "clients.duplicatepair.client_a",
    "clients.duplicatepair.client_b",
    "clients.clientmerge.dominant",
}


@dataclass(frozen=True)
class Reference:
    model: type[models.Model]
    field: models.ForeignKey  # type: ignore[type-arg]

    @property
    def label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"

    @property
    def unique(self) -> bool:
        """A one-to-one link (or a unique foreign key): the target may hold only one such row."""
        return bool(self.field.one_to_one or self.field.unique)


def references_to(target: type[models.Model]) -> Iterator[Reference]:
    """Every concrete foreign key (or one-to-one) in any installed model that points at ``target``."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        keeps = set(getattr(model, "client_merge_keeps", ()) or ())
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            if field.remote_field.model is not target:
                continue
            ref = Reference(model, field)
            if ref.label in NOT_MOVED or field.name in keeps:
                continue
            yield ref
