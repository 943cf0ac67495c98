"""A HUD code list: the codes a coded field may hold and their labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CodeList:
    list_id: str
    name: str
    values: dict[int | str, str] = field(default_factory=dict)

    def label(self, code: int | str | None) -> str:
        if code is None or code == "":
            return ""
        return self.values.get(code, f"Unknown code {code}")

    def choices(self, exclude: Iterable[int | str] = ()) -> list[tuple[int | str, str]]:
        skip = set(exclude)
        return [(code, label) for code, label in self.values.items() if code not in skip]

    def __contains__(self, code: object) -> bool:
        return code in self.values
