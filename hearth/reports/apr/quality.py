"""Universe facts for data quality (APR Q6, the DQ report), street outreach contacts (Q9) and the
point-in-time counts (Q7b, Q8b): the temporary tables and the column expressions the final insert
uses (see universe.assemble; ``b`` is the base row, the other aliases are the families' tables)."""

# ruff: noqa: S608 - the SQL here is assembled from constants, integer keys and date literals
# written by hearth.reports.sql; no request text ever reaches it.

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from hearth.reports import sql
from hearth.reports.apr.codes import DQ_DKPNTA, DQ_ISSUE, DQ_MISSING, DQ_OK
from hearth.reports.apr.universe import B, E, Family, H, Scope, family_table, scratch_table, set_table

_DIGITS = "0123456789"


@lru_cache(maxsize=1)
def invalid_ssns() -> tuple[str, ...]:
    """Placeholder SSNs: one digit repeated, and runs of consecutive digits either way."""
    repeated = [d * 9 for d in _DIGITS]
    ascending = [(_DIGITS * 2)[i : i + 9] for i in range(10)]
    descending = [s[::-1] for s in ascending]
    return tuple(sorted(set(repeated + ascending + descending)))


def _ssn_issue(ssn: str) -> str:
    placeholders = ", ".join(f"'{s}'" for s in invalid_ssns())
    return f"""(LENGTH({ssn}) <> 9 OR NOT {sql.all_digits(ssn, 9)}
        OR SUBSTR({ssn}, 1, 3) IN ('000', '666') OR SUBSTR({ssn}, 1, 1) = '9'
        OR SUBSTR({ssn}, 4, 2) = '00' OR SUBSTR({ssn}, 6, 4) = '0000' OR {ssn} IN ({placeholders}))"""


def valid_coc_codes() -> list[str]:
    """CoC codes accepted as a client location (3.16): HUD's list plus the codes of this HMIS's own
    projects (ProjectCoC), so an HMIS whose projects use a code HUD has not listed yet (or a test
    CoC) does not see every head of household flagged."""
    from hearth.hud.codelists import LISTS
    from hearth.projects.models import ProjectCoC

    codes = {str(code) for code in LISTS["2.03.1"].values}
    codes |= set(ProjectCoC.objects.values_list("coc_code", flat=True).distinct())
    return sorted(codes)


def base_columns(scope: Scope) -> tuple[dict[str, str], list[str]]:
    """Q6a and Q6b columns computed with the base row (``t`` enrollment, ``c`` client, ``en`` HUD
    enrollment, ``h`` household), and the parameters they use."""
    created = sql.local_date("c.date_created")
    coc_codes = valid_coc_codes()
    adult_or_hoh = "(t.rel = 1 OR t.age >= 18)"
    columns = {
        "dq_name": f"""CASE WHEN c.name_data_quality IN (8, 9) THEN {DQ_DKPNTA}
            WHEN c.name_data_quality = 99 OR COALESCE(c.first_name, '') = '' OR COALESCE(c.last_name, '') = ''
                THEN {DQ_MISSING}
            WHEN c.name_data_quality = 2 THEN {DQ_ISSUE} ELSE {DQ_OK} END""",
        "dq_ssn": f"""CASE WHEN c.ssn_data_quality IN (8, 9) THEN {DQ_DKPNTA}
            WHEN c.ssn_data_quality = 99 OR COALESCE(c.ssn, '') = '' THEN {DQ_MISSING}
            WHEN c.ssn_data_quality = 2 OR {_ssn_issue("c.ssn")} THEN {DQ_ISSUE} ELSE {DQ_OK} END""",
        "dq_dob": f"""CASE WHEN c.dob IS NULL AND c.dob_data_quality IN (8, 9) THEN {DQ_DKPNTA}
            WHEN c.dob IS NULL THEN {DQ_MISSING}
            WHEN c.dob_data_quality IN (2, 8, 9, 99) OR c.dob < {sql.lit(dt.date(1915, 1, 1))}
                OR c.dob > {created} OR (c.dob >= t.entry_date AND {adult_or_hoh}) THEN {DQ_ISSUE}
            ELSE {DQ_OK} END""",
        "dq_race": f"""CASE WHEN c.race_none IN (8, 9) THEN {DQ_DKPNTA}
            WHEN ({" + ".join(f"(CASE WHEN c.{f} = 1 THEN 1 ELSE 0 END)" for f in RACE_COLUMNS)}) = 0 THEN {DQ_MISSING}
            ELSE {DQ_OK} END""",
        "dq_veteran": f"""CASE WHEN t.age >= 18 AND c.veteran_status IN (8, 9) THEN {DQ_DKPNTA}
            WHEN t.age >= 18 AND COALESCE(c.veteran_status, 99) = 99 THEN {DQ_MISSING}
            WHEN t.age < 18 AND c.veteran_status = 1 THEN {DQ_ISSUE} ELSE {DQ_OK} END""",
        "dq_relationship": f"""CASE WHEN t.rel IS NULL THEN {DQ_MISSING}
            WHEN t.rel NOT IN (1, 2, 3, 4, 5) OR COALESCE(h.hoh_count <> 1, TRUE) THEN {DQ_ISSUE} ELSE {DQ_OK} END""",
        "dq_location": f"""CASE WHEN COALESCE(t.rel, 0) <> 1 THEN {DQ_OK}
            WHEN COALESCE(en.enrollment_coc, '') = '' THEN {DQ_MISSING}
            WHEN en.enrollment_coc NOT IN ({", ".join(["%s"] * len(coc_codes))}) THEN {DQ_ISSUE} ELSE {DQ_OK} END""",
    }
    return columns, coc_codes


