"""Building the APR client universe for a run, in set-based SQL.

Steps (each one statement or a few, whatever the number of clients):

1. ``apr_tmp_e``: every enrollment in the run's projects active in the report range (Glossary
   "Active clients": method 1, start/exit; night-by-night shelters method 2, a bed night in the range
   or an exit in it), with each member's age as of the later of the report start and their own
   project start, their chronic homelessness at project start as an individual, and their rank among
   the client's active enrollments (1 = latest).
2. ``apr_tmp_h``: one row per program enrollment household (project, HouseholdID): household type,
   its head's project start and move-in date, youth household, chronic status inheritance inputs.
3. ``apr_tmp_b``: one row per client, from the client's latest active enrollment, with the facts of
   the enrollment, the client and the household.
4. Families of facts as temporary tables keyed by enrollment, client or household: ``stages``
   (income, benefits, insurance, disabilities, domestic violence, moving on assistance, youth
   education status) and ``quality`` (data quality, contacts, bed nights, point-in-time presence),
   plus household summaries of the base rows.
5. One INSERT writes each universe row once, joining the families (a universe row is wide: updating
   it family by family would write it dozens of times).

The rules follow HUD's HMIS Reporting Glossary and the FY2026 CoC APR programming specifications;
where those leave a choice open, the comment says which reading Hearth takes.
"""

# ruff: noqa: S608 - the SQL here is assembled from constants, integer keys and date literals
# written by hearth.reports.sql; no request text ever reaches it.

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import DatabaseError, transaction

from hearth.reports import sql
from hearth.reports.apr.codes import (
    CH_DKPNTA,
    CH_MISSING,
    CH_NO,
    CH_YES,
    HH_ONLY_CHILDREN,
    HH_UNKNOWN,
    HH_WITH_CHILDREN,
    HH_WITHOUT_CHILDREN,
)
from hearth.reports.models import AprClient

E = "apr_tmp_e"
H = "apr_tmp_h"
B = "apr_tmp_b"
HS = "apr_tmp_hs"
U = AprClient._meta.db_table

# Temporary tables made during a build, dropped at its end.
_temporary: list[str] = []

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class Scope:
    run_id: int
    start: dt.date
    end: dt.date
    project_ids: Sequence[int]
    coc_code: str = ""
    # Only the people, households and their data quality of identity (the CE APR's Q5a-Q8a):
    # no income, health, domestic violence, contacts, bed nights, point-in-time or Q6b-Q6f facts.
    people_only: bool = False

    @property
    def s(self) -> str:
        return sql.lit(self.start)

    @property
    def e(self) -> str:
        return sql.lit(self.end)

    @property
    def e1(self) -> str:
        """The day after the report end: a stayer's stay is counted up to it."""
        return sql.lit(self.end + dt.timedelta(days=1))


def build(scope: Scope, progress: Progress | None = None) -> int:
    """Fill the universe of ``scope.run_id``; return the number of clients in it."""
    report = progress or (lambda pct, step: None)
    AprClient.objects.filter(run_id=scope.run_id).delete()
    drop_temp_tables()
    # PostgreSQL: one transaction, so the few dozen statements cost one commit (the progress goes
    # through another connection, see services). SQLite commits each statement, so a long build
    # never holds the database's one write lock for long.
    atomic = transaction.atomic() if sql.is_postgres() else contextlib.nullcontext()
    with atomic:
        return _build(scope, report)


