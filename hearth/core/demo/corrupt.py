"""How a person's details end up on a Client record: faithfully, with ordinary data-quality
gaps, or (for a duplicate record made at another agency) with the mistakes real duplicates carry.

A record is a small dict of the identifying Client fields; the generator adds the rest.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hearth.core.demo.codes import Weighted
from hearth.core.demo.names import NICKNAMES, SPELLING_VARIANTS, STREET_NAMES
from hearth.core.demo.people import Person, strip_accents

_NICK_KEYS = {strip_accents(k): v for k, v in NICKNAMES.items()} | NICKNAMES
_SPELLING = {strip_accents(k): v for k, v in SPELLING_VARIANTS.items()} | SPELLING_VARIANTS

# Neighbouring keys on a US keyboard, for substitution typos.
_NEAR = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj", "i": "uo",
    "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o", "q": "w", "r": "et",
    "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
}  # fmt: skip

CORRUPTIONS = Weighted(
    [
        ("nickname", 14), ("typo", 18), ("swapped_names", 6), ("hyphenated_surname", 8),
        ("ssn_missing", 14), ("ssn_partial", 10), ("ssn_typo", 4), ("dob_day_month_swapped", 7),
        ("dob_year_off", 8), ("accents_dropped", 10), ("spelling_variant", 4), ("middle_name_dropped", 3),
        ("sex_differs", 4), ("first_name_missing", 4), ("dob_missing", 4), ("dob_digit_typo", 5),
    ]
)  # fmt: skip
HOW_MANY = Weighted([(0, 8), (1, 40), (2, 32), (3, 20)])
MISSING = Weighted([(99, 60), (8, 25), (9, 15)])


def faithful(p: Person) -> dict[str, Any]:
    """The person's details as a careful intake worker records them."""
    first, last, middle = p.first, p.last, p.middle
    if not p.accented:
        first, last = strip_accents(first), strip_accents(last)
        middle = strip_accents(middle) if middle else None
    return {
        "first": first, "middle": middle, "last": last, "suffix": p.suffix, "name_q": 1,
        "ssn": p.ssn, "ssn_q": 1, "dob": p.dob, "dob_q": 1, "sex": p.sex,
    }  # fmt: skip


def data_quality_defect(rec: dict[str, Any], rng: random.Random, *, child: bool) -> str:
    """Give a record one ordinary data-quality gap (HUD's 8/9/99, partial data); returns its name."""
    r = rng.random()
    if r < 0.30:
        rec["ssn"], rec["ssn_q"] = None, MISSING.pick(rng.random)
        return "ssn_missing"
    if r < 0.42:
        rec["ssn"], rec["ssn_q"] = "xxxxx" + rec["ssn"][-4:], 2
        return "ssn_partial"
    if r < 0.50:
        # Quality says "full SSN" but the number is one HUD's data-quality report flags.
        rec["ssn"] = rng.choice(["000", "666", "999"]) + rec["ssn"][3:]
        return "ssn_invalid"
    if r < 0.62:
        rec["dob"], rec["dob_q"] = None, MISSING.pick(rng.random)
        return "dob_missing"
    if r < 0.72:
        d = dt.date.fromordinal(rec["dob"])
        rec["dob"], rec["dob_q"] = dt.date(d.year, 1, 1).toordinal(), 2
        return "dob_approximate"
    if r < 0.84 and not child:
        rec["first"], rec["last"], rec["middle"], rec["suffix"] = rng.choice(STREET_NAMES), None, None, None
        rec["name_q"] = 2
        return "name_partial"
    if r < 0.90:
        rec["first"] = rec["last"] = rec["middle"] = rec["suffix"] = None
        rec["name_q"] = MISSING.pick(rng.random)
        return "name_missing"
    return "race_missing"  # applied by the caller: race fields all 0, RaceNone 8/9/99


def duplicate_of(p: Person, rng: random.Random) -> tuple[dict[str, Any], list[str]]:
    """A second record of ``p`` typed elsewhere, and the names of the mistakes it carries."""
    rec = faithful(p)
    done: list[str] = []
    wanted = HOW_MANY.pick(rng.random)
    tries = 0
    chosen: list[str] = []
    while len(done) + len(chosen) < wanted and tries < 12:
        tries += 1
        kind = CORRUPTIONS.pick(rng.random)
        if kind in done or kind in chosen:
            continue
        if kind in _LAST:
            chosen.append(kind)
        elif _apply(kind, rec, p, rng):
            done.append(kind)
    # Blanking a field comes after the mistakes that change it, which need it present.
    for kind in chosen:
        _apply(kind, rec, p, rng)
        done.append(kind)
    return rec, done


