"""Demo people and households: who they are (name, birth date, SSN, race, veteran status, health)
independent of how any record of them was typed."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

from hearth.core.demo.calendar import Calendar
from hearth.core.demo.codes import (
    DISABILITY_PREVALENCE,
    DISCHARGE,
    MILITARY_BRANCH,
    SUBSTANCE_RESPONSE,
    Weighted,
    zipf,
)
from hearth.core.demo.names import FIRST_FEMALE, FIRST_MALE, MIDDLE, SUFFIXES, SURNAMES

GROUPS = Weighted([("hispanic", 36), ("black", 31), ("white", 24), ("asian", 5), ("armenian", 4)])
_FIRST_M = {g: zipf(v, 0.7) for g, v in FIRST_MALE.items()}
_FIRST_F = {g: zipf(v, 0.7) for g, v in FIRST_FEMALE.items()}
_LAST = {g: zipf(v, 0.8) for g, v in SURNAMES.items()}
_MIDDLE = zipf(MIDDLE, 0.5)

# SSNs: a bijection from person number to a valid-looking SSN (area 001-899 but 666, group
# 01-99, serial 0001-9999), so no two demo people share one unless a record is corrupted.
_AREAS, _GROUPS, _SERIALS = 898, 99, 9999
_SSN_SPACE = _AREAS * _GROUPS * _SERIALS
_SSN_STEP = 2_147_483_647  # prime, coprime with the space


class Person:
    """One real (synthetic) human being."""

    __slots__ = (
        "key", "group", "sex", "first", "middle", "last", "suffix", "dob", "ssn", "race", "veteran",
        "vet_years", "disabilities", "dv", "income", "earned", "accented",
    )  # fmt: skip

    key: int
    group: str
    sex: int  # HUD 4.21: 0 female, 1 male
    first: str
    last: str
    dob: int  # day number
    ssn: str
    race: tuple[int, int, int, int, int, int, int]
    accented: bool

    def __init__(self) -> None:
        self.middle: str | None = None
        self.suffix: str | None = None
        self.veteran = 0
        self.vet_years: tuple[int, int, int, int] | None = None  # entered, separated, branch, discharge
        self.disabilities: tuple[tuple[int, int, int], ...] = ()  # (type, response, indefinite)
        self.dv = 0
        self.income = "none"
        self.earned = 0


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def ssn_for(number: int, offset: int) -> str:
    x = (number * _SSN_STEP + offset) % _SSN_SPACE
    area, rest = divmod(x, _GROUPS * _SERIALS)
    group, serial = divmod(rest, _SERIALS)
    area += 1
    if area >= 666:
        area += 1
    return f"{area:03d}{group + 1:02d}{serial + 1:04d}"


class PeopleFactory:
    def __init__(self, rng: random.Random, cal: Calendar, ssn_offset: int) -> None:
        self.rng = rng
        self.rand: Callable[[], float] = rng.random
        self.cal = cal
        self.ssn_offset = ssn_offset

    def person(self, key: int, *, group: str, sex: int, dob: int, last: str | None = None) -> Person:
        rand = self.rand
        p = Person()
        p.key = key
        p.group = group
        p.sex = sex
        p.first = (_FIRST_F if sex == 0 else _FIRST_M)[group].pick(rand)
        p.last = last or _LAST[group].pick(rand)
        if group == "hispanic" and last is None and rand() < 0.18:
            # Two surnames, as many Latino clients give them.
            second = _LAST[group].pick(rand)
            if second != p.last:
                p.last = f"{p.last}-{second}" if rand() < 0.5 else f"{p.last} {second}"
        p.accented = rand() < 0.55  # whether this person's records are typed with accents
        if rand() < 0.3:
            p.middle = _MIDDLE.pick(rand)
        if sex == 1 and group in ("black", "white") and rand() < 0.04:
            p.suffix = SUFFIXES[int(rand() * len(SUFFIXES))]
        p.dob = dob
        p.ssn = ssn_for(key, self.ssn_offset)
        p.race = self._race(group)
        return p

    def _race(self, group: str) -> tuple[int, int, int, int, int, int, int]:
        """(AmIndAKNative, Asian, BlackAfAmerican, HispanicLatinao, MidEastNAfrican, NativeHIPacific, White)"""
        r = self.rand
        am = 1 if r() < 0.03 else 0
        if group == "hispanic":
            return (am, 0, 1 if r() < 0.02 else 0, 1, 0, 0, 1 if r() < 0.3 else 0)
        if group == "black":
            return (am, 0, 1, 1 if r() < 0.03 else 0, 0, 0, 1 if r() < 0.04 else 0)
        if group == "white":
            return (am, 0, 0, 0, 0, 0, 1)
        if group == "asian":
            return (0, 1, 0, 0, 0, 1 if r() < 0.06 else 0, 0)
        mena = 1 if r() < 0.7 else 0
        return (0, 0, 0, 0, mena, 0, 1 if not mena or r() < 0.4 else 0)

    def adult_traits(self, p: Person, age: int, *, family_head: bool) -> None:
        """Health, income, DV history and veteran status of an adult."""
        r = self.rand
        if r() < (0.09 if p.sex == 1 else 0.015) and age >= 21:
            p.veteran = 1
            entered = self.cal.date(p.dob).year + 18 + int(r() * 6)
            p.vet_years = (entered, entered + 2 + int(r() * 12), MILITARY_BRANCH.pick(r), DISCHARGE.pick(r))
        disabilities = []
        for dtype, share in DISABILITY_PREVALENCE.items():
            if r() < share * (0.6 if family_head else 1.0):
                response = SUBSTANCE_RESPONSE.pick(r) if dtype == 10 else 1
                disabilities.append((dtype, response, 1 if r() < 0.7 else 0))
        p.disabilities = tuple(disabilities)
        p.dv = 1 if r() < (0.45 if p.sex == 0 else 0.15) else 0
        x = r()
        if age >= 62 and x < 0.35:
            p.income = "retirement"
        elif x < 0.42:
            p.income = "none"
        elif x < 0.62:
            p.income, p.earned = "earned", 400 + int(r() * 2600)
        elif x < 0.74:
            p.income = "ssi"
        elif x < 0.82:
            p.income = "ssdi"
        elif x < 0.92:
            p.income = "ga"
        elif p.veteran:
            p.income = "va"
        else:
            p.income = "tanf" if family_head else "unemployment"

    def child_traits(self, p: Person) -> None:
        r = self.rand
        if r() < 0.06:
            p.disabilities = ((6 if r() < 0.5 else 9, 1, 1 if r() < 0.6 else 0),)
        p.income = "child"
