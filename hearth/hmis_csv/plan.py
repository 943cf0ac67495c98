"""How one HUD file maps onto its model: which CSV column feeds which database column.

Imports write rows with raw SQL (COPY on PostgreSQL, executemany on SQLite) rather than model
instances, so the mapping from HUD columns to database columns is worked out once per file here,
from hearth.hud.spec and the model's own field list. Model fields that are not HUD data (added by
other parts of Hearth) get their default on insert and are never touched on update.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models

from hearth.hud.columns import Column, HudFile
from hearth.hud.spec import FILES

COMMON_FIELDS = {
    "DateCreated": "date_created",
    "DateUpdated": "date_updated",
    "UserID": "hud_user_id",
    "DateDeleted": "date_deleted",
}

# Files in the order their keys are needed: a file comes after every file it references.
ORDER = (
    "Export",
    "User",
    "Organization",
    "Project",
    "Funder",
    "ProjectCoC",
    "Inventory",
    "Affiliation",
    "HMISParticipation",
    "CEParticipation",
    "Client",
    "Enrollment",
    "Exit",
    "IncomeBenefits",
    "HealthAndDV",
    "EmploymentEducation",
    "Disabilities",
    "Services",
    "CurrentLivingSituation",
    "Assessment",
    "AssessmentQuestions",
    "AssessmentResults",
    "Event",
    "YouthEducationStatus",
)


def in_order(counts: dict[str, Any]) -> list[Any]:
    """An import's counts per file (keyed by file name) in ORDER. PostgreSQL's JSON type keeps an
    object's keys in its own order (shortest first), not the order they were written in."""
    rank = {name: i for i, name in enumerate(ORDER)}
    return [counts[name] for name in sorted(counts, key=lambda n: (rank.get(n, len(rank)), n))]


# Files other files point at; their keys stay in memory for the whole import.
PARENTS = frozenset({"Organization", "Project", "Client", "Enrollment", "Assessment"})
# Files with one record per enrollment per data collection stage 1 and 3.
STAGED = frozenset(
    {"IncomeBenefits", "HealthAndDV", "Disabilities", "EmploymentEducation", "YouthEducationStatus"}
)


AUTO_NOW = object()  # stands for "the moment of the import" among the insert defaults


@dataclass(frozen=True)
class StoredColumn:
    index: int  # position in hud_file.columns
    column: Column
    attname: str  # model attribute (e.g. "client_id")
    db_column: str
    internal: models.Field
    target: str = ""  # referenced HUD file, for keys of other records


@dataclass(frozen=True)
class FilePlan:
    hud_file: HudFile
    model: type[models.Model]
    table: str
    key_index: int
    stored: tuple[StoredColumn, ...]  # HUD data, written on insert and update
    references: tuple[StoredColumn, ...]  # the subset of ``stored`` that holds another record's key
    export_id_index: int | None
    user_id_index: int | None
    # Non-HUD model fields and their insert defaults.
    extra: tuple[tuple[str, str, Any], ...]  # (attname, db column, default)
    index: dict[str, int]  # HUD column -> position in hud_file.columns

    @property
    def name(self) -> str:
        return self.hud_file.name

    @property
    def insert_columns(self) -> list[str]:
        return ["data_source_id", *[s.db_column for s in self.stored], *[e[1] for e in self.extra]]

    @property
    def compare_attnames(self) -> list[str]:
        return [s.attname for s in self.stored]


def _attname(hud_file: HudFile, index: int, col: Column) -> str | None:
    if index == 0:
        return "hud_id"
    if col.references:
        return f"{col.field}_id"
    if col.name == "ExportID":
        return None
    if not col.field:
        return COMMON_FIELDS.get(col.name)
    return col.field


@cache
def plan_for(file: str) -> FilePlan:
    hud_file = FILES[file]
    model = apps.get_model(hud_file.model)
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    stored = []
    export_id_index = user_id_index = None
    for i, col in enumerate(hud_file.columns):
        if col.name == "ExportID" and i != 0:
            export_id_index = i
        if col.name == "UserID" and i != 0:
            user_id_index = i
        attname = _attname(hud_file, i, col)
        if attname is None:
            continue
        field = by_attname[attname]
        stored.append(StoredColumn(i, col, attname, field.column, field, col.references))
    used = {s.attname for s in stored} | {"data_source_id"}
    extra = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in used:
            continue
        default = field.get_default() if field.has_default() else None
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = AUTO_NOW
        extra.append((field.attname, field.column, default))
    return FilePlan(
        hud_file=hud_file,
        model=model,
        table=model._meta.db_table,
        key_index=0,
        stored=tuple(stored),
        references=tuple(s for s in stored if s.target),
        export_id_index=export_id_index,
        user_id_index=user_id_index,
        extra=tuple(extra),
        index={c.name: i for i, c in enumerate(hud_file.columns)},
    )