_LAST = ("first_name_missing", "dob_missing")


def _apply(kind: str, rec: dict[str, Any], p: Person, rng: random.Random) -> bool:
    if kind == "nickname":
        options = _NICK_KEYS.get(rec["first"])
        if not options:
            return False
        rec["first"] = rng.choice(options)
        return True
    if kind == "spelling_variant":
        for part in ("first", "last"):
            options = _SPELLING.get(rec[part])
            if options:
                rec[part] = rng.choice(options)
                return True
        return False
    if kind == "typo":
        part = "last" if rng.random() < 0.55 else "first"
        for _ in range(4):
            changed = typo(rec[part], rng)
            if changed != rec[part]:
                rec[part] = changed
                return True
        return False
    if kind == "swapped_names":
        rec["first"], rec["last"] = rec["last"], rec["first"]
        return True
    if kind == "hyphenated_surname":
        last = rec["last"]
        for sep in ("-", " "):
            if sep in last:
                parts = last.split(sep)
                rec["last"] = parts[0] if rng.random() < 0.7 else parts[-1]
                return True
        other = rng.choice(["López", "García", "Hernández", "Martínez", "Smith", "Johnson", "Williams"])
        if not p.accented:
            other = strip_accents(other)
        rec["last"] = f"{last}-{other}" if rng.random() < 0.8 else f"{other}-{last}"
        return True
    if kind == "ssn_missing":
        rec["ssn"], rec["ssn_q"] = None, MISSING.pick(rng.random)
        return True
    if kind == "ssn_partial":
        rec["ssn"], rec["ssn_q"] = "xxxxx" + p.ssn[-4:], 2
        return True
    if kind == "ssn_typo":
        digits = list(p.ssn)
        i = rng.randrange(8)
        if digits[i] == digits[i + 1]:
            return False
        digits[i], digits[i + 1] = digits[i + 1], digits[i]
        rec["ssn"] = "".join(digits)
        return True
    if kind == "dob_day_month_swapped":
        d = dt.date.fromordinal(p.dob)
        if d.day > 12 or d.day == d.month:
            return False
        rec["dob"] = dt.date(d.year, d.day, d.month).toordinal()
        return True
    if kind == "dob_year_off":
        d = dt.date.fromordinal(p.dob)
        year = d.year + (1 if rng.random() < 0.5 else -1)
        day = 28 if (d.month, d.day) == (2, 29) else d.day
        rec["dob"] = dt.date(year, d.month, day).toordinal()
        return True
    if kind == "accents_dropped":
        first, last = strip_accents(rec["first"]), strip_accents(rec["last"])
        if (first, last) == (rec["first"], rec["last"]):
            return False
        rec["first"], rec["last"] = first, last
        return True
    if kind == "sex_differs":
        # Recorded the other way by a hurried intake, or read off a document.
        rec["sex"] = 1 - p.sex
        return True
    if kind == "first_name_missing":
        # Only a surname was given, or a placeholder typed where the first name should be.
        rec["first"] = rng.choice([None, "Unknown", "N/A", rec["first"][0]])
        rec["name_q"] = 2
        return True
    if kind == "dob_missing":
        rec["dob"], rec["dob_q"] = None, MISSING.pick(rng.random)
        return True
    if kind == "dob_digit_typo":
        # One digit of the day or month mistyped (a 3 for an 8), where the result is still a date.
        d = dt.date.fromordinal(p.dob)
        for _ in range(4):
            text = list(d.strftime("%Y%m%d"))
            i = rng.choice([4, 5, 6, 7])
            text[i] = str(rng.randrange(10))
            try:
                mistyped = dt.datetime.strptime("".join(text), "%Y%m%d").date()
            except ValueError:
                continue
            if mistyped != d:
                rec["dob"] = mistyped.toordinal()
                return True
        return False
    if kind == "middle_name_dropped":
        if not rec["middle"]:
            return False
        rec["middle"] = None if rng.random() < 0.5 else rec["middle"][0]
        return True
    raise ValueError(kind)


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip: a neighbouring key, a dropped or doubled letter, or two letters swapped."""
    if len(text) < 3:
        return text + text[-1]
    i = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    ch = text[i]
    if kind < 0.35 and ch.lower() in _NEAR:
        sub = rng.choice(_NEAR[ch.lower()])
        return text[:i] + (sub.upper() if ch.isupper() else sub) + text[i + 1 :]
    if kind < 0.6:
        return text[:i] + text[i + 1 :]
    if kind < 0.8:
        return text[:i] + ch + text[i:]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
