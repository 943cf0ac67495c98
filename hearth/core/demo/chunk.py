"""One chunk of demo data: households, their stays in projects, and every record of each stay.

A chunk is built in memory as plain tuples (see ``records`` for the columns) and then written in
one transaction; the generator repeats this for each chunk of clients so memory stays flat.
Everything a chunk draws comes from its own random stream, so the same seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from hearth.core.demo import codes as C
from hearth.core.demo.calendar import Calendar
from hearth.core.demo.corrupt import MISSING, data_quality_defect, duplicate_of, faithful
from hearth.core.demo.people import GROUPS, PeopleFactory, Person
from hearth.core.demo.records import employment_block, health_block, income_block, insurance_block
from hearth.core.demo.reference import COC_CODE, DemoProject

# Stay lengths by project type: (median days, spread, shortest, longest).
STAY = {
    0: (35, 1.0, 1, 540), 1: (12, 1.1, 1, 180), 2: (200, 0.7, 7, 730), 3: (900, 0.9, 30, 5000),
    4: (90, 1.0, 0, 900), 6: (120, 0.8, 0, 730), 7: (60, 1.0, 0, 730), 8: (180, 0.8, 3, 1100),
    9: (700, 0.8, 30, 4000), 10: (800, 0.8, 30, 4000), 11: (20, 1.2, 0, 365), 12: (90, 0.6, 7, 365),
    13: (240, 0.6, 14, 900), 14: (45, 1.0, 0, 365),
}  # fmt: skip
_LOG_MEDIAN = {t: math.log(v[0]) for t, v in STAY.items()}

FIRST_SINGLE = C.Weighted(
    [(4, 22), (0, 18), (1, 12), (14, 9), (6, 6), (11, 5), (12, 6), (2, 5), (8, 2), (7, 2), (13, 8), (3, 3),
     (9, 1), (10, 1)]
)  # fmt: skip
FIRST_FAMILY = C.Weighted(
    [(0, 28), (12, 16), (13, 20), (2, 10), (14, 10), (3, 4), (6, 6), (1, 2), (4, 2), (11, 1), (7, 1)]
)  # fmt: skip
NEXT = {
    4: C.Weighted([(0, 35), (1, 10), (8, 10), (14, 15), (13, 15), (3, 10), (4, 5)]),
    0: C.Weighted([(13, 30), (2, 15), (3, 10), (0, 20), (4, 10), (14, 15)]),
    1: C.Weighted([(13, 25), (2, 10), (3, 8), (0, 25), (1, 12), (4, 10), (14, 10)]),
    14: C.Weighted([(0, 30), (13, 30), (2, 15), (3, 15), (4, 10)]),
    8: C.Weighted([(3, 40), (13, 30), (0, 20), (4, 10)]),
    2: C.Weighted([(13, 35), (3, 20), (0, 25), (4, 20)]),
}
DUPLICATE_STAY = C.Weighted([(4, 35), (0, 20), (1, 12), (14, 15), (11, 8), (6, 10)])
OUTCOME = {  # (permanent, temporary, homeless, institution, unknown)
    "ph": (75, 10, 5, 3, 7),
    "th": (45, 25, 12, 6, 12),
    "es": (25, 25, 20, 5, 25),
    "so": (15, 15, 35, 5, 30),
    "hp": (80, 10, 0, 0, 10),
}
_OUTCOME_OF = {3: "ph", 9: "ph", 10: "ph", 13: "ph", 2: "th", 8: "th", 0: "es", 1: "es", 12: "hp"}
_OUTCOME_DISTS = [C.DEST_PERMANENT, C.DEST_TEMPORARY, C.DEST_HOMELESS, C.DEST_INSTITUTION, C.DEST_UNKNOWN]
_OUTCOMES = {k: C.Weighted(list(zip(_OUTCOME_DISTS, w, strict=True))) for k, w in OUTCOME.items()}
HOUSEHOLD = C.Weighted([("single", 70), ("couple", 5), ("family", 20), ("young_family", 3), ("children", 2)])
ADULT_AGE = C.Weighted(
    [((18, 24), 10), ((25, 34), 18), ((35, 44), 20), ((45, 54), 22), ((55, 64), 22), ((65, 80), 8)]
)
SPAN_DAYS = 6 * 365  # how far back the CoC's history goes
HOMELESS_PRIOR = {116, 101, 118}
PH_MOVE_IN = {3, 9, 10}


@dataclass
class Record:
    """A Client record (a person may have several: the original and duplicates)."""

    pk: int
    person: Person
    fields: dict[str, Any]
    duplicate: bool = False
    corruptions: list[str] = field(default_factory=list)
    owner: int | None = None
    created: int = 0
    user: str = ""
    race_missing: int = 0


@dataclass
class Rows:
    client: list[tuple[Any, ...]] = field(default_factory=list)
    truth: list[tuple[Any, ...]] = field(default_factory=list)
    enrollment: list[tuple[Any, ...]] = field(default_factory=list)
    exit: list[tuple[Any, ...]] = field(default_factory=list)
    income: list[tuple[Any, ...]] = field(default_factory=list)
    health: list[tuple[Any, ...]] = field(default_factory=list)
    disability: list[tuple[Any, ...]] = field(default_factory=list)
    employment: list[tuple[Any, ...]] = field(default_factory=list)
    service: list[tuple[Any, ...]] = field(default_factory=list)
    cls: list[tuple[Any, ...]] = field(default_factory=list)
    assessment: list[tuple[Any, ...]] = field(default_factory=list)
    event: list[tuple[Any, ...]] = field(default_factory=list)


class Keys:
    """Next primary key of each table; the generator owns key allocation during a load."""

    def __init__(self, start: dict[str, int]) -> None:
        self.next = dict(start)

    def take(self, table: str) -> int:
        pk = self.next[table]
        self.next[table] = pk + 1
        return pk


class Placement:
    """Projects grouped for quick choice by type and by whom they serve."""

    def __init__(self, projects: list[DemoProject]) -> None:
        self.single: dict[int, list[DemoProject]] = {}
        self.family: dict[int, list[DemoProject]] = {}
        self.focus: dict[tuple[str, int], list[DemoProject]] = {}
        self.all: dict[int, list[DemoProject]] = {}
        for p in projects:
            self.all.setdefault(p.project_type, []).append(p)
            if p.singles:
                self.single.setdefault(p.project_type, []).append(p)
            if p.families:
                self.family.setdefault(p.project_type, []).append(p)
            if p.focus:
                self.focus.setdefault((p.focus, p.project_type), []).append(p)

    def choose(
        self, rand: Any, ptype: int, *, family: bool, focus: str, avoid_org: int | None
    ) -> DemoProject:
        pool = None
        if focus and rand() < 0.6:
            pool = self.focus.get((focus, ptype))
        if not pool:
            pool = (self.family if family else self.single).get(ptype) or self.all[ptype]
        for _ in range(4):
            project = pool[int(rand() * len(pool))]
            if project.organization_id != avoid_org:
                return project
        return project


@dataclass
class Settings:
    seed: int
    source_id: int
    duplicate_rate: float
    dq_defect_rate: float


class ChunkBuilder:
    def __init__(
        self,
        *,
        index: int,
        settings: Settings,
        cal: Calendar,
        placement: Placement,
        keys: Keys,
        first_person_key: int,
    ) -> None:
        self.rng = random.Random(f"hearth-demo:{settings.seed}:{index}")
        self.rand = self.rng.random
        self.s = settings
        self.cal = cal
        self.today = cal.today
        self.placement = placement
        self.keys = keys
        self.person_key = first_person_key
        self.people = PeopleFactory(self.rng, cal, ssn_offset=settings.seed * 7919)
        self.rows = Rows()
        self.records: list[Record] = []
        self.original: dict[int, Record] = {}  # person key -> the person's first record

    # -- the chunk ---------------------------------------------------------------------------------

    def build(self, count: int) -> Rows:
        duplicates = round(count * self.s.duplicate_rate)
        originals = count - duplicates
        while len(self.records) < originals:
            self.household(originals - len(self.records))
        adults = [r.person for r in self.records if self.cal.years(r.person.dob, self.today) >= 19]
        targets: list[Person] = []
        for _ in range(duplicates if adults else 0):
            # A few people are entered three or more times.
            if targets and self.rand() < 0.12:
                targets.append(targets[int(self.rand() * len(targets))])
            else:
                targets.append(adults[int(self.rand() * len(adults))])
        for person in targets:
            self.duplicate(person)
        self.client_rows()
        return self.rows

    # -- households --------------------------------------------------------------------------------

    def household(self, room: int) -> None:
        rand, cal = self.rand, self.cal
        kind = HOUSEHOLD.pick(rand)
        first_entry = self.today - int(rand() ** 1.5 * SPAN_DAYS)
        group = GROUPS.pick(rand)
        members: list[tuple[Person, int]] = []  # (person, RelationshipToHoH)

        def born(years_low: int, years_high: int) -> int:
            return first_entry - int((years_low + rand() * (years_high - years_low + 1)) * 365.25) - 1

        def adult_dob(dob: int) -> int:
            return min(dob, first_entry - int(18.2 * 365.25))

        if kind in ("single", "couple"):
            low, high = ADULT_AGE.pick(rand)
            head = self.new_person(group, 1 if rand() < 0.68 else 0, born(low, high))
            members.append((head, 1))
            if kind == "couple":
                partner = self.new_person(
                    group, 1 - head.sex, adult_dob(head.dob + int((rand() - 0.5) * 3000))
                )
                members.append((partner, C.SPOUSE))
        elif kind in ("family", "young_family"):
            young = kind == "young_family"
            head = self.new_person(group, 0 if rand() < 0.8 else 1, born(18, 24) if young else born(20, 50))
            members.append((head, 1))
            if not young and rand() < 0.35:
                partner = self.new_person(
                    group, 1 - head.sex, adult_dob(head.dob + int((rand() - 0.3) * 2500))
                )
                members.append((partner, C.SPOUSE))
            head_age = cal.years(head.dob, first_entry)
            for _ in range(1 if young and rand() < 0.7 else 1 + int(rand() * 3.2)):
                oldest = max(0, min(17, head_age - 16))
                dob = born(0, oldest) if oldest else first_entry - int(rand() * 360) - 1
                last = head.last if rand() < 0.8 else None
                members.append((self.new_person(group, int(rand() < 0.5), dob, last=last), C.CHILD))
            if rand() < 0.04:
                low, high = ADULT_AGE.pick(rand)
                members.append(
                    (self.new_person(group, 0, born(max(low, 45), max(high, 60))), C.OTHER_RELATIVE)
                )
        else:  # only children: an unaccompanied minor, sometimes with a sibling
            head = self.new_person(group, int(rand() < 0.5), born(13, 17))
            members.append((head, 1))
            if rand() < 0.2:
                members.append(
                    (self.new_person(group, int(rand() < 0.5), born(10, 16), last=head.last), C.CHILD)
                )

        members = members[: max(1, room)]
        head_age = cal.years(members[0][0].dob, first_entry)
        for person, rel in members:
            age = cal.years(person.dob, first_entry)
            if age >= 18:
                self.people.adult_traits(person, age, family_head=rel == 1 and len(members) > 1)
            else:
                self.people.child_traits(person)
        records = [self.new_record(person) for person, _ in members]
        family = any(cal.years(p.dob, first_entry) < 18 for p, _ in members[1:]) or head_age < 18
        focus = "youth" if head_age < 25 else "vet" if members[0][0].veteran else ""
        self.stays(list(zip(records, [rel for _, rel in members], strict=True)), first_entry, family, focus)

    def new_person(self, group: str, sex: int, dob: int, last: str | None = None) -> Person:
        person = self.people.person(self.person_key, group=group, sex=sex, dob=dob, last=last)
        self.person_key += 1
        return person

    def new_record(
        self, person: Person, *, duplicate: bool = False, fields: dict[str, Any] | None = None
    ) -> Record:
        rec = Record(
            pk=self.keys.take("client"), person=person, fields=fields or faithful(person), duplicate=duplicate
        )
        self.records.append(rec)
        self.original.setdefault(person.key, rec)
        return rec

    # -- stays -----------------------------------------------------------------------------------

    def stays(self, members: list[tuple[Record, int]], entry: int, family: bool, focus: str) -> None:
        rand = self.rand
        ptype = (FIRST_FAMILY if family else FIRST_SINGLE).pick(rand)
        for _ in range(6):
            project = self.placement.choose(rand, ptype, family=family, focus=focus, avoid_org=None)
            ends = entry + self.stay_length(ptype)
            exit_day = ends if ends <= self.today else None  # still there: a stayer
            next_type = None
            destination = None
            if exit_day is not None:
                outcome = _OUTCOMES[_OUTCOME_OF.get(ptype, "so")].pick(rand)
                destination = outcome.pick(rand)
                returns = rand() < (0.15 if outcome is C.DEST_PERMANENT else 0.45)
                if returns:
                    next_type = NEXT.get(ptype, FIRST_FAMILY if family else FIRST_SINGLE).pick(rand)
                    destination = C.DEST_BEFORE_NEXT.get(next_type, destination)
            self.stay(members, project, entry, exit_day, destination)
            if exit_day is None or next_type is None:
                return
            entry = exit_day + 1 + int(self.rng.expovariate(1 / 120))
            if entry > self.today:
                return
            ptype = next_type

    def duplicate(self, person: Person) -> None:
        rand = self.rand
        fields, corruptions = duplicate_of(person, self.rng)
        rec = self.new_record(person, duplicate=True, fields=fields)
        rec.corruptions = corruptions
        earliest = max(person.dob + int(18.5 * 365.25), self.today - SPAN_DAYS)
        entry = earliest + int(rand() * (self.today - earliest + 1))
        ptype = DUPLICATE_STAY.pick(rand)
        owner = self.original[person.key].owner
        project = self.placement.choose(rand, ptype, family=False, focus="", avoid_org=owner)
        ends = entry + self.stay_length(ptype)
        exit_day = ends if ends <= self.today else None
        destination = _OUTCOMES["so"].pick(rand).pick(rand) if exit_day is not None else None
        self.stay([(rec, 1)], project, entry, exit_day, destination)

    def stay_length(self, ptype: int) -> int:
        _, spread, shortest, longest = STAY[ptype]
        return max(shortest, min(longest, int(self.rng.lognormvariate(_LOG_MEDIAN[ptype], spread))))

    def stay(
        self,
        members: list[tuple[Record, int]],
        project: DemoProject,
        entry: int,
        exit_day: int | None,
        destination: int | None,
    ) -> None:
        """One household's enrollment in one project, with everything recorded during it."""
        rand, cal, today, keys = self.rand, self.cal, self.today, self.keys
        iso, stamp = cal.iso, cal.stamp
        rows = self.rows
        src = self.s.source_id
        dq = self.s.dq_defect_rate
        ptype = project.project_type
        staff = project.staff
        user = staff[int(rand() * len(staff))]
        head_enrollment = keys.next["enrollment"]
        household_id = f"HH{head_enrollment}"
        end_of_stay = exit_day if exit_day is not None else today
        length = end_of_stay - entry
        subsidy = None
        head_move_in = None
        if ptype in PH_MOVE_IN or (ptype == 13 and project.rrh_sub_type == 2):
            wait = int(self.rng.expovariate(1 / 45)) if ptype == 13 else int(rand() * 20)
            if entry + wait <= end_of_stay and rand() < 0.9:
                head_move_in = entry + wait
        if destination == 435:
            subsidy = 431 if ptype == 13 else 439 if ptype == 3 else C.SUBSIDY.pick(rand)

        for position, (rec, rel) in enumerate(members):
            person = rec.person
            m_entry, m_exit = entry, exit_day
            if position and length > 14 and rand() < 0.04:
                m_entry = entry + int(rand() * length * 0.5)
            if position and rand() < 0.04:
                m_exit = m_entry + int(rand() * ((m_exit if m_exit is not None else today) - m_entry))
            m_end = m_exit if m_exit is not None else today
            age = cal.years(person.dob, m_entry)
            adult = age >= 18 or rel == 1
            enrollment_pk = keys.take("enrollment")
            delay = _delay(rand)
            created_day = min(today, m_entry + delay)
            if rec.owner is None:  # the record's first stay: its agency created it at intake
                rec.owner, rec.user, rec.created = project.organization_id, user, created_day
            created = stamp(created_day, enrollment_pk)
            defect = rand() < dq

            # 3.917 prior living situation and homeless history: heads and adults.
            living = rental = los = under = prior_street = street_date = times = months = None
            if adult:
                if defect and rand() < 0.5:
                    living = C.PRIOR_UNKNOWN.pick(rand)
                elif ptype == 12:
                    living = C.PRIOR_HOUSED.pick(rand)
                else:
                    living = (C.PRIOR_HOMELESS if rand() < 0.85 else C.PRIOR_HOUSED).pick(rand)
                if living == 435:
                    rental = C.SUBSIDY.pick(rand)
                los = C.LENGTH_OF_STAY.pick(rand)
                if living in HOMELESS_PRIOR:
                    prior_street = None
                    street = True
                elif living in (8, 9, 99):
                    street = False
                else:
                    under = 1 if los in (10, 11, 2, 3) and living < 300 or los in (10, 11) else 0
                    prior_street = (1 if rand() < 0.4 else 0) if under else None
                    street = prior_street == 1
                if street:
                    street_date = iso(max(person.dob, m_entry - int(self.rng.expovariate(1 / 300))))
                    times = C.TIMES_HOMELESS.pick(rand)
                    months = C.MONTHS_HOMELESS.pick(rand)
            disabled = 1 if any(d[2] for d in person.disabilities) else 0
            if defect and rand() < 0.4:
                disabled = MISSING.pick(rand)
            engagement = None
            if ptype in (1, 4) and adult and rand() < 0.6:
                engagement_day = m_entry + int(rand() * 14)
                engagement = iso(engagement_day) if engagement_day <= m_end else None
            move_in = None
            if head_move_in is not None:
                day = max(head_move_in, m_entry)
                move_in = iso(day) if day <= m_end else None
            referral = C.RHY_REFERRAL.pick(rand) if project.focus == "youth" and rel == 1 else None
            relationship = rel if rel == 1 or not (defect and rand() < 0.1) else 99

            exit_created = None
            if m_exit is not None:
                exit_pk = keys.take("exit")
                exit_created = stamp(min(today, m_exit + _delay(rand)), exit_pk)
                if destination is None:  # a member who left a household that is still enrolled
                    dest = (C.DEST_TEMPORARY if rand() < 0.6 else C.DEST_UNKNOWN).pick(rand)
                else:
                    dest = destination if rel == 1 or rand() < 0.97 else C.DEST_UNKNOWN.pick(rand)
                rows.exit.append(
                    (exit_pk, src, str(exit_pk), exit_created, exit_created, user, enrollment_pk, rec.pk,
                     iso(m_exit), dest, subsidy if dest == 435 else None,
                     (1 if rand() < 0.6 else 2) if project.focus == "youth" else None)
                )  # fmt: skip
            updated = exit_created if exit_created is not None and exit_created > created else created
            rows.enrollment.append(
                (enrollment_pk, src, str(enrollment_pk), created, updated, user, rec.pk,
                 project.pk, iso(m_entry), household_id, relationship, COC_CODE, living, rental, los, under,
                 prior_street, street_date, times, months, disabled, engagement, move_in, referral)
            )  # fmt: skip
            self.stage_records(
                rec, project, enrollment_pk, user, adult, age, m_entry, m_exit, entry, defect, members
            )
            if ptype == 1:
                self.bed_nights(rec.pk, enrollment_pk, user, m_entry, m_exit)
            elif (ptype == 4 or ptype == 14) and adult:
                self.contacts(rec.pk, enrollment_pk, user, m_entry, m_end, ptype)
            if ptype == 14 and rel == 1:
                self.coordinated_entry(rec.pk, enrollment_pk, user, m_entry, m_end)

    # -- records collected during a stay -------------------------------------------------------------

    def stage_records(
        self,
        rec: Record,
        project: DemoProject,
        enrollment_pk: int,
        user: str,
        adult: bool,
        age: int,
        m_entry: int,
        m_exit: int | None,
        head_entry: int,
        defect: bool,
        members: list[tuple[Record, int]],
    ) -> None:
        rand, keys, rows, stamp, iso = self.rand, self.keys, self.rows, self.cal.stamp, self.cal.iso
        src, today = self.s.source_id, self.today
        person = rec.person
        family = len(members) > 1
        kind = person.income if adult else "child"
        if kind == "child" and adult:
            kind = "none"
        stages: list[tuple[int, int]] = [(1, m_entry)]
        end = m_exit if m_exit is not None else today
        if end - head_entry >= 365:
            start = dt.date.fromordinal(head_entry)
            for years in range(1, 12):
                anniversary = _anniversary(start, years)
                if anniversary > end:
                    break
                if anniversary >= m_entry and rand() < 0.9:
                    day = min(end, max(m_entry, anniversary + int(rand() * 61) - 30))
                    stages.append((5, day))
        if m_exit is not None:
            stages.append((3, m_exit))
        employed = kind == "earned"
        ssdi = kind == "ssdi"
        youth = project.focus == "youth" and adult
        for stage, day in stages:
            created = stamp(min(today, day + _delay(rand)), day)
            missing = MISSING.pick(rand) if defect and rand() < 0.3 else 0
            earned = person.earned
            income_kind = kind
            if stage == 3 and kind == "none" and rand() < 0.15:
                income_kind, earned = "earned", earned or 600 + int(rand() * 1800)
            pk = keys.take("income")
            rows.income.append(
                (pk, src, str(pk), created, created, user, enrollment_pk, rec.pk, iso(day), stage)
                + income_block(income_kind, earned, rand, family=family, missing=missing)
                + insurance_block(
                    rand, age=age, veteran=person.veteran, ssdi=ssdi, employed=employed, missing=missing
                )
            )
            for dtype, response, indefinite in person.disabilities:
                pk = keys.take("disability")
                rows.disability.append(
                    (pk, src, str(pk), created, created, user, enrollment_pk, rec.pk, iso(day), stage, dtype, response,
                     indefinite)
                )  # fmt: skip
            if stage == 5 or not adult:
                continue
            pk = keys.take("health")
            rows.health.append(
                (pk, src, str(pk), created, created, user, enrollment_pk, rec.pk, iso(day), stage)
                + health_block(person.dv, rand, missing=missing)
            )
            if youth:
                pk = keys.take("employment")
                rows.employment.append(
                    (pk, src, str(pk), created, created, user, enrollment_pk, rec.pk, iso(day), stage)
                    + employment_block(rand, earned=earned if income_kind == "earned" else 0)
                )

    def bed_nights(
        self, client_pk: int, enrollment_pk: int, user: str, m_entry: int, m_exit: int | None
    ) -> None:
        """Night-by-night shelter: a bed night (Services 200/200) on most nights of the stay."""
        rand, keys, service, stamp, iso = (
            self.rand,
            self.keys,
            self.rows.service,
            self.cal.stamp,
            self.cal.iso,
        )
        src = self.s.source_id
        last = (m_exit - 1) if m_exit is not None else self.today
        if m_exit is None and rand() < 0.15:
            # Stopped coming without being exited: HUD's inactive-record check finds these.
            last = m_entry + int(rand() * (last - m_entry) * 0.5)
        show = 0.55 + rand() * 0.4  # how regularly this person comes back
        pk = keys.next["service"]
        night = m_entry
        while night <= last:
            if night == m_entry or rand() < show:
                created = stamp(night, pk)
                service.append(
                    (pk, src, str(pk), created, created, user, enrollment_pk, client_pk, iso(night), 200, 200)
                )
                pk += 1
            night += 1
        keys.next["service"] = pk

    def contacts(
        self, client_pk: int, enrollment_pk: int, user: str, m_entry: int, m_end: int, ptype: int
    ) -> None:
        """Current living situation at each outreach contact (one at a coordinated-entry visit)."""
        rand, keys, rows, stamp, iso = self.rand, self.keys, self.rows, self.cal.stamp, self.cal.iso
        src = self.s.source_id
        day = m_entry
        verified = "Coordinated entry access point" if ptype == 14 else None
        for _ in range(1 if ptype == 14 else 12):
            pk = keys.take("cls")
            created = stamp(min(self.today, day + (0 if rand() < 0.8 else 1 + int(rand() * 5))), pk)
            rows.cls.append(
                (pk, src, str(pk), created, created, user, enrollment_pk, client_pk, iso(day),
                 C.CLS_OUTREACH.pick(rand), verified)
            )  # fmt: skip
            day += 1 + int(self.rng.expovariate(1 / 25))
            if day > m_end:
                break

    def coordinated_entry(
        self, client_pk: int, enrollment_pk: int, user: str, m_entry: int, m_end: int
    ) -> None:
        """A head of household's CE assessment at the access point visit and, for most, an event
        after it (diversion, or a referral and its result). Drawn from a stream of the enrollment's
        own, so the rest of the data is the same with or without it."""
        rand = random.Random(f"hearth-demo:{self.s.seed}:ce:{enrollment_pk}").random
        keys, rows, stamp, iso, src = self.keys, self.rows, self.cal.stamp, self.cal.iso, self.s.source_id
        pk = keys.take("assessment")
        created = stamp(min(self.today, m_entry), pk)
        rows.assessment.append(
            (pk, src, str(pk), created, created, user, enrollment_pk, client_pk, iso(m_entry),
             "Coordinated entry access point", C.CE_ASSESSMENT_TYPE.pick(rand), 1 if rand() < 0.3 else 2,
             1 if rand() < 0.35 else 2)
        )  # fmt: skip
        if rand() < 0.3:
            return
        day = min(m_end, m_entry + int(rand() * 30))
        event = C.CE_EVENT.pick(rand)
        diversion = (1 if rand() < 0.4 else 0) if event == 2 else None
        result = C.CE_REFERRAL_RESULT.pick(rand) if event in C.CE_RESULT_EVENTS else None
        pk = keys.take("event")
        created = stamp(min(self.today, day), pk)
        rows.event.append(
            (pk, src, str(pk), created, created, user, enrollment_pk, client_pk, iso(day), event, diversion,
             result, iso(day) if result is not None else None)
        )  # fmt: skip

    # -- Client rows, once each record's first stay is known -----------------------------------------

    def client_rows(self) -> None:
        rand, rows, stamp, iso = self.rand, self.rows, self.cal.stamp, self.cal.iso
        src, dq, seed = self.s.source_id, self.s.dq_defect_rate, self.s.seed
        for rec in self.records:
            p, f = rec.person, rec.fields
            child = self.cal.years(p.dob, self.today) < 18
            race = p.race
            race_none = None
            if not rec.duplicate and rand() < dq:
                rec.corruptions.append(data_quality_defect(f, self.rng, child=child))
                if rec.corruptions[-1] == "race_missing":
                    race, race_none = (0, 0, 0, 0, 0, 0, 0), MISSING.pick(rand)
            if child and f["ssn_q"] == 1 and rand() < 0.25:
                f["ssn"], f["ssn_q"] = None, 99  # young children often have no SSN on file
            veteran = 0 if child else p.veteran
            if not child and rand() < dq * 0.2:
                veteran = MISSING.pick(rand)
            sex = f.get("sex", p.sex) if rand() >= dq * 0.1 else MISSING.pick(rand)
            vet = p.vet_years if veteran == 1 else None
            created = stamp(rec.created, rec.pk)
            rows.client.append(
                (rec.pk, src, str(rec.pk), created, created, rec.user, f["first"], f["middle"], f["last"],
                 f["suffix"], f["name_q"], f["ssn"], f["ssn_q"], iso(f["dob"]) if f["dob"] else None, f["dob_q"],
                 sex, *race, race_none, veteran, vet[0] if vet else None, vet[1] if vet else None,
                 vet[2] if vet else None, vet[3] if vet else None, rec.owner)
            )  # fmt: skip
            truth_pk = self.keys.take("truth")
            rows.truth.append(
                (truth_pk, rec.pk, str(rec.pk), p.key, rec.duplicate, ",".join(rec.corruptions), seed)
            )


def _delay(rand: Any) -> int:
    """Days between an event and its data entry (HUD's timeliness measure)."""
    x = rand()
    if x < 0.7:
        return 0
    if x < 0.85:
        return 1 + int(rand() * 3)
    if x < 0.95:
        return 4 + int(rand() * 7)
    return 11 + int(rand() * 50)


def _anniversary(start: dt.date, years: int) -> int:
    try:
        return start.replace(year=start.year + years).toordinal()
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28).toordinal()