RACE_COLUMNS = (
    "am_ind_ak_native",
    "asian",
    "black_af_american",
    "native_hi_pacific",
    "white",
    "hispanic_latinao",
    "mid_east_n_african",
)


def sets(scope: Scope) -> list[Family]:
    """Enrollments flagged by Q6b: a start inside an earlier stay of the same client in the same
    project; a disabling condition of "No" against the latest disability records (of long duration
    and impairing)."""
    overlap = f"""SELECT DISTINCT later.enrollment_id AS ukey FROM {B} later
        JOIN hud_enrollment o ON o.client_id = later.client_id AND o.project_id = later.project_id
            AND o.id <> later.enrollment_id AND o.date_deleted IS NULL
        JOIN hud_exit ox ON ox.enrollment_id = o.id AND ox.date_deleted IS NULL
        WHERE o.entry_date < later.entry_date AND later.entry_date < ox.exit_date"""
    disabling = f"""SELECT DISTINCT d.enrollment_id AS ukey FROM hud_disabilities d
        JOIN (SELECT d2.enrollment_id, MAX(d2.information_date) AS latest
              FROM {B} u2 JOIN hud_disabilities d2 ON d2.enrollment_id = u2.enrollment_id
              WHERE u2.disabling_condition = 0 AND d2.date_deleted IS NULL GROUP BY d2.enrollment_id) l
          ON l.enrollment_id = d.enrollment_id AND d.information_date = l.latest
        WHERE d.date_deleted IS NULL
          AND (d.disability_response = 1 OR (d.disability_type = 10 AND d.disability_response IN (2, 3)))
          AND (d.disability_type IN (6, 8) OR (d.disability_type IN (5, 7, 9, 10) AND d.indefinite_and_impairs = 1))"""
    since = sql.lit(max(scope.end - dt.timedelta(days=90), scope.start))
    recent_contact = f"""SELECT DISTINCT s.enrollment_id AS ukey FROM {B} u
        JOIN hud_current_living_situation s ON s.enrollment_id = u.enrollment_id
        WHERE u.project_type IN (4, 6) AND s.date_deleted IS NULL AND s.information_date >= {since}
          AND s.information_date <= {scope.e}"""
    recent_bed = f"""SELECT DISTINCT s.enrollment_id AS ukey FROM {B} u
        JOIN hud_services s ON s.enrollment_id = u.enrollment_id
        WHERE u.project_type = 1 AND s.date_deleted IS NULL AND s.record_type = 200
          AND s.date_provided >= {since} AND s.date_provided <= {scope.e}"""
    path_funded = """SELECT DISTINCT u.enrollment_id AS ukey FROM {B} u
        JOIN hud_funder f ON f.project_id = u.project_id AND f.funder = 21 AND f.date_deleted IS NULL
        WHERE u.project_type = 6""".replace("{B}", B)
    # One table of flags (1 or null) for the five sets: the final insert joins one table, not five
    # (each join of half a million wide rows costs a few hundred milliseconds).
    flagged = {"ov": overlap, "ld": disabling, "rc": recent_contact, "rb": recent_bed, "pf": path_funded}
    branches = [
        "SELECT ukey, "
        + ", ".join(f"{1 if other == name else 'CAST(NULL AS INTEGER)'} AS {other}" for other in flagged)
        + f" FROM ({source}) {name}_s"
        for name, source in flagged.items()
    ]
    combined = (
        "SELECT ukey, "
        + ", ".join(f"MAX({name}) AS {name}" for name in flagged)
        + f" FROM ({' UNION ALL '.join(branches)}) f GROUP BY ukey"
    )
    return [set_table("apr_tmp_fl", combined, "fl")]