def _build(scope: Scope, report: Progress) -> int:
    from hearth.reports.apr import quality, stages

    if sql.is_postgres():
        # Memory for the sorts and hashes of a CoC-wide year; no JIT compilation, which costs more
        # than it saves on these one-off statements.
        sql.execute("SET LOCAL work_mem = '256MB'")
        sql.execute("SET LOCAL jit = off")
        # The universe is derived data (a report run is made again from the records at will), so
        # its commit need not wait for the write-ahead log of its hundreds of thousands of rows to
        # reach the disk: a crash in that instant loses the run, whose status then never said
        # finished, and nothing else.
        sql.execute("SET LOCAL synchronous_commit = off")
    try:
        report(5, "Finding active enrollments")
        active_enrollments(scope)
        report(15, "Reading households")
        households(scope)
        report(25, "Choosing each client's latest enrollment")
        base_columns = base(scope)
        families: list[Family] = []
        final: dict[str, str] = {}
        if not scope.people_only:
            report(35, "Income, benefits and insurance")
            income = stages.income(scope)
            report(50, "Health conditions and domestic violence")
            families += [
                income,
                stages.disabilities(scope),
                stages.domestic_violence(scope),
                stages.moving_on(scope),
                stages.youth_education(scope),
            ]
            report(60, "Data quality")
            families += quality.sets(scope)
            report(65, "Contacts, bed nights and point-in-time counts")
            families += [quality.contacts(scope), quality.bed_nights(scope)]
            families += list(quality.point_in_time(scope) or ())
            final = quality.final_columns(scope, income.alias)
        household_summaries(scope)
        report(75, "Writing the client universe")
        count = assemble(scope, base_columns, families, final)
    finally:
        # After a failure PostgreSQL refuses statements until the rollback, which drops the
        # temporary tables anyway.
        with contextlib.suppress(DatabaseError):
            drop_temp_tables()
    return count


def drop_temp_tables() -> None:
    for table in [E, H, B, HS, *_temporary]:
        sql.execute(f"DROP TABLE IF EXISTS {table}")
    _temporary.clear()


@dataclass(frozen=True)
class Family:
    """A temporary table of facts and how the final insert joins it (``b`` is the base row)."""

    table: str
    alias: str
    on: str
    columns: dict[str, str]


def family_table(name: str, source: str, values: dict[str, str], *, key: str = "enrollment_id") -> Family:
    """Keep ``values`` (universe column -> SQL over ``r``, a row of ``source``) in a temporary table
    keyed by ``r.ukey`` (a household key ``hk`` for households)."""
    alias = name.removeprefix("apr_tmp_")
    selected = ", ".join(f"{expr} AS {column}" for column, expr in values.items())
    if key == "household":
        keys, on, index = "r.ukey AS hk", f"{alias}.hk = b.hk", "hk"
    else:
        keys, on, index = f"r.ukey AS {key}", f"{alias}.{key} = b.{key}", key
    sql.execute(f"CREATE TEMP TABLE {name} AS SELECT {keys}, {selected} FROM ({source}) r")
    _temporary.append(name)
    _prepare(name, index)
    return Family(name, alias, on, {column: f"{alias}.{column}" for column in values})


def scratch_table(name: str, source: str) -> None:
    """A temporary table of intermediate rows that families read (dropped with the others)."""
    sql.execute(f"CREATE TEMP TABLE {name} AS {source}")
    _temporary.append(name)
    if sql.is_postgres():
        sql.analyze(name)


def set_table(name: str, source: str, alias: str) -> Family:
    """Sets of enrollments (``source`` selects ``ukey`` and a column per set, 1 or null), joined
    on the base row's enrollment; the final columns read ``alias.<set>``."""
    sql.execute(f"CREATE TEMP TABLE {name} AS {source}")
    _temporary.append(name)
    _prepare(name, "ukey")
    return Family(name, alias, f"{alias}.ukey = b.enrollment_id", {})


def _prepare(name: str, key: str) -> None:
    """Make a family table ready for the final insert: PostgreSQL joins it by hash, which wants its
    size known (so that the small side is hashed), not an index; SQLite looks it up by index."""
    if sql.is_postgres():
        sql.analyze(name)
    else:
        sql.execute(f"CREATE INDEX {name}_key ON {name} ({key})")


def household_key(alias: str) -> str:
    """One text key for a program enrollment household (project and HouseholdID): joins on one
    column are estimated well, where the planner badly underestimates joins on the pair."""
    return f"CAST({alias}.project_id AS TEXT) || ':' || {alias}.household_id"


