"""Blocking keys: the few facts about a person that a search can look up by index.

A record and a query are turned into keys the same way, so a record is a candidate for a query
when they share a key. The keys are chosen so that one mistake (a typo, a nickname, swapped first
and last names, a hyphenated surname, day and month swapped) still leaves at least one shared key:

- ``d`` date of birth; ``s`` full SSN; ``4`` last four SSN digits; ``b`` the last four with the
  birth day and month (a year typed wrong); ``q`` the SSN's digits in sorted order (two digits
  swapped);
- ``n`` the sounds of a first and a last name, unordered (survives swapped names and nicknames);
- ``y`` the sound of one name with the birth year, and ``m`` with the birth day and month in
  either order (together they survive a typo in the other name with a wrong year or swapped date);
- ``t`` one exact name word and ``p`` one name sound, for searches by name alone.

Keys are stored as signed 64-bit hashes so the index stays small; a collision only adds a
candidate, which scoring then ranks low.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from hearth.clients import names, ssn
from hearth.clients.search.query import SearchQuery, swapped

# How much a shared key of each kind says, to choose which candidates to score: about what the
# matching fields add to the final score (see score.py).
KIND_WEIGHTS = {
    "s": 8.0,
    "n": 6.0,
    "d": 5.0,
    "b": 5.0,
    "q": 4.0,
    "m": 4.0,
    "4": 3.0,
    "y": 3.0,
    "t": 1.0,
    "p": 0.5,
}
# At most this many records per key: a key shared by more (a common name alone) says little,
# and the other keys of the query find the right record.
KIND_LIMITS = {
    "s": 200,
    "n": 2000,
    "d": 2000,
    "b": 200,
    "q": 500,
    "m": 1000,
    "4": 2000,
    "y": 1000,
    "t": 500,
    "p": 500,
}


@dataclass
class PersonForm:
    """One way a person's identity is written: the legal name, an alias, a merged record."""

    first: list[str] = field(default_factory=list)
    last: list[str] = field(default_factory=list)
    middle: list[str] = field(default_factory=list)
    dob: dt.date | None = None
    ssn: str = ""
    partial_name: bool = False  # a street name, a partial name, or none (HUD name quality 2, 8, 9, 99)
    approximate_dob: bool = False  # HUD DOB quality 2: often only the year is right


@lru_cache(maxsize=500_000)
def hashed(kind: str, *parts: str) -> int:
    # Cached: names, years and birthdays recur, so most keys of a bulk rebuild were seen before.
    digest = hashlib.blake2b("\x1f".join((kind, *parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _sounds(tokens: Iterable[str]) -> set[str]:
    return set(_token_sounds(tuple(tokens)))


@lru_cache(maxsize=100_000)
def _token_sounds(tokens: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names.sound(c) for t in tokens for c in names.key_canonicals(t))


def day_month(dob: dt.date) -> str:
    """Birth day and month in either order: the same for a date and its day/month swap."""
    low, high = sorted((dob.month, dob.day))
    return f"{low:02d}{high:02d}"


def _name_keys(first: list[str], last: list[str], middle: list[str], dob: dt.date | None) -> dict[int, str]:
    out: dict[int, str] = {}
    firsts = _sounds(first) | _sounds(middle)
    lasts = _sounds(last)
    for a in firsts:
        for b in lasts:
            if a != b:
                out[hashed("n", *sorted((a, b)))] = "n"
    for token in (*first, *last):
        out[hashed("t", token)] = "t"
    for sound in firsts | lasts:
        out[hashed("p", sound)] = "p"
        if dob:
            out[hashed("y", sound, str(dob.year))] = "y"
            out[hashed("m", sound, day_month(dob))] = "m"
    return out


def _fact_keys(dob: dt.date | None, ssn_value: str) -> dict[int, str]:
    out: dict[int, str] = {}
    if dob:
        out[hashed("d", dob.isoformat())] = "d"
    if ssn.is_full(ssn_value):
        out[hashed("s", ssn_value)] = "s"
        out[hashed("q", "".join(sorted(ssn_value)))] = "q"
    four = ssn.last4(ssn_value)
    if four:
        out[hashed("4", four)] = "4"
        if dob:
            out[hashed("b", four, day_month(dob))] = "b"
    return out


def record_keys(forms: Iterable[PersonForm]) -> set[int]:
    """Every key of a record, from its legal name, aliases, DOB and SSN."""
    keys: dict[int, str] = {}
    for form in forms:
        keys.update(_fact_keys(form.dob, form.ssn))
        keys.update(_name_keys(form.first, form.last, form.middle, form.dob))
    return set(keys)


def query_keys(query: SearchQuery) -> dict[int, str]:
    """The keys to look up for a query, each with its kind."""
    keys: dict[int, str] = {}
    dobs = [d for d in (query.dob, swapped(query.dob) if query.dob else None) if d]
    for dob in dobs:
        keys.update(_fact_keys(dob, ""))
    if query.ssn and ssn.is_full(query.ssn):
        keys[hashed("s", query.ssn)] = "s"
        keys[hashed("q", "".join(sorted(query.ssn)))] = "q"
    if query.last4:
        keys[hashed("4", query.last4)] = "4"
        for dob in dobs:
            keys[hashed("b", query.last4, day_month(dob))] = "b"
    every = [*query.first, *query.last, *query.loose]
    sounds = _sounds(every)
    # Words may be first or last names in either order, so every two of them make a name pair.
    for a, b in combinations(sorted(sounds), 2):
        keys[hashed("n", a, b)] = "n"
    for sound in sounds:
        for dob in dobs:
            keys[hashed("y", sound, str(dob.year))] = "y"
            keys[hashed("m", sound, day_month(dob))] = "m"
    # One word or sound alone: the only way to find a record by one name, or one whose other
    # details are all missing or mistyped. These keys weigh least, so they only fill the
    # candidates the stronger keys leave room for.
    for token in every:
        keys[hashed("t", token)] = "t"
    for sound in sounds:
        keys[hashed("p", sound)] = "p"
    return keys