def _income_quality(prefix: str, alias: str) -> str:
    """Q6c: income and sources at a stage: don't know / prefers not to answer; missing (no record
    dated for the stage, or not collected); issue when the answer contradicts the sources."""
    found = f"COALESCE({alias}.{prefix}_found, FALSE)"
    answer = f"{alias}.{prefix}_any"
    sources = f"COALESCE({alias}.{prefix}_nsrc, 0)"
    return f"""CASE WHEN {found} AND {answer} IN (8, 9) THEN {DQ_DKPNTA}
        WHEN NOT {found} OR {answer} IS NULL OR {answer} = 99 THEN {DQ_MISSING}
        WHEN ({answer} = 0 AND {sources} > 0) OR ({answer} = 1 AND {sources} = 0) THEN {DQ_ISSUE}
        ELSE {DQ_OK} END"""


# Q6d: living situations (3.917.1) by the group whose length-of-stay question applies.
INSTITUTIONAL = "(215, 206, 207, 225, 204, 205)"
OTHER_HOUSING = "(302, 314, 329, 332, 335, 336, 410, 411, 421, 435, 8, 9, 99)"


def final_columns(scope: Scope, income: str) -> dict[str, str]:
    """Q6b-Q6f columns of the final insert (``income`` is the alias of the income family)."""
    adult_or_hoh = "(b.is_hoh OR b.age >= 18)"
    group = f"""CASE WHEN b.in_dq AND {adult_or_hoh} AND b.entry_date >= {sql.lit(dt.date(2016, 10, 1))}
            AND b.project_type IN (0, 1, 2, 3, 4, 6, 8, 9, 10, 11, 12, 13, 14) THEN CASE
            WHEN b.project_type IN (0, 1, 4, 8) THEN 1 WHEN b.project_type = 2 THEN 2
            WHEN b.project_type IN (3, 9, 10, 13) THEN 3 WHEN b.project_type = 14 THEN 4 ELSE 5 END END"""
    institutional = f"b.living_situation IN {INSTITUTIONAL}"
    other = f"(b.living_situation IS NULL OR b.living_situation IN {OTHER_HOUSING})"
    los_missing = "COALESCE(b.length_of_stay IN (8, 9, 99), TRUE)"
    asked_history = f"""({group} = 1 OR b.living_situation IN (116, 101, 118) OR (b.previous_street_essh = 1 AND (
        ({institutional} AND b.length_of_stay IN (10, 11, 2, 3)) OR ({other} AND b.length_of_stay IN (10, 11)))))"""
    counted = f"({group}) IS NOT NULL"
    long_enough = f"b.is_leaver = FALSE AND {sql.days('b.entry_date', scope.e)} >= 90 AND b.in_dq"
    annual_expected = "(b.is_leaver = FALSE AND b.annual_due IS NOT NULL AND b.entry_date < b.annual_due)"
    return {
        "dq_start_overlap": "(fl.ov IS NOT NULL)",
        "dq_disabling": f"""CASE WHEN b.disabling_condition IN (8, 9) THEN {DQ_DKPNTA}
            WHEN COALESCE(b.disabling_condition, 99) = 99 THEN {DQ_MISSING}
            WHEN b.disabling_condition = 0 AND fl.ld IS NOT NULL THEN {DQ_ISSUE} ELSE {DQ_OK} END""",
        "dq_destination": f"""CASE WHEN NOT b.is_leaver THEN {DQ_OK} WHEN b.destination IN (8, 9) THEN {DQ_DKPNTA}
            WHEN b.destination IS NULL OR b.destination IN (30, 99) THEN {DQ_MISSING} ELSE {DQ_OK} END""",
        "dq_income_start": f"CASE WHEN {adult_or_hoh} THEN {_income_quality('inc_start', income)} ELSE {DQ_OK} END",
        "dq_income_annual": f"""CASE WHEN {annual_expected} AND {adult_or_hoh}
            THEN {_income_quality("inc_annual", income)} ELSE {DQ_OK} END""",
        "dq_income_exit": f"""CASE WHEN b.is_leaver AND {adult_or_hoh}
            THEN {_income_quality("inc_exit", income)} ELSE {DQ_OK} END""",
        "ch_dq_group": group,
        "dq_ch_institution": f"COALESCE({counted} AND {group} <> 1 AND {institutional} AND {los_missing}, FALSE)",
        "dq_ch_housing": f"COALESCE({counted} AND {group} <> 1 AND {other} AND {los_missing}, FALSE)",
        "dq_ch_date": f"COALESCE({counted} AND {asked_history} AND b.date_to_street_essh IS NULL, FALSE)",
        "dq_ch_times": f"COALESCE({counted} AND {asked_history} AND COALESCE(b.times_homeless IN (8, 9, 99), TRUE), FALSE)",
        "dq_ch_months": f"COALESCE({counted} AND {asked_history} AND COALESCE(b.months_homeless IN (8, 9, 99), TRUE), FALSE)",
        # Q6f: stayers of 90 days or more; contacts for adults and heads of household in street
        # outreach or PATH-funded services only; bed nights for everyone in night-by-night shelter.
        "inactive_contact": f"""CASE WHEN {long_enough} AND {adult_or_hoh}
                AND (b.project_type = 4 OR fl.pf IS NOT NULL)
            THEN CASE WHEN fl.rc IS NOT NULL THEN 1 ELSE 2 END ELSE 0 END""",
        "inactive_bed_night": f"""CASE WHEN {long_enough} AND b.project_type = 1
            THEN CASE WHEN fl.rb IS NOT NULL THEN 1 ELSE 2 END ELSE 0 END""",
        "engaged_in_range": f"COALESCE(b.project_type IN (1, 4) AND b.date_of_engagement BETWEEN {scope.s} AND {scope.e}, FALSE)",
    }