def _chronic_tail() -> str:
    """Glossary steps on the length of homelessness: a year since the approximate start, else
    four or more times in three years and twelve or more months."""
    years = sql.whole_years("e.date_to_street_essh", "e.entry_date")
    return f"""CASE
        WHEN e.date_to_street_essh IS NOT NULL AND {years} >= 1 THEN {CH_YES}
        WHEN e.times_homeless_past_three_years = 4 THEN CASE
            WHEN e.months_homeless_past_three_years >= 112 THEN {CH_YES}
            WHEN e.months_homeless_past_three_years BETWEEN 101 AND 111 THEN {CH_NO}
            WHEN e.months_homeless_past_three_years IN (8, 9) THEN {CH_DKPNTA}
            ELSE {CH_MISSING} END
        WHEN e.times_homeless_past_three_years IN (1, 2, 3) THEN {CH_NO}
        WHEN e.times_homeless_past_three_years IN (8, 9) THEN {CH_DKPNTA}
        ELSE {CH_MISSING} END"""


def _chronic_individual() -> str:
    """Chronically homeless at project start, before household rules (Glossary)."""
    # A disabling condition is also shown by a project start disability record that is of long
    # duration and impairs (developmental and HIV/AIDS always do).
    # dis: the enrollments with such a record (joined in active_enrollments).
    disabled = "(COALESCE(e.disabling_condition, -1) = 1 OR dis.enrollment_id IS NOT NULL)"
    tail = _chronic_tail()
    return f"""CASE
        WHEN NOT {disabled} THEN CASE
            WHEN e.disabling_condition = 0 THEN {CH_NO}
            WHEN e.disabling_condition IN (8, 9) THEN {CH_DKPNTA}
            ELSE {CH_MISSING} END
        WHEN p.project_type IN (0, 1, 4, 8) THEN {tail}
        WHEN e.living_situation IS NULL THEN {CH_MISSING}
        WHEN e.living_situation BETWEEN 100 AND 199 THEN {tail}
        WHEN e.los_under_threshold IS NULL THEN {CH_MISSING}
        WHEN e.los_under_threshold = 0 THEN {CH_NO}
        WHEN e.previous_street_essh IS NULL THEN {CH_MISSING}
        WHEN e.previous_street_essh = 0 THEN {CH_NO}
        ELSE {tail} END"""


