"""Scoring a candidate record against a query, with the reasons in words staff understand.

Each piece of evidence adds or takes away points, roughly as much as it says about two records
being the same person (a matching SSN says more than a matching first name). The score is the
total as a share of the most the query's own fields could earn, so 100 means every field given
matched exactly, whatever was given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from hearth.clients import names, ssn
from hearth.clients.search.keys import PersonForm
from hearth.clients.search.query import SearchQuery, swapped

LAST_EXACT, FIRST_EXACT = 4.0, 3.0
DOB_EXACT = 5.0
SSN_EXACT, SSN_LAST4 = 8.0, 3.0


@dataclass
class Candidate:
    pk: int
    forms: list[tuple[PersonForm, str]] = field(default_factory=list)  # (form, "record"/"alias"/"merged")


@dataclass(frozen=True)
class TokenMatch:
    similarity: float
    how: str  # exact, nickname, sound, typo, initial, none
    partial: bool = False  # one part of a hyphenated or compound name


NO_MATCH = TokenMatch(0.0, "none")


@lru_cache(maxsize=200_000)
def token_match(q: str, c: str) -> TokenMatch:
    if q == c:
        return TokenMatch(1.0, "exact")
    if names.are_nicknames(q, c):
        return TokenMatch(0.95, "nickname")
    if len(q) == 1 or len(c) == 1:
        return TokenMatch(0.7, "initial") if q[0] == c[0] else NO_MATCH
    jw = JaroWinkler.similarity(q, c)
    if names.sound(q) == names.sound(c):
        return TokenMatch(max(jw, 0.9), "sound")
    return TokenMatch(jw, "typo" if jw >= 0.8 else "none")


def words_match(query_tokens: list[str], record_tokens: list[str]) -> TokenMatch:
    """The best match between any query word and any word of the record's name part.

    Token lists end with the whole name (see names.tokens); a match between one part of a
    compound name and another ("Garcia" in "Garcia-Lopez") is marked partial.
    """
    best, best_pair = NO_MATCH, ("", "")
    for q in query_tokens:
        for c in record_tokens:
            found = token_match(q, c)
            if found.similarity > best.similarity:
                best, best_pair = found, (q, c)
    if best.similarity >= 0.8 and query_tokens and record_tokens:
        whole = (query_tokens[-1], record_tokens[-1])
        if best_pair != whole and token_match(*whole).similarity < best.similarity:
            best = TokenMatch(best.similarity, best.how, partial=True)
    return best


def _points(match: TokenMatch, exact: float, miss: float) -> float:
    if match.partial and match.similarity >= 0.9:
        return exact * 0.8
    if match.how == "exact":
        return exact
    if match.how == "nickname":
        return exact * 0.9
    if match.similarity >= 0.9:
        return exact * 0.75
    if match.how == "initial":
        return exact * 0.15
    if match.similarity >= 0.8:
        return exact * 0.25
    return miss


_HOW_WORDS = {
    "exact": "matches",
    "nickname": "is a nickname of the same name",
    "sound": "sounds the same",
    "typo": "is spelled almost the same",
    "initial": "matches by its initial",
    "middle": "matches the middle name",
}


def _name_reason(part: str, match: TokenMatch) -> str:
    text = f"{part} {_HOW_WORDS.get(match.how, 'is similar')}"
    if match.partial and match.how != "middle":
        text += " (one part of a compound name)"
    return text


def _first_match(query_tokens: list[str], form: PersonForm) -> TokenMatch:
    """The first name asked for against the record's first name, or else its middle name (people
    often go by their middle name)."""
    found = words_match(query_tokens, form.first)
    if form.middle and found.similarity < 0.9:
        middle = words_match(query_tokens, form.middle)
        if middle.similarity >= 0.9:
            return TokenMatch(middle.similarity, "middle", partial=True)
    return found


@dataclass
class _NameScore:
    points: float = 0.0
    reasons: list[str] = field(default_factory=list)


def _score_names(query: SearchQuery, form: PersonForm) -> _NameScore:
    if not (form.first or form.last):
        return _NameScore()
    # A street name or partial name on file does not contradict the name asked for.
    first_miss, last_miss = (-2.0, -2.5) if not form.partial_name else (0.0, 0.0)
    options: list[_NameScore] = []
    if query.first or query.last:
        for label, q_first, q_last in (("", query.first, query.last), ("swapped", query.last, query.first)):
            out = _NameScore()
            if q_first:
                m = _first_match(q_first, form)
                out.points += _points(m, FIRST_EXACT, first_miss)
                if m.similarity >= 0.7:
                    out.reasons.append(_name_reason("First name", m))
            if q_last:
                m = words_match(q_last, form.last)
                out.points += _points(m, LAST_EXACT, last_miss)
                if m.similarity >= 0.8:
                    out.reasons.append(_name_reason("Last name", m))
            if label == "swapped":
                out.points -= 0.3
                out.reasons.insert(0, "First and last names swapped")
            options.append(out)
    if query.loose:
        loose = query.loose
        if len(loose) == 1:
            for part, exact in (("First name", FIRST_EXACT), ("Last name", LAST_EXACT)):
                m = _first_match(loose, form) if part == "First name" else words_match(loose, form.last)
                out = _NameScore(_points(m, exact, first_miss) * LAST_EXACT / exact)
                if m.similarity >= 0.8:
                    out.reasons.append(_name_reason(part, m))
                options.append(out)
        else:
            # Unordered words: try each word as the last name, the others as the first.
            for i, last_word in enumerate(loose):
                rest = loose[:i] + loose[i + 1 :]
                out = _NameScore()
                m_first = _first_match(rest, form)
                m_last = words_match([last_word], form.last)
                out.points += _points(m_first, FIRST_EXACT, first_miss) + _points(
                    m_last, LAST_EXACT, last_miss
                )
                if m_first.similarity >= 0.7:
                    out.reasons.append(_name_reason("First name", m_first))
                if m_last.similarity >= 0.8:
                    out.reasons.append(_name_reason("Last name", m_last))
                options.append(out)
    return max(options, key=lambda o: o.points) if options else _NameScore()


def _dob_close(a: dt.date, b: dt.date) -> bool:
    """One digit mistyped or two neighbours swapped, the day off by one, or the year off by one."""
    sa, sb = a.strftime("%Y%m%d"), b.strftime("%Y%m%d")
    if ssn.digits_differ_by_at_most_one(sa, sb):
        return True
    if a.year == b.year and a.month == b.month and abs(a.day - b.day) <= 1:
        return True
    return (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1


def _score_dob(query_dob: dt.date, dob: dt.date | None, approximate: bool = False) -> tuple[float, str]:
    if dob is None:
        return 0.0, ""
    if approximate and dob != query_dob:
        # An approximate date of birth on file usually has only the year right.
        if dob.year == query_dob.year:
            return DOB_EXACT * 0.3, "Birth year matches (the record's date of birth is approximate)"
        return (0.0, "") if abs(dob.year - query_dob.year) == 1 else (-1.5, "")
    if dob == query_dob:
        return DOB_EXACT, "Date of birth matches"
    if swapped(query_dob) == dob:
        return DOB_EXACT * 0.7, "Date of birth matches with day and month swapped"
    if _dob_close(query_dob, dob):
        return DOB_EXACT * 0.4, "Date of birth nearly matches"
    if query_dob.year == dob.year:
        return 0.0, ""
    return -3.0, ""


def _score_ssn(query: SearchQuery, value: str) -> tuple[float, str]:
    if not value:
        return 0.0, ""
    four = ssn.last4(value)
    if ssn.is_full(query.ssn):
        if ssn.is_full(value):
            if value == query.ssn:
                return SSN_EXACT, "SSN matches"
            if ssn.digits_differ_by_at_most_one(value, query.ssn):
                return SSN_EXACT * 0.5, "SSN differs by one digit"
            return -4.0, ""
        if four and four == query.last4:
            return SSN_LAST4, "Last four SSN digits match"
        return (-1.5, "") if four else (0.0, "")
    if query.last4 and four:
        return (SSN_LAST4, "Last four SSN digits match") if four == query.last4 else (-1.5, "")
    return 0.0, ""


def best_possible(query: SearchQuery) -> float:
    total = 0.0
    if query.first and query.last or len(query.loose) >= 2 or (query.loose and (query.first or query.last)):
        total += FIRST_EXACT + LAST_EXACT
    elif query.has_name:
        total += LAST_EXACT
    if query.dob:
        total += DOB_EXACT
    if ssn.is_full(query.ssn):
        total += SSN_EXACT
    elif query.last4:
        total += SSN_LAST4
    return total


def score(query: SearchQuery, candidate: Candidate) -> tuple[int, list[str]]:
    """(0-100, reasons) for one candidate."""
    reasons: list[str] = []
    total = 0.0
    if query.has_name:
        best = _NameScore(points=-99.0)
        best_source = "record"
        for form, source in candidate.forms:
            found = _score_names(query, form)
            if found.points > best.points:
                best, best_source = found, source
        total += max(best.points, -4.5)
        reasons.extend(best.reasons)
        if best_source == "alias" and best.reasons:
            reasons.append("Matched an alias")
        elif best_source == "merged" and best.reasons:
            reasons.append("Matched a record merged into this one")
    if query.dob:
        points, reason = max(
            (
                _score_dob(query.dob, form.dob, form.approximate_dob)
                for form, source in candidate.forms
                if source != "alias"
            ),
            default=(0.0, ""),
        )
        total += points
        if reason:
            reasons.append(reason)
    if query.ssn or query.last4:
        points, reason = max(
            (_score_ssn(query, form.ssn) for form, source in candidate.forms if source != "alias"),
            default=(0.0, ""),
        )
        total += points
        if reason:
            reasons.append(reason)
    possible = best_possible(query)
    value = 0 if possible <= 0 else round(100 * max(0.0, min(1.0, total / possible)))
    return value, reasons