def contacts(scope: Scope) -> Family:
    """Q9: contacts (4.12 current living situation records) of street outreach and night-by-night
    shelter clients, up to the date of engagement; the date of engagement counts as a contact
    ("worker unable to determine") when no contact is recorded that day."""
    s, e = scope.s, scope.e
    window = """s.information_date >= u.entry_date AND (u.exit_date IS NULL OR s.information_date <= u.exit_date)
        AND (u.date_of_engagement IS NULL OR s.information_date <= u.date_of_engagement)"""
    source = f"""SELECT ukey, COUNT(*) AS n,
            MAX(CASE WHEN first_pick = 1 THEN grp END) AS first_contact,
            MAX(CASE WHEN information_date >= {s} THEN 1 ELSE 0 END) AS in_range
        FROM (SELECT ukey, information_date, grp, ROW_NUMBER() OVER (
                PARTITION BY ukey ORDER BY information_date, grp DESC) AS first_pick
            FROM (
                SELECT u.enrollment_id AS ukey, s.information_date, CASE
                    WHEN s.current_living_situation BETWEEN 100 AND 199 THEN 2
                    WHEN s.current_living_situation IN (37, 8, 9, 99) THEN 3 ELSE 1 END AS grp
                FROM {B} u JOIN hud_current_living_situation s ON s.enrollment_id = u.enrollment_id
                WHERE u.project_type IN (1, 4) AND s.date_deleted IS NULL AND s.information_date <= {e} AND {window}
                UNION ALL
                SELECT u.enrollment_id, u.date_of_engagement, 3 FROM {B} u
                WHERE u.project_type IN (1, 4) AND u.date_of_engagement <= {e}
                  AND NOT EXISTS (SELECT 1 FROM hud_current_living_situation s WHERE s.enrollment_id = u.enrollment_id
                      AND s.date_deleted IS NULL AND s.information_date = u.date_of_engagement)
            ) contacts) ranked
        GROUP BY ukey"""
    values = {"contacts": "r.n", "first_contact": "r.first_contact", "contacted_in_range": "(r.in_range = 1)"}
    return family_table("apr_tmp_ct", source, values)


def bed_nights(scope: Scope) -> Family:
    """Night-by-night shelters count stays in bed nights (project start to the report end)."""
    source = f"""SELECT u.enrollment_id AS ukey, COUNT(DISTINCT s.date_provided) AS n
        FROM {B} u JOIN hud_services s ON s.enrollment_id = u.enrollment_id
        WHERE u.project_type = 1 AND s.date_deleted IS NULL AND s.record_type = 200
          AND s.date_provided >= u.entry_date AND s.date_provided <= {scope.e}
          AND (u.exit_date IS NULL OR s.date_provided < u.exit_date)
        GROUP BY u.enrollment_id"""
    return family_table("apr_tmp_bn", source, {"bed_nights": "r.n"})