def active_enrollments(scope: Scope) -> None:
    s, e = scope.s, scope.e
    age_date = f"CASE WHEN e.entry_date > {s} THEN e.entry_date ELSE {s} END"
    # Night-by-night shelters: only stays with a bed night in the range, or an exit in it.
    nbn = f"(p.project_type IS NULL OR p.project_type <> 1 OR x.exit_date BETWEEN {s} AND {e} OR bn.enrollment_id IS NOT NULL)"
    in_scope = f"SELECT id FROM hud_enrollment WHERE project_id IN ({sql.ids(scope.project_ids)})"
    # An enrollment is active when it has no exit or its latest exit is on or after the report start:
    # only exits from the report start on are ranked (the latest exit of an enrollment with one is
    # among them); enrollments whose exits are all earlier are left out by the NOT EXISTS below.
    # Sets joined below (joins, not IN lists inside expressions, which some plans rescan per row):
    # enrollments with a project start disability of long duration that impairs, and night-by-night
    # stays with a bed night in the range.
    disability_set = f"""SELECT DISTINCT d.enrollment_id FROM hud_disabilities d
        WHERE d.enrollment_id IN ({in_scope}) AND d.date_deleted IS NULL AND d.data_collection_stage = 1
          AND ((d.disability_response = 1 AND d.disability_type IN (6, 8))
               OR (d.disability_response IN (1, 2, 3) AND d.disability_type IN (5, 7, 9, 10)
                   AND d.indefinite_and_impairs = 1))"""
    bed_night_set = f"""SELECT DISTINCT b.enrollment_id FROM hud_services b
        WHERE b.enrollment_id IN ({in_scope}) AND b.date_deleted IS NULL AND b.record_type = 200
          AND b.date_provided BETWEEN {s} AND {e}"""
    sql.execute(
        f"""CREATE TEMP TABLE {E} AS
        SELECT e.id AS enrollment_id, e.client_id, e.project_id, p.project_type, e.household_id,
            {household_key("e")} AS hk,
            e.relationship_to_ho_h AS rel, e.entry_date, x.exit_date AS exit_raw,
            CASE WHEN x.exit_date <= {e} THEN x.exit_date END AS exit_date, x.id AS exit_id,
            e.date_to_street_essh AS dts, e.enrollment_coc,
            CASE WHEN p.project_type IN (3, 13) AND e.move_in_date <= {e} THEN e.move_in_date END AS move_in,
            {sql.age("c.dob", age_date)} AS age,
            {_chronic_individual()} AS ch_ind,
            ROW_NUMBER() OVER (PARTITION BY e.client_id ORDER BY e.entry_date DESC,
                CASE WHEN x.exit_date IS NULL THEN 1 ELSE 0 END DESC, x.exit_date DESC, e.id DESC) AS rn
        FROM hud_enrollment e
        JOIN hud_project p ON p.id = e.project_id
        JOIN hud_client c ON c.id = e.client_id AND c.date_deleted IS NULL
        LEFT JOIN (
            SELECT xx.id, xx.enrollment_id, xx.exit_date, ROW_NUMBER() OVER (
                PARTITION BY xx.enrollment_id ORDER BY xx.exit_date DESC, xx.id DESC) AS xrn
            FROM hud_exit xx JOIN hud_enrollment ee ON ee.id = xx.enrollment_id
            WHERE xx.date_deleted IS NULL AND xx.exit_date >= {s}
              AND ee.project_id IN ({sql.ids(scope.project_ids)})
        ) x ON x.enrollment_id = e.id AND x.xrn = 1
        LEFT JOIN ({disability_set}) dis ON dis.enrollment_id = e.id
        LEFT JOIN ({bed_night_set}) bn ON bn.enrollment_id = e.id
        WHERE e.date_deleted IS NULL AND e.project_id IN ({sql.ids(scope.project_ids)})
          AND e.entry_date <= {e}
          AND (x.id IS NOT NULL OR NOT EXISTS (
              SELECT 1 FROM hud_exit x0 WHERE x0.enrollment_id = e.id AND x0.date_deleted IS NULL))
          AND {nbn}"""
    )
    sql.execute(f"CREATE INDEX {E}_hh ON {E} (hk)")
    if scope.coc_code:
        # A household belongs to the CoC its head of household was served in (3.16, collected for
        # heads of household only); households whose head names another CoC are left out.
        sql.execute(
            f"""DELETE FROM {E} WHERE EXISTS (
                SELECT 1 FROM {E} hh WHERE hh.hk = {E}.hk AND hh.rel = 1
                  AND hh.enrollment_coc IS NOT NULL AND hh.enrollment_coc <> %s)""",
            [scope.coc_code],
        )
    sql.execute(f"CREATE INDEX {E}_client ON {E} (client_id)")
    sql.analyze(E)


