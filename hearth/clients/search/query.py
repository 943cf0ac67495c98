"""What a search asks for, read from the one box and the optional fields.

The box takes anything: "Garcia, Maria", "maria garcia 5/17/1980", "xxx-xx-1234", "1234", a
PersonalID. Dates, SSNs and identifiers are recognised by their shape; the rest is the name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hearth.clients import names, ssn

_DATE_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$"), ("m", "d", "y")),
    (re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2})$"), ("m", "d", "yy")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
]
_IDENTIFIER = re.compile(r"^[A-Za-z0-9_\-]{1,32}$")
_SSN_SHAPE = re.compile(r"^(?:[0-9xX*#]{3}-[0-9xX*#]{2}-[0-9]{4}|[0-9xX*#]{9}|[0-9]{4})$")


class QueryError(ValueError):
    pass


@dataclass
class SearchQuery:
    first: list[str] = field(default_factory=list)  # name tokens known to be first names
    last: list[str] = field(default_factory=list)  # ... known to be last names
    loose: list[str] = field(default_factory=list)  # name tokens from the box: first or last
    dob: dt.date | None = None
    ssn: str = ""  # nine characters (digits and x), when a full or partial SSN was given
    last4: str = ""
    identifiers: list[str] = field(default_factory=list)

    @property
    def has_name(self) -> bool:
        return bool(self.first or self.last or self.loose)

    @property
    def is_empty(self) -> bool:
        return not (self.has_name or self.dob or self.ssn or self.last4 or self.identifiers)

    def used_fields(self) -> list[str]:
        """Which kinds of information the search used (for the audit trail: never the values)."""
        used = []
        if self.has_name:
            used.append("name")
        if self.dob:
            used.append("dob")
        if self.ssn and ssn.is_full(self.ssn):
            used.append("ssn")
        elif self.last4:
            used.append("ssn_last4")
        if self.identifiers:
            used.append("identifier")
        return used


def parse_date(text: str, *, today: dt.date | None = None) -> dt.date | None:
    """A date as US staff type it (5/17/1980, 1980-05-17, 05-17-80); a day over 12 in the month
    place is read as day/month. None when the text is not a date."""
    text = text.strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        if "yy" in parts:
            # Two-digit years: a year not yet reached this century is last century's.
            yy = parts.pop("yy")
            this_year = (today or dt.date.today()).year % 100
            parts["y"] = yy + (2000 if yy <= this_year else 1900)
        year, month, day = parts["y"], parts["m"], parts["d"]
        for m, d in ((month, day), (day, month)):
            try:
                return dt.date(year, m, d)
            except ValueError:
                continue
        return None
    return None


def swapped(dob: dt.date) -> dt.date | None:
    """The date with day and month exchanged, when that is a different valid date."""
    if dob.day == dob.month or dob.day > 12:
        return None
    return dt.date(dob.year, dob.day, dob.month)


def parse_query(
    q: str = "",
    *,
    first_name: str = "",
    last_name: str = "",
    dob: str | dt.date | None = None,
    ssn_text: str = "",
    identifier: str = "",
) -> SearchQuery:
    """Read the box and the optional fields. Raises QueryError for an unreadable DOB or SSN field."""
    query = SearchQuery()
    query.first = names.query_tokens(first_name)
    query.last = names.query_tokens(last_name)
    if isinstance(dob, dt.date):
        query.dob = dob
    elif dob and str(dob).strip():
        query.dob = parse_date(str(dob))
        if query.dob is None:
            raise QueryError("Date of birth: enter a date such as 05/17/1980.")
    if ssn_text and ssn_text.strip():
        try:
            parsed = ssn.parse(ssn_text)
        except ssn.SSNError as exc:
            raise QueryError(f"SSN: {exc}") from None
        query.ssn, query.last4 = parsed.value, parsed.last4
    if identifier.strip():
        query.identifiers.append(identifier.strip())
    _read_box(q, query)
    return query


def _read_box(text: str, query: SearchQuery) -> None:
    text = (text or "").strip()
    if not text:
        return
    # "Last, First" is the usual way to write a name on a form.
    if "," in text and not any(ch.isdigit() for ch in text.split(",")[0]):
        before, after = text.split(",", 1)
        query.last.extend(t for t in names.tokens(before) if t not in query.last)
        text = after
    name_words: list[str] = []
    for word in text.split():
        bare = word.strip(",;")
        if not bare:
            continue
        if _SSN_SHAPE.match(bare) and not (query.ssn or query.last4):
            parsed = ssn.parse(bare)
            query.ssn, query.last4 = parsed.value, parsed.last4
            if bare.isdigit():
                # "1234" or "123456789" may as well be an internal key or a PersonalID.
                query.identifiers.append(bare)
            continue
        if query.dob is None and any(ch.isdigit() for ch in bare):
            found = parse_date(bare)
            if found is not None:
                query.dob = found
                continue
        if any(ch.isdigit() for ch in bare) and _IDENTIFIER.match(bare):
            query.identifiers.append(bare)
            continue
        name_words.append(bare)
    if not name_words:
        return
    words: list[str] = []
    for word in name_words:
        words.extend(t for t in names.tokens(word) if t not in words)
    if query.last and not query.first:
        query.first.extend(words)
    else:
        query.loose.extend(words)
