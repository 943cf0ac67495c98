"""What a merge will do, field by field, before anyone confirms it.

The profile is taken from the dominant record; each element the dominant record lacks (or holds
less completely: a partial SSN, an approximate date of birth, a street name) is copied from the
most complete of the other records. Staff may pick another record for any element.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hearth.clients import completeness as comp
from hearth.clients import ssn
from hearth.clients.models import Client
from hearth.clients.services import DOB_FIELDS, RACE_GROUP, SSN_FIELDS, VETERAN_FIELDS


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    fields: tuple[str, ...]
    points: Callable[[Client], float]


def _blank_points(name: str) -> Callable[[Client], float]:
    return lambda c: 1.0 if getattr(c, name) else 0.0


GROUPS: tuple[Group, ...] = (
    Group("name", "Name", ("first_name", "last_name", "name_data_quality"), lambda c: comp._name(c).points),
    Group("middle_name", "Middle name", ("middle_name",), _blank_points("middle_name")),
    Group("name_suffix", "Name suffix", ("name_suffix",), _blank_points("name_suffix")),
    Group("ssn", "SSN", tuple(SSN_FIELDS), lambda c: comp._ssn(c).points),
    Group("dob", "Date of birth", tuple(DOB_FIELDS), lambda c: comp._dob(c).points),
    Group("sex", "Sex", ("sex",), lambda c: comp._sex(c).points),
    Group("race", "Race and ethnicity", tuple(RACE_GROUP), lambda c: comp._race(c).points),
    Group("veteran", "Veteran status", tuple(VETERAN_FIELDS), lambda c: comp._veteran(c).points),
)
GROUP_KEYS = {g.key for g in GROUPS}


def display(client: Client, group: Group) -> str:
    """A group's value on one record, for the preview (SSN shown only by its last four)."""
    if group.key == "name":
        return " ".join(p for p in (client.first_name, client.last_name) if p) or "(none)"
    if group.key == "ssn":
        if not client.ssn:
            return client.get_ssn_data_quality_display() or "(none)"
        shown = ssn.masked(client.ssn) or "partial, no last four"
        return shown + (" (impossible number)" if ssn.problems(client.ssn) else "")
    if group.key == "dob":
        return client.dob.isoformat() if client.dob else (client.get_dob_data_quality_display() or "(none)")
    if group.key == "race":
        from hearth.clients.forms import RACE_LABELS

        chosen = [label for name, label in RACE_LABELS.items() if getattr(client, name) == 1]
        return ", ".join(chosen) or (client.get_race_none_display() if client.race_none else "(none)")
    if group.key == "sex":
        return client.get_sex_display() if client.sex is not None else "(none)"
    if group.key == "veteran":
        return client.get_veteran_status_display()
    value = getattr(client, group.fields[0])
    return str(value) if value else "(none)"


@dataclass
class GroupPlan:
    group: Group
    source: Client
    default_source: Client
    values: list[tuple[Client, str]] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return self.source.pk != self.values[0][0].pk and any(
            getattr(self.source, f) != getattr(self.values[0][0], f) for f in self.group.fields
        )


def plan_profile(
    dominant: Client, others: Sequence[Client], choices: dict[str, int] | None = None
) -> list[GroupPlan]:
    """For each profile element, the record its value will come from."""
    choices = choices or {}
    records = [dominant, *others]
    by_pk = {c.pk: c for c in records}
    ranked_others = [r.client for r in comp.rank_for_dominance(list(others))] if others else []
    plans = []
    for group in GROUPS:
        default = dominant
        best = group.points(dominant)
        for other in ranked_others:
            if group.points(other) > best:
                default, best = other, group.points(other)
        chosen = by_pk.get(choices.get(group.key, default.pk), default)
        plans.append(GroupPlan(group, chosen, default, [(c, display(c, group)) for c in records]))
    return plans


def planned_values(plans: Sequence[GroupPlan]) -> dict[str, Any]:
    """The dominant record's profile after the merge: {field: value} for the fields that change."""
    out: dict[str, Any] = {}
    for plan in plans:
        if plan.changes:
            for name in plan.group.fields:
                out[name] = getattr(plan.source, name)
    return out