def households(scope: Scope) -> None:
    """Program enrollment households, from every active enrollment in scope (not only the latest
    per client), so a household's type counts all its members; with the chronic status of the
    members present at the household's start (Glossary: household rules)."""
    summary = f"""SELECT hk,
            MAX(CASE WHEN age >= 18 THEN 1 ELSE 0 END) AS adults,
            MAX(CASE WHEN age < 18 THEN 1 ELSE 0 END) AS children,
            MAX(CASE WHEN age IS NULL THEN 1 ELSE 0 END) AS unknown,
            MAX(age) AS oldest,
            MAX(CASE WHEN age BETWEEN 0 AND 17 AND rel = 2 THEN 1 ELSE 0 END) AS has_children,
            COUNT(DISTINCT CASE WHEN rel = 1 THEN client_id END) AS hoh_count,
            MIN(CASE WHEN rel = 1 THEN entry_date END) AS hoh_entry,
            MIN(CASE WHEN rel = 1 AND move_in IS NOT NULL AND (exit_date IS NULL OR move_in <= exit_date)
                THEN CASE WHEN move_in < entry_date THEN entry_date ELSE move_in END END) AS hoh_move_in,
            MIN(CASE WHEN rel = 1 THEN move_in END) AS hoh_move_in_recorded,
            MIN(CASE WHEN rel = 1 THEN dts END) AS hoh_dts,
            MIN(entry_date) AS first_entry
        FROM {E} GROUP BY hk"""
    # Members present at the start: those entering on the household's first project start (a
    # window over the household, so the members are read once).
    at_start = f"""SELECT hk, MIN(ch_ind) AS ch_min,
            MIN(CASE WHEN rel = 1 THEN ch_ind END) AS ch_hoh,
            MIN(CASE WHEN rel = 1 OR age >= 18 THEN ch_ind END) AS ch_hoh_or_adult
        FROM (SELECT hk, rel, age, ch_ind, entry_date,
                MIN(entry_date) OVER (PARTITION BY hk) AS first_entry FROM {E}) m
        WHERE entry_date = first_entry
        GROUP BY hk"""
    sql.execute(
        f"""CREATE TEMP TABLE {H} AS
        SELECT s.*, q.ch_min, q.ch_hoh, q.ch_hoh_or_adult
        FROM ({summary}) s
        JOIN ({at_start}) q ON q.hk = s.hk"""
    )
    sql.execute(f"CREATE UNIQUE INDEX {H}_key ON {H} (hk)")
    sql.analyze(H)


def household_type_sql() -> str:
    return f"""CASE WHEN h.adults = 1 AND h.children = 1 THEN {HH_WITH_CHILDREN}
        WHEN h.unknown = 1 THEN {HH_UNKNOWN}
        WHEN h.adults = 1 THEN {HH_WITHOUT_CHILDREN}
        WHEN h.children = 1 THEN {HH_ONLY_CHILDREN}
        ELSE {HH_UNKNOWN} END"""


def _member_move_in() -> str:
    """Housing move-in of a member of a PSH or RRH household (Glossary, "Handling Housing Move-In
    Dates"): the head of household's move-in date applies to the household. A head's move-in
    recorded before their own project start counts from the project start (as HUD's Data Lab
    reference reports do); one after the head's exit, or after the report end, is disregarded. A
    member present at move-in is housed that day; a member who joined later (or was born later) is
    housed from their own project start; a member who left before move-in was never housed."""
    return """CASE WHEN t.project_type NOT IN (3, 13) OR h.hoh_move_in IS NULL THEN NULL
        WHEN h.hoh_move_in >= t.entry_date AND (c.dob IS NULL OR h.hoh_move_in >= c.dob)
            AND (t.exit_date IS NULL OR h.hoh_move_in <= t.exit_date) THEN h.hoh_move_in
        WHEN t.exit_date IS NULL OR h.hoh_move_in <= t.exit_date THEN t.entry_date
        END"""


def _chronic_household() -> str:
    """Household rules for chronic homelessness at project start: members present at the start
    are chronically homeless if any of them is; a child whose adults and head are not is not; when
    the adults' and head's status is unknown the head's status is carried."""
    at_start = "t.entry_date = h.first_entry"
    return f"""CASE
        WHEN {at_start} AND h.ch_min = {CH_YES} THEN {CH_YES}
        WHEN {at_start} AND h.ch_hoh_or_adult = {CH_NO} AND t.age < 18 THEN {CH_NO}
        WHEN {at_start} AND h.ch_hoh_or_adult IN ({CH_DKPNTA}, {CH_MISSING}) AND h.ch_hoh IS NOT NULL
            THEN h.ch_hoh
        ELSE t.ch_ind END"""