def pit_dates(start: dt.date, end: dt.date) -> dict[str, dt.date | None]:
    """The last Wednesday of January, April, July and October within the range (the latest one
    when the range holds several); None when the range holds none."""
    found: dict[str, dt.date | None] = {}
    for key, month in (("jan", 1), ("apr", 4), ("jul", 7), ("oct", 10)):
        best = None
        for year in range(end.year, start.year - 1, -1):
            next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
            last = next_month - dt.timedelta(days=1)
            wednesday = last - dt.timedelta(days=(last.weekday() - 2) % 7)
            if start <= wednesday <= end:
                best = wednesday
                break
        found[key] = best
    return found


# Project types where a person sleeps (entry/exit shelter, transitional housing, PSH, safe haven,
# PH housing only and with services, RRH); night-by-night shelter (1) goes by its bed nights.
RESIDENTIAL = "(0, 2, 3, 8, 9, 10, 13)"
PRESENT = "apr_tmp_present"


def _present(on: str, key: str) -> str:
    """Whether active enrollment ``m`` is present on the date ``on``: entered by then; housed by
    then in PSH and RRH; not yet exited from a residential project (an exit on the night means the
    person slept elsewhere), exited on the night or later from any other kind (street outreach,
    services only, day shelter, homelessness prevention, coordinated entry, other); in
    night-by-night shelters, a bed night that night (``nights.{key}``)."""
    return f"""(m.entry_date <= {on}
        AND (m.project_type NOT IN (3, 13) OR ph.hoh_move_in <= {on})
        AND CASE WHEN m.project_type = 1 THEN COALESCE(nights.{key}, 0) = 1
            WHEN m.project_type IN {RESIDENTIAL} THEN (m.exit_raw IS NULL OR m.exit_raw > {on})
            ELSE (m.exit_raw IS NULL OR m.exit_raw >= {on}) END)"""


def point_in_time(scope: Scope) -> tuple[Family, Family] | None:
    """Q7b persons present on each night (through any of their active enrollments) and Q8b
    households with any member present (flagged on their head of household)."""
    dates = {key: day for key, day in pit_dates(scope.start, scope.end).items() if day is not None}
    if not dates:
        return None
    per_night = ", ".join(
        f"MAX(CASE WHEN s.date_provided = {sql.lit(day)} THEN 1 ELSE 0 END) AS {key}"
        for key, day in dates.items()
    )
    listed = ", ".join(sql.lit(day) for day in dates.values())
    flags = ", ".join(
        f"CASE WHEN {_present(sql.lit(day), key)} THEN 1 ELSE 0 END AS {key}" for key, day in dates.items()
    )
    # Presence of each active enrollment on each night, computed once for persons and households.
    scratch_table(
        PRESENT,
        f"""SELECT m.client_id, m.hk, m.rel, {flags} FROM {E} m JOIN {H} ph ON ph.hk = m.hk
        LEFT JOIN (SELECT s.enrollment_id, {per_night} FROM hud_services s
                   WHERE s.record_type = 200 AND s.date_deleted IS NULL AND s.date_provided IN ({listed})
                     AND s.enrollment_id IN (SELECT enrollment_id FROM {E} WHERE project_type = 1)
                   GROUP BY s.enrollment_id) nights ON nights.enrollment_id = m.enrollment_id""",
    )
    any_night = ", ".join(f"MAX(p.{key}) AS {key}" for key in dates)
    persons = family_table(
        "apr_tmp_pit",
        f"SELECT p.client_id AS ukey, {any_night} FROM {PRESENT} p GROUP BY p.client_id",
        {f"pit_{key}": f"(r.{key} = 1)" for key in dates},
        key="client_id",
    )
    # A household is counted on its head of household, through whichever of the head's households
    # was present that night: a client's earlier household in the project (another HouseholdID)
    # may be the one present, though the report's row is the later enrollment.
    heads = ", ".join(f"MAX(f.{key}) AS {key}" for key in dates)
    households = family_table(
        "apr_tmp_pith",
        f"""SELECT h.client_id AS ukey, {heads}
        FROM (SELECT p.hk, {any_night} FROM {PRESENT} p GROUP BY p.hk) f
        JOIN (SELECT DISTINCT hk, client_id FROM {PRESENT} WHERE rel = 1) h ON h.hk = f.hk
        GROUP BY h.client_id""",
        {f"pit_hh_{key}": f"(r.{key} = 1)" for key in dates},
        key="client_id",
    )
    return persons, households
