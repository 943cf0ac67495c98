"""Coordinated Entry reads, always through the acting user's client access."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hearth.clients.access import clients_for_user
from hearth.coordinated_entry.models import (
    HouseholdType,
    Opening,
    OpeningStatus,
    Population,
    PrioritizationRule,
    QueueEntry,
    QueueStatus,
    Referral,
)
from hearth.projects.selectors import projects_for_user

POPULATION_FILTERS = {
    "veterans": {"veteran": True},
    "youth": {"youth": True},
    "families": {"family": True},
}


def active_rule() -> PrioritizationRule:
    """The newest active rule, else the default (score, then chronic status, then days homeless)."""
    rule = PrioritizationRule.objects.filter(active=True).order_by("-pk").first()
    return rule or PrioritizationRule(name="Default rule")


def queue_for_user(user: Any, *, population: str = "") -> QuerySet[QueueEntry]:
    """People waiting on the queue whom ``user`` may see, in the CoC's order."""
    entries = QueueEntry.objects.filter(status=QueueStatus.WAITING, client__in=clients_for_user(user))
    entries = entries.filter(**POPULATION_FILTERS.get(population, {}))
    return entries.select_related("client").order_by(*active_rule().order_by())


def eligible_for(entries: QuerySet[QueueEntry], opening: Opening) -> QuerySet[QueueEntry]:
    if opening.population == Population.VETERAN:
        entries = entries.filter(veteran=True)
    elif opening.population == Population.YOUTH:
        entries = entries.filter(youth=True)
    if opening.household_type == HouseholdType.FAMILY:
        entries = entries.filter(family=True)
    elif opening.household_type == HouseholdType.INDIVIDUAL:
        entries = entries.filter(family=False)
    return entries


def proposals(user: Any, opening: Opening, *, limit: int = 10) -> list[QueueEntry]:
    """The best-ranked eligible people for an opening."""
    return list(eligible_for(queue_for_user(user), opening)[:limit])


def openings_for_user(user: Any) -> QuerySet[Opening]:
    return (
        Opening.objects.filter(status=OpeningStatus.OPEN)
        .select_related("project")
        .order_by("posted_on", "pk")
    )


def opening_for_user(user: Any, opening_id: int) -> Opening:
    return Opening.objects.select_related("project").get(pk=opening_id)


def referrals_for_receiver(user: Any) -> QuerySet[Referral]:
    """Referrals to the programs of the user's agency."""
    return (
        Referral.objects.filter(opening__project__in=projects_for_user(user))
        .select_related("opening", "opening__project", "entry")
        .order_by("-referred_on", "-pk")
    )


def visible_client_ids(user: Any, client_ids: list[int]) -> set[int]:
    """The receiving agency sees a referred person's name only where sharing allows."""
    return set(clients_for_user(user).filter(pk__in=client_ids).values_list("pk", flat=True))