def _base_values(scope: Scope) -> dict[str, str]:
    """Universe column -> SQL over the client's latest active enrollment (``t``), its household
    (``h``), the HUD enrollment (``en``), the client (``c``) and the exit (``x``)."""
    s, e, e1 = scope.s, scope.e, scope.e1
    entry_created = sql.local_date("en.date_created")
    exit_created = sql.local_date("x.date_created")
    years_in = sql.whole_years("h.hoh_entry", e)
    return {
        "client_id": "t.client_id",
        "enrollment_id": "t.enrollment_id",
        "project_id": "t.project_id",
        "personal_id": "c.hud_id",
        "project_type": "t.project_type",
        "household_id": "t.household_id",
        "relationship_to_hoh": "t.rel",
        "is_hoh": "COALESCE(t.rel = 1, FALSE)",
        "household_type": household_type_sql(),
        "hoh_entry_date": "h.hoh_entry",
        "entry_date": "t.entry_date",
        "exit_date": "t.exit_date",
        "is_leaver": "(t.exit_date IS NOT NULL)",
        "los_days": sql.days("t.entry_date", f"COALESCE(t.exit_date, {e1})"),
        "move_in_date": _member_move_in(),
        "hoh_move_in_date": "h.hoh_move_in",
        "hoh_move_in_recorded": "h.hoh_move_in_recorded",
        "date_of_engagement": "en.date_of_engagement",
        # Street outreach clients count in the data quality figures once engaged (date of
        # engagement on or before the report end).
        "in_dq": f"COALESCE(t.project_type <> 4, TRUE) OR COALESCE(en.date_of_engagement <= {e}, FALSE)",
        "entry_lag_days": f"CASE WHEN t.entry_date >= {s} THEN {sql.days('t.entry_date', entry_created)} END",
        "exit_lag_days": f"CASE WHEN t.exit_date IS NOT NULL THEN {sql.days('t.exit_date', exit_created)} END",
        "dob": "c.dob",
        "dob_quality": "c.dob_data_quality",
        "age": "t.age",
        "sex": "c.sex",
        "veteran_status": "c.veteran_status",
        # Children are never counted as veterans; adults and people of unknown age by their answer.
        "is_veteran": "COALESCE(t.age >= 18 OR t.age IS NULL, FALSE) AND COALESCE(c.veteran_status = 1, FALSE)",
        "race_mask": _race_mask(),
        "race_count": _race_count(),
        "race_none": "c.race_none",
        "chronic": _chronic_household(),
        "youth_household": "COALESCE(h.oldest BETWEEN 0 AND 24, FALSE)",
        "is_youth": "COALESCE(h.oldest BETWEEN 0 AND 24 AND t.age >= 12, FALSE)",
        "has_youth_children": "COALESCE(h.has_children = 1, FALSE)",
        "is_parenting_youth": (
            "COALESCE(h.oldest BETWEEN 0 AND 24 AND t.age >= 12 AND h.has_children = 1"
            " AND (t.rel = 1 OR t.age >= 18), FALSE)"
        ),
        "living_situation": "en.living_situation",
        "rental_subsidy_type": "en.rental_subsidy_type",
        "length_of_stay": "en.length_of_stay",
        "los_under_threshold": "en.los_under_threshold",
        "previous_street_essh": "en.previous_street_essh",
        "date_to_street_essh": "en.date_to_street_essh",
        "times_homeless": "en.times_homeless_past_three_years",
        "months_homeless": "en.months_homeless_past_three_years",
        "disabling_condition": "en.disabling_condition",
        "destination": "CASE WHEN t.exit_date IS NOT NULL THEN x.destination END",
        "destination_subsidy_type": "CASE WHEN t.exit_date IS NOT NULL THEN x.destination_subsidy_type END",
        "housing_assessment": "CASE WHEN t.exit_date IS NOT NULL THEN x.housing_assessment END",
        "subsidy_information": "CASE WHEN t.exit_date IS NOT NULL THEN x.subsidy_information END",
        # Annual assessments fall on the anniversary of the head of household's project start,
        # counted in whole years like an age.
        "annual_due": f"CASE WHEN {years_in} >= 1 THEN {sql.add_years('h.hoh_entry', years_in)} END",
    }


