"""Display helpers for client records: never more of an SSN than its last four digits."""

from __future__ import annotations

from typing import Any

from django import template

from hearth.clients import ssn

register = template.Library()


@register.filter
def ssn_masked(value: str | None) -> str:
    return ssn.masked(value)


@register.filter
def client_name(client: Any) -> str:
    """ "Last, First Middle", or a note that the name is missing."""
    first = " ".join(p for p in (client.first_name, client.middle_name) if p)
    if client.last_name and first:
        return f"{client.last_name}, {first}"
    return client.last_name or first or "(no name recorded)"


@register.filter
def score_band(score: int) -> str:
    """A word for a match score, so colour is never the only cue."""
    if score >= 85:
        return "strong"
    if score >= 60:
        return "likely"
    return "possible"
