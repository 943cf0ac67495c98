"""The shape of the HMIS CSV specification, as generated into hearth.hud.spec."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Column:
    name: str  # HUD column name, e.g. "FirstName"
    field: str  # model field name ("" for the columns kept on the base record)
    type: str  # D, T, I, M, M+ or S<n>
    code_list: str = ""
    nullable: bool = False
    references: str = ""  # HUD file whose primary key this column holds
    excluded: tuple[int, ...] = ()  # codes of the list that this element may not use
    null_unless: tuple[str, int] | None = None  # (parent column, triggering value)
    element: str = ""  # HUD data element number, e.g. "3.01.1"

    @property
    def max_length(self) -> int | None:
        return int(self.type[1:]) if self.type.startswith("S") else None


@dataclass(frozen=True)
class HudFile:
    name: str
    model: str  # "app_label.ModelName"
    columns: tuple[Column, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def key(self) -> Column:
        return self.columns[0]

    @cached_property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]