# Base columns that only help build the universe (not universe columns).
_BASE_ONLY = ("hoh_dts", "hk")


def base(scope: Scope) -> list[str]:
    """``apr_tmp_b``: one row per client from the latest active enrollment; return the universe
    columns it holds."""
    from hearth.reports.apr import quality

    values = _base_values(scope)
    dq_values, params = quality.base_columns(scope)
    values.update(dq_values)
    values["hoh_dts"] = "h.hoh_dts"
    values["hk"] = "t.hk"
    selected = ",\n            ".join(f"{expr} AS {column}" for column, expr in values.items())
    sql.execute(
        f"""CREATE TEMP TABLE {B} AS
        SELECT {selected}
        FROM {E} t
        JOIN {H} h ON h.hk = t.hk
        JOIN hud_enrollment en ON en.id = t.enrollment_id
        JOIN hud_client c ON c.id = t.client_id
        LEFT JOIN hud_exit x ON x.id = t.exit_id
        WHERE t.rn = 1""",
        params,
    )
    sql.execute(f"CREATE UNIQUE INDEX {B}_enrollment ON {B} (enrollment_id)")
    sql.execute(f"CREATE INDEX {B}_client ON {B} (client_id)")
    sql.execute(f"CREATE INDEX {B}_hh ON {B} (hk)")
    sql.analyze(B)
    return [column for column in values if column not in _BASE_ONLY]


def household_summaries(scope: Scope) -> None:
    """``apr_tmp_hs``: per program enrollment household, from the universe's members: a head of
    household staying 365 days or more (Q5a), the best chronic status and the veterans (Q25b,
    Q26a), and the age of a parenting youth head (Q27b)."""
    stay = sql.days("entry_date", scope.e)
    adult_vet = "age >= 18 AND veteran_status"
    sql.execute(
        f"""CREATE TEMP TABLE {HS} AS
        SELECT hk,
            MAX(CASE WHEN is_hoh AND NOT is_leaver AND {stay} >= 365 THEN 1 ELSE 0 END) AS hoh_long,
            MIN(chronic) AS ch,
            MAX(CASE WHEN {adult_vet} = 1 AND chronic = {CH_YES} THEN 1 ELSE 0 END) AS ch_vet,
            MAX(CASE WHEN {adult_vet} = 1 THEN 1 ELSE 0 END) AS vet,
            MAX(CASE WHEN {adult_vet} IN (8, 9) THEN 1 ELSE 0 END) AS dk,
            MAX(CASE WHEN age >= 18 AND COALESCE(veteran_status, 99) = 99 THEN 1 ELSE 0 END) AS dnc,
            MIN(CASE WHEN is_hoh AND is_parenting_youth THEN CASE WHEN age < 18 THEN 1 ELSE 2 END END) AS led_by
        FROM {B} GROUP BY hk"""
    )
    sql.execute(f"CREATE UNIQUE INDEX {HS}_key ON {HS} (hk)")
    sql.analyze(HS)


def _default(column: str) -> str | None:
    """The database default of a universe column as SQL, or None."""
    default = getattr(AprClient._meta.get_field(column), "db_default", None)
    if isinstance(default, bool):
        return "TRUE" if default else "FALSE"
    if isinstance(default, int):
        return str(default)
    return None


