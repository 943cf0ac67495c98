"""How complete and accurate a client record is, and which of several records should survive a
merge (the dominant record).

Each HUD universal data element on the profile earns a point when it is complete and plausible,
half a point when it is partial (a street name, xxx-xx-1234, an approximate date of birth), and
nothing when it is missing or fails HUD's data-quality checks (an impossible SSN, a date of birth
before 1915 or after the record was created). The dominant record is the one with the most points;
on a tie, the one with the most program enrollments; then the oldest record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from hearth.clients import names, ssn
from hearth.clients.models import Client
from hearth.clients.services import RACE_FIELDS

EARLIEST_DOB = (1915, 1, 1)
MISSING = {8, 9, 99, None}


@dataclass(frozen=True)
class Element:
    label: str
    points: float  # 1 complete, 0.5 partial, 0 missing or wrong
    note: str


@dataclass
class Completeness:
    elements: list[Element] = field(default_factory=list)

    @property
    def points(self) -> float:
        return sum(e.points for e in self.elements)

    @property
    def percent(self) -> int:
        return round(100 * self.points / len(self.elements)) if self.elements else 0


def _name(c: Client) -> Element:
    # "Unknown", "Doe" or a lone initial is no more a name than an empty field.
    first, last = not names.is_placeholder(c.first_name), not names.is_placeholder(c.last_name)
    if c.name_data_quality in MISSING or not (first or last):
        return Element("Name", 0, "missing")
    if c.name_data_quality == 2 or not (first and last):
        return Element("Name", 0.5, "partial")
    return Element("Name", 1, "full")


def _ssn(c: Client) -> Element:
    if not c.ssn or c.ssn_data_quality in MISSING:
        return Element("SSN", 0, "missing")
    if ssn.problems(c.ssn):
        return Element("SSN", 0, "impossible number")
    if not ssn.is_full(c.ssn) or c.ssn_data_quality == 2:
        return Element("SSN", 0.5, "partial")
    return Element("SSN", 1, "full")


def _dob(c: Client) -> Element:
    if c.dob is None or c.dob_data_quality in MISSING:
        return Element("Date of birth", 0, "missing")
    if (c.dob.year, c.dob.month, c.dob.day) < EARLIEST_DOB:
        return Element("Date of birth", 0, "before 1915")
    if c.date_created and c.dob > c.date_created.date():
        return Element("Date of birth", 0, "after the record was created")
    if c.dob_data_quality == 2:
        return Element("Date of birth", 0.5, "approximate")
    return Element("Date of birth", 1, "full")


def _race(c: Client) -> Element:
    if any(getattr(c, name) == 1 for name in RACE_FIELDS):
        return Element("Race and ethnicity", 1, "given")
    return Element("Race and ethnicity", 0, "missing")


def _sex(c: Client) -> Element:
    return Element("Sex", 0, "missing") if c.sex in MISSING else Element("Sex", 1, "given")


def _veteran(c: Client) -> Element:
    if c.veteran_status in MISSING:
        return Element("Veteran status", 0, "missing")
    return Element("Veteran status", 1, "given")


def completeness(client: Client) -> Completeness:
    return Completeness([f(client) for f in (_name, _ssn, _dob, _race, _sex, _veteran)])


@dataclass
class Ranked:
    client: Client
    completeness: Completeness
    enrollments: int
    suggested: bool = False


def enrollment_counts(client_ids: Sequence[int]) -> dict[int, int]:
    from hearth.enrollments.models import Enrollment

    rows = (
        Enrollment.objects.filter(client_id__in=client_ids)
        .values_list("client_id")
        .annotate(n=Count("id"))
        .values_list("client_id", "n")
    )
    return dict(rows)


def rank_for_dominance(clients: Sequence[Client]) -> list[Ranked]:
    """The records best first; the first is the suggested dominant record."""
    counts = enrollment_counts([c.pk for c in clients])
    ranked = [Ranked(c, completeness(c), counts.get(c.pk, 0)) for c in clients]

    def order(r: Ranked) -> tuple[Any, ...]:
        return (-r.completeness.points, -r.enrollments, r.client.date_created, r.client.pk)

    ranked.sort(key=order)
    if ranked:
        ranked[0].suggested = True
    return ranked


def suggest_dominant(clients: Sequence[Client]) -> Client:
    return rank_for_dominance(clients)[0].client
