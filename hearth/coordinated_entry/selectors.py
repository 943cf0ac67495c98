"""Coordinated Entry reads, always through the acting user's client access."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from hearth.clients.access import can_edit_clients, clients_for_user, visible_clients_q
from hearth.coordinated_entry.models import (
    HouseholdType,
    Opening,
    OpeningStatus,
    Population,
    PrioritizationRule,
    Questionnaire,
    QueueEntry,
    QueueStatus,
    Referral,
    ReferralStatus,
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
    entries = QueueEntry.objects.filter(visible_clients_q(user), status=QueueStatus.WAITING)
    entries = entries.filter(**POPULATION_FILTERS.get(population, {}))
    return entries.select_related("client").order_by(*active_rule().order_by())


def queue_entry_for_user(user: Any, entry_id: int) -> QueueEntry | None:
    """A queue entry of a person ``user`` may see (None otherwise, as if it did not exist)."""
    return QueueEntry.objects.filter(pk=entry_id, client__in=clients_for_user(user)).first()


def eligible_for(entries: QuerySet[QueueEntry], opening: Opening) -> QuerySet[QueueEntry]:
    if opening.population == Population.VETERAN:
        entries = entries.filter(veteran=True)
    elif opening.population == Population.YOUTH:
        entries = entries.filter(youth=True)
    if opening.household_type == HouseholdType.FAMILY:
        entries = entries.filter(family=True)
    elif opening.household_type == HouseholdType.INDIVIDUAL:
        entries = entries.filter(family=False)
    # Keep in step with services.eligibility_problem, which says why a person is refused.
    if opening.disability_required:
        entries = entries.filter(disabled=True)
    if opening.chronic_only:
        entries = entries.filter(chronic=True)
    if opening.min_score is not None:
        entries = entries.filter(score__gte=opening.min_score)
    return entries


def proposals(user: Any, opening: Opening, *, limit: int = 10) -> list[QueueEntry]:
    """The best-ranked eligible people for an opening."""
    return list(eligible_for(queue_for_user(user), opening)[:limit])


def openings_for_user(user: Any) -> QuerySet[Opening]:
    """Open openings. They are the CoC's (any matcher fills them) and name no client."""
    return (
        Opening.objects.filter(status=OpeningStatus.OPEN)
        .select_related("project", "project__organization")
        .order_by("posted_on", "pk")
    )


def opening_for_user(user: Any, opening_id: int) -> Opening:
    try:
        return Opening.objects.select_related("project", "project__organization").get(pk=opening_id)
    except Opening.DoesNotExist:
        raise Http404("No such opening.") from None


def may_manage_opening(user: Any, opening: Opening) -> bool:
    """Whether ``user`` works for the program that posted the opening (may close it, answer its
    referrals)."""
    return can_edit_clients(user) and projects_for_user(user).filter(pk=opening.project_id).exists()


def referral_history(user: Any, opening: Opening) -> list[Referral]:
    """The opening's referrals, newest first; a person's name only where the user may see it."""
    referrals = list(
        opening.referrals.select_related("entry", "entry__client").order_by("-referred_on", "-pk")
    )
    visible = visible_client_ids(user, [r.entry.client_id for r in referrals])
    for referral in referrals:
        referral.visible = referral.entry.client_id in visible  # type: ignore[attr-defined]
    return referrals


def referral_for_user(user: Any, referral_id: int) -> Referral:
    """A referral, for the receiving program's agency or for a user who may see the person; 404
    for anyone else (so its existence is not disclosed)."""
    referral = (
        Referral.objects.select_related("opening", "opening__project", "entry", "entry__client", "event")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404("No such referral.")
    receiver = projects_for_user(user).filter(pk=referral.opening.project_id).exists()
    sees_person = bool(visible_client_ids(user, [referral.entry.client_id]))
    if not (receiver or sees_person):
        raise Http404("No such referral.")
    referral.visible = sees_person  # type: ignore[attr-defined]
    referral.receiver = receiver  # type: ignore[attr-defined]
    return referral


def active_questionnaire() -> Questionnaire | None:
    """The questionnaire assessors fill in: the newest active one."""
    return Questionnaire.objects.filter(active=True).order_by("-pk").first()


def referrals_for_receiver(user: Any, *, status: str = ReferralStatus.PENDING) -> QuerySet[Referral]:
    """Referrals to the programs of the user's agency."""
    return (
        Referral.objects.filter(opening__project__in=projects_for_user(user), status=status)
        .select_related("opening", "opening__project", "entry")
        .order_by("-referred_on", "-pk")
    )


def visible_client_ids(user: Any, client_ids: list[int]) -> set[int]:
    """The receiving agency sees a referred person's name only where sharing allows."""
    return set(clients_for_user(user).filter(pk__in=client_ids).values_list("pk", flat=True))