def _derived(scope: Scope) -> dict[str, str]:
    """Columns computed from the base row (``b``) and its household summary (``hs``)."""
    stay = sql.days("b.entry_date", scope.e)
    # Q22e: homelessness starts at DateToStreetESSH (children entering with the head of household
    # carry the head's); housing starts at move-in for permanent housing, else at project start.
    counted = "b.project_type IN (0, 1, 2, 3, 8, 9, 10, 13)"
    homeless_start = f"""CASE WHEN NOT ({counted}) THEN NULL
        WHEN b.age < 18 AND b.entry_date = b.hoh_entry_date THEN b.hoh_dts
        WHEN b.date_to_street_essh <= b.entry_date THEN b.date_to_street_essh END"""
    housing = f"""CASE WHEN NOT ({counted}) THEN NULL
        WHEN b.project_type IN (3, 9, 10, 13) THEN b.move_in_date ELSE b.entry_date END"""
    return {
        # Heads of household and adult stayers in the project 365 days or more (Q5a): a head of
        # household's stay counts for the adults of the household. Days are counted up to the
        # report end (a stay starting on the report start is not yet 365 days in).
        "long_stayer": f"""COALESCE(NOT b.is_leaver AND (((b.is_hoh OR b.age >= 18) AND {stay} >= 365)
            OR (b.age >= 18 AND hs.hoh_long = 1)), FALSE)""",
        # An annual assessment is expected of stayers once the head of household has been in the
        # project a year; a member who joined after the latest anniversary is not yet due.
        "annual_expected": "COALESCE(NOT b.is_leaver AND b.entry_date < b.annual_due, FALSE)",
        "homeless_start_date": homeless_start,
        "housing_date": housing,
        "days_to_move_in": f"CASE WHEN b.move_in_date IS NOT NULL THEN {sql.days('b.entry_date', 'b.move_in_date')} END",
        "days_to_housing": f"""CASE WHEN ({homeless_start}) IS NOT NULL AND ({housing}) IS NOT NULL
            AND ({homeless_start}) <= ({housing}) THEN {sql.days(f"({homeless_start})", f"({housing})")} END""",
        "hh_chronic": "hs.ch",
        "hh_veteran": """CASE WHEN hs.ch_vet = 1 THEN 1 WHEN hs.vet = 1 THEN 2
            WHEN hs.dk = 1 THEN 4 WHEN hs.dnc = 1 THEN 5 ELSE 3 END""",
        "hh_parenting_youth": "hs.led_by",
    }


def assemble(scope: Scope, base_columns: list[str], families: list[Family], final: dict[str, str]) -> int:
    """Write the universe rows of the run in one INSERT from the base rows and the families."""
    values: dict[str, str] = {"run_id": str(int(scope.run_id))}
    values.update({column: f"b.{column}" for column in base_columns})
    for family in families:
        for column, expr in family.columns.items():
            default = _default(column)
            value = f"COALESCE({expr}, {default})" if default is not None else expr
            if column == "bed_nights":
                # Night-by-night shelters count stays in bed nights (none recorded: zero).
                value = f"CASE WHEN b.project_type = 1 THEN COALESCE({expr}, 0) END"
            values[column] = value
    values.update(_derived(scope))
    values.update(final)
    joins = "\n        ".join(f"LEFT JOIN {f.table} {f.alias} ON {f.on}" for f in families)
    columns = ", ".join(values)
    selected = ",\n            ".join(values.values())
    count = sql.execute(
        f"""INSERT INTO {U} ({columns})
        SELECT {selected}
        FROM {B} b
        {joins}
        LEFT JOIN {HS} hs ON hs.hk = b.hk"""
    )
    if count >= 20_000:
        # Fresh statistics for the table evaluation that follows, which reads a run's rows by
        # run_id and aggregates them: only run_id's statistics steer its plans (sampling the
        # statistics of all two hundred columns of a CoC's half a million rows costs seconds).
        sql.analyze(U, ["run_id"])
    return count


# Race and ethnicity (3.04) combinations as APR Q12 reports them (FY2026: one question).
RACE_FIELDS = (
    ("am_ind_ak_native", 1),
    ("asian", 2),
    ("black_af_american", 3),
    ("native_hi_pacific", 4),
    ("white", 5),
    ("hispanic_latinao", 6),
    ("mid_east_n_african", 7),
)


def _race_mask() -> str:
    return " + ".join(f"(CASE WHEN c.{f} = 1 THEN {1 << (n - 1)} ELSE 0 END)" for f, n in RACE_FIELDS)


def _race_count() -> str:
    return " + ".join(f"(CASE WHEN c.{f} = 1 THEN 1 ELSE 0 END)" for f, _ in RACE_FIELDS)
