"""Finding likely duplicate records across the whole database with Splink on DuckDB.

The live client records are read once into an Arrow table (names folded and coded by sound the
same way search does it: hearth.clients.names), scored pair by pair with a Fellegi-Sunter model,
and the pairs above the review threshold fill the administrators' review queue
(hearth.clients.models.DuplicatePair). Pairs staff already decided (same person, different
people, merged) are never proposed again.

Blocking rules decide which pairs get compared. Each survives a different mistake, so a duplicate
with one or two mistakes still shares at least one block with its original: the full SSN; the date
of birth (day and month in either order) with the sound of any one name (a typo in the other name,
swapped names, a nickname); the birth day and month with the sound of one name and the initial of
the other (a year typed wrong as well); a first and last name sound pair with the birth year (a
mistyped day); the last four SSN digits with the date of birth or with any one name sound; the
first five SSN digits with any one name sound (a typo in the last four). None requires the same
sex (it is mistyped too). Two survive a missing field: the same full name where one record has no
date of birth, and the surname sound with the birth day and month where one record has no first
name (placeholders such as "Unknown" count as none: hearth.clients.names.is_placeholder).

The model learns from the database it runs on. Its u probabilities (how often two different
people agree at each level) are estimated from random pairs on each run; its m probabilities (how
often two records of one person do) start from what the usual mistakes of duplicate records make
likely and are then re-estimated by expectation maximisation on blocks where most pairs are the
same person (TRAINING_BLOCKS). Exact agreement on the full name and on the date of birth is
weighted by how common the value is (a shared 1 January birthday or "Maria Garcia" says less).
A middle initial (when both records hold one) tells apart different people who share a name and
a date of birth. ``--priors-only`` skips the m estimation.
"""

from __future__ import annotations

import csv
import logging
import resource
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from django.db import models, transaction
from django.db.models import Q

from hearth.clients import names
from hearth.clients.models import Client, DuplicatePair
from hearth.core import clock

# A pair at or above this probability joins the review queue: low enough that staff see nine in ten
# true duplicates or more, high enough that most pairs they see are true ones.
REVIEW_THRESHOLD = 0.2
# At or above this, a pair is shown as "almost certainly the same person" (staff still decide).
AUTO_LINK_THRESHOLD = 0.99
DUCKDB_MEMORY_LIMIT = "2500MB"

COLUMNS = [
    "unique_id", "personal_id", "first_name", "first_canons", "first_sounds", "last_name", "last_tokens",
    "last_sounds", "dob", "ssn_full", "ssn4", "sex", "mmdd_norm", "full_name", "all_sounds", "sound_initials", "dob_str", "dob_norm",
    "birth_year", "name_pairs", "ssn5", "middle",
]  # fmt: skip

logger = logging.getLogger(__name__)


@dataclass
class DuplicateRun:
    clients: int = 0
    compared: int = 0
    pairs: int = 0
    queued: int = 0
    auto_link: int = 0
    skipped_decided: int = 0
    seconds: float = 0.0
    peak_memory_mb: float = 0.0
    model: str = ""
    timings: dict[str, float] = field(default_factory=dict)


def _first_parts(first: str) -> tuple[Any, ...]:
    tokens = names.record_tokens(first)
    token = tokens[0] if tokens else None
    canons = sorted(names.key_canonicals(token)) if token else []
    return (first, token, canons, sorted({names.sound(c) for c in canons}))


def _last_parts(last: str) -> tuple[Any, ...]:
    tokens = names.record_tokens(last)
    joined = "".join(names.fold(last).replace("-", " ").split()) if tokens else None
    # Nicknames count here too: a first name typed in the last-name box is still a first name.
    return (last, joined, tokens, sorted({names.sound(c) for t in tokens for c in names.key_canonicals(t)}))


def _middle_initial(middle: str | None) -> str | None:
    # An initial is all many records hold ("J"), so the initial is what is compared.
    folded = " ".join(names.fold(middle).split())
    if not folded or folded in names.PLACEHOLDER_NAMES:
        return None
    return folded[0]


def _columns_table(rows: list[tuple[Any, ...]], names_: list[str]) -> pa.Table:
    return pa.table({name: pa.array([r[i] for r in rows]) for i, name in enumerate(names_)})


# The record as compared: names folded and coded in Python (once per distinct name, as names
# recur across thousands of records), dates and SSNs prepared in SQL.
_PREPARE_SQL = """
CREATE OR REPLACE TABLE clients AS
WITH base AS (
    SELECT r.unique_id, r.personal_id, f.first_name, f.first_canons, f.first_sounds,
        l.last_name, l.last_tokens, l.last_sounds,
        CASE WHEN r.dob_q IN (1, 2) THEN TRY_CAST(r.dob AS DATE) END AS dob,
        CASE WHEN regexp_full_match(r.ssn, '[0-9]{9}')
            AND substr(r.ssn, 1, 3) NOT IN ('000', '666') AND substr(r.ssn, 1, 1) <> '9'
            AND substr(r.ssn, 4, 2) <> '00' AND substr(r.ssn, 6, 4) <> '0000'
            AND r.ssn <> repeat(substr(r.ssn, 1, 1), 9) THEN r.ssn END AS ssn_full,
        CASE WHEN regexp_full_match(substr(r.ssn, 6, 4), '[0-9]{4}') AND length(r.ssn) = 9 THEN substr(r.ssn, 6, 4) END AS ssn4,
        CASE WHEN r.sex IN (0, 1) THEN r.sex END AS sex,
        r.middle
    FROM raw r
    LEFT JOIN firsts f ON f.raw_first = r.first_name
    LEFT JOIN lasts l ON l.raw_last = r.last_name
)
SELECT *,
    first_name || ' ' || last_name AS full_name,
    substr(ssn_full, 1, 5) AS ssn5,
    list_distinct(list_concat(first_sounds, last_sounds)) AS all_sounds,
    list_filter(list_concat(
        list_transform(first_sounds, lambda a: a || '|' || substr(last_name, 1, 1)),
        list_transform(last_sounds, lambda b: b || '|' || substr(first_name, 1, 1))), lambda x: x IS NOT NULL) AS sound_initials,
    strftime(dob, '%Y%m%d') AS dob_str,
    CAST(year(dob) AS VARCHAR) || mmdd_norm AS dob_norm,
    year(dob) AS birth_year,
    list_distinct(flatten(list_transform(first_sounds, lambda a: list_filter(list_transform(last_sounds,
        lambda b: CASE WHEN a < b THEN a || '|' || b WHEN a > b THEN b || '|' || a END), lambda x: x IS NOT NULL)))) AS name_pairs
FROM (
    SELECT *, CASE WHEN dob IS NOT NULL THEN
        lpad(CAST(least(month(dob), day(dob)) AS VARCHAR), 2, '0') || lpad(CAST(greatest(month(dob), day(dob)) AS VARCHAR), 2, '0')
        END AS mmdd_norm
    FROM base
)
"""


def load_clients(con: Any, *, batch_size: int = 50_000) -> int:
    """Copy the live clients into the DuckDB table ``clients``; returns how many."""
    from django.db import connection

    meta = Client._meta

    def column(name: str) -> str:
        field = meta.get_field(name)
        assert isinstance(field, models.Field) and field.column
        return connection.ops.quote_name(field.column)

    fields = [
        "id",
        "hud_id",
        "first_name",
        "last_name",
        "dob",
        "dob_data_quality",
        "ssn",
        "sex",
        "middle_name",
    ]
    select = ", ".join(column(c) for c in fields)
    table = connection.ops.quote_name(meta.db_table)
    deleted = column("date_deleted")
    raw_names = [
        "unique_id",
        "personal_id",
        "first_name",
        "last_name",
        "dob",
        "dob_q",
        "ssn",
        "sex",
        "middle",
    ]
    batches = []
    firsts: set[str] = set()
    lasts: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM {table} WHERE {deleted} IS NULL")  # noqa: S608
        while rows := cursor.fetchmany(batch_size):
            rows = [
                (
                    *r[:4],
                    str(r[4]) if r[4] is not None else None,
                    *r[5:8],
                    _middle_initial(r[8]),
                )
                for r in rows
            ]
            firsts.update(r[2] for r in rows if r[2])
            lasts.update(r[3] for r in rows if r[3])
            batches.append(_columns_table(rows, raw_names))
    if not batches:
        return 0
    raw = pa.concat_tables(batches)
    first_table = _columns_table(
        [_first_parts(f) for f in firsts] or [("", None, [], [])],
        ["raw_first", "first_name", "first_canons", "first_sounds"],
    )
    last_table = _columns_table(
        [_last_parts(n) for n in lasts] or [("", None, [], [])],
        ["raw_last", "last_name", "last_tokens", "last_sounds"],
    )
    con.register("raw", raw)
    con.register("firsts", first_table)
    con.register("lasts", last_table)
    con.execute(_PREPARE_SQL)
    for name in ("raw", "firsts", "lasts"):
        con.unregister(name)
    return int(raw.num_rows)


# Comparison levels: (key, SQL, label shown as evidence, m, u). m is how often two records of one
# person fall in the level (what the mistakes of real duplicate records make likely), u how often
# two different people do; u is re-estimated from this database each run (see _train).
Level = tuple[str, str, str, float, float]
NAME_LEVELS: list[Level] = [
    (
        "null",
        "(first_name_l IS NULL AND last_name_l IS NULL) OR (first_name_r IS NULL AND last_name_r IS NULL)",
        "no name on one record",
        0,
        0,
    ),
    ("exact", "full_name_l = full_name_r", "first and last name match", 0.55, 0.0002),
    (
        "swapped",
        "first_name_l = last_name_r AND last_name_l = first_name_r",
        "first and last names swapped",
        0.04,
        0.00001,
    ),
    (
        "nickname",
        "list_has_any(first_canons_l, first_canons_r) AND (last_name_l = last_name_r OR list_has_any(last_tokens_l, last_tokens_r))",
        "last name matches, first name is a nickname or matches",
        0.16,
        0.0003,
    ),
    (
        "close",
        "(jaro_winkler_similarity(first_name_l, first_name_r) >= 0.88 OR list_has_any(first_canons_l, first_canons_r))"
        " AND (jaro_winkler_similarity(last_name_l, last_name_r) >= 0.88 OR list_has_any(last_tokens_l, last_tokens_r))",
        "first and last names nearly match",
        0.15,
        0.002,
    ),
    (
        "swapped_close",
        "jaro_winkler_similarity(first_name_l, last_name_r) >= 0.88 AND jaro_winkler_similarity(last_name_l, first_name_r) >= 0.88",
        "names swapped and nearly match",
        0.01,
        0.0002,
    ),
    (
        # Only a surname given, or a placeholder ("Unknown", "NA", an initial) where the first name
        # goes: the surname and the rest must carry the match.
        "first_missing",
        "(first_name_l IS NULL OR first_name_r IS NULL) AND (last_name_l = last_name_r"
        " OR list_has_any(last_tokens_l, last_tokens_r) OR jaro_winkler_similarity(last_name_l, last_name_r) >= 0.92)",
        "no first name on one record, last name matches",
        0.03,
        0.001,
    ),
    (
        "last_only",
        "last_name_l = last_name_r OR list_has_any(last_tokens_l, last_tokens_r)",
        "only the last name matches",
        0.02,
        0.02,
    ),
    ("first_only", "list_has_any(first_canons_l, first_canons_r)", "only the first name matches", 0.03, 0.03),
]
DOB_LEVELS: list[Level] = [
    ("null", "dob_l IS NULL OR dob_r IS NULL", "no date of birth on one record", 0, 0),
    ("exact", "dob_str_l = dob_str_r", "date of birth matches", 0.8, 0.00004),
    ("swapped", "dob_norm_l = dob_norm_r", "date of birth with day and month swapped", 0.05, 0.00002),
    (
        "close",
        "levenshtein(dob_str_l, dob_str_r) <= 1 OR (mmdd_norm_l = mmdd_norm_r AND abs(birth_year_l - birth_year_r) = 1)",
        "date of birth differs by one digit or one year",
        0.1,
        0.001,
    ),
    ("year", "birth_year_l = birth_year_r", "only the birth year matches", 0.02, 0.015),
]
SSN_LEVELS: list[Level] = [
    ("null", "ssn4_l IS NULL OR ssn4_r IS NULL", "no SSN on one record", 0, 0),
    ("exact", "ssn_full_l = ssn_full_r", "SSN matches", 0.8, 0.000001),
    (
        "close",
        "damerau_levenshtein(ssn_full_l, ssn_full_r) <= 1",
        "SSN differs by one digit or two swapped",
        0.05,
        0.000003,
    ),
    ("last4", "ssn4_l = ssn4_r", "last four SSN digits match", 0.12, 0.0001),
]
SEX_LEVELS: list[Level] = [
    ("null", "sex_l IS NULL OR sex_r IS NULL", "sex not recorded on one record", 0, 0),
    ("exact", "sex_l = sex_r", "sex matches", 0.98, 0.5),
]
# Levels whose weight follows how common the agreeing value is.
TF_COLUMNS = {("name", "exact"): "full_name", ("dob", "exact"): "dob_str"}
# Evidence that tells two people apart who share a name and a date of birth. Either may be missing
# (most records hold no middle name); m is learned like the rest.
MIDDLE_LEVELS: list[Level] = [
    ("null", "middle_l IS NULL OR middle_r IS NULL", "no middle name on one record", 0, 0),
    ("exact", "middle_l = middle_r", "middle initial matches", 0.95, 0.1),
]
COMPARISONS = {
    "name": NAME_LEVELS,
    "dob": DOB_LEVELS,
    "ssn": SSN_LEVELS,
    "sex": SEX_LEVELS,
    "middle": MIDDLE_LEVELS,
}


def _comparison(name: str, levels: list[Level]) -> dict[str, Any]:
    out = []
    for key, sql, label, m, u in levels:
        level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
        if key == "null":
            level["is_null_level"] = True
        else:
            level["m_probability"], level["u_probability"] = m, u
        if (name, key) in TF_COLUMNS:
            # A rare name agreeing says more than "Maria Garcia" agreeing.
            level["tf_adjustment_column"] = TF_COLUMNS[(name, key)]
            level["tf_adjustment_weight"] = 1.0
        out.append(level)
    m_else = max(0.001, 1 - sum(lv[3] for lv in levels))
    u_else = max(0.001, 1 - sum(lv[4] for lv in levels))
    out.append(
        {
            "sql_condition": "ELSE",
            "label_for_charts": f"{name} differs",
            "m_probability": m_else,
            "u_probability": u_else,
        }
    )
    return {"output_column_name": name, "comparison_levels": out, "comparison_description": name}


def _case_sql(name: str, levels: list[Level]) -> str:
    whens = " ".join(f"WHEN ({sql}) THEN '{label}'" for _key, sql, label, _m, _u in levels)
    return f"CASE {whens} ELSE '{name} differs' END"


def _settings() -> Any:
    from splink import SettingsCreator, block_on
    from splink.blocking_rule_library import CustomRule

    rules: list[Any] = [
        block_on("ssn_full"),
        block_on("dob_norm", "all_sounds", arrays_to_explode=["all_sounds"]),
        block_on("mmdd_norm", "sound_initials", arrays_to_explode=["sound_initials"]),
        block_on("birth_year", "name_pairs", arrays_to_explode=["name_pairs"]),
        block_on("ssn4", "dob_norm"),
        block_on("ssn4", "all_sounds", arrays_to_explode=["all_sounds"]),
        # A typo in the last four digits leaves the first five.
        block_on("ssn5", "all_sounds", arrays_to_explode=["all_sounds"]),
        # No date of birth on one record: the same name is enough to compare.
        CustomRule("l.full_name = r.full_name AND (l.dob IS NULL OR r.dob IS NULL)"),
        # No first name on one record: the surname with the birth day and month.
        CustomRule(
            "l.mmdd_norm = r.mmdd_norm AND l.last_sounds = r.last_sounds AND (l.first_name IS NULL OR r.first_name IS NULL)",
            arrays_to_explode=["last_sounds"],
        ),
    ]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[_comparison(name, levels) for name, levels in COMPARISONS.items()],
        blocking_rules_to_generate_predictions=rules,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        additional_columns_to_retain=["personal_id"],
        max_iterations=20,
    )


# Below this many records, random pairs are too few to estimate u, and the priors are used.
MIN_CLIENTS_TO_ESTIMATE = 2_000
# A training block with fewer pairs than this teaches noise; the priors stay for what it would train.
MIN_TRAINING_PAIRS = 200


# The share of true duplicate pairs taken to agree on the full SSN and the date of birth, to scale
# the pairs that do up to all matches. Measured, it is 0.74-0.80 on FEBRL 1-3 and 0.31 on the demo
# generator at 1M, so 0.6 is not the rule's recall on either. It stays because setting the measured
# 0.31 at 1M lowered F1 at the review threshold (0.9333 to 0.9219, precision 0.956 to 0.927): the
# fields' Bayes factors multiply as if independent, which overstates a pair's odds, and the lower
# prior offsets that. bench/README ("duplicates_bench.py") has the figures.
ASSUMED_RULE_RECALL = 0.6


def _prior_match_rate(con: Any, clients: int) -> float:
    """The share of all pairs that are the same person: pairs agreeing on full SSN and date of
    birth (records without SSN miss this rule), scaled up by ASSUMED_RULE_RECALL."""
    agree = con.sql(
        "SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM "
        "(SELECT count(*) AS n FROM clients WHERE ssn_full IS NOT NULL AND dob_str IS NOT NULL GROUP BY ssn_full, dob_str)"
    ).fetchall()[0][0]
    pairs = clients * (clients - 1) / 2
    return float(min(0.5, max(1 / pairs, (float(agree) / ASSUMED_RULE_RECALL) / pairs)))


# Expectation maximisation runs on blocks where most pairs are the same person, and trains the
# comparisons that do not use the block's own columns: pairs sharing a full SSN teach the name,
# date of birth and sex levels. The SSN levels keep their priors: the block that would teach them
# (the same name and date of birth) holds, at a million records, thousands of different people
# who share both, and EM then learns that a different SSN is usual for one person.
TRAINING_BLOCKS: list[tuple[str, ...]] = [("ssn_full",)]


def _pairs_in_block(con: Any, columns: tuple[str, ...]) -> int:
    keys = ", ".join(columns)
    present = " AND ".join(f"{c} IS NOT NULL" for c in columns)
    return int(
        con.sql(
            f"SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM "  # noqa: S608
            f"(SELECT count(*) AS n FROM clients WHERE {present} GROUP BY {keys})"
        ).fetchall()[0][0]
    )


def _train(linker: Any, con: Any, clients: int, *, learn: bool, run: DuplicateRun) -> None:
    """Estimate u on random pairs and (``learn``) m by expectation maximisation, starting from
    the priors, so the model fits this database's mistakes rather than the ones it was written for."""
    from splink import block_on

    if clients < MIN_CLIENTS_TO_ESTIMATE:
        run.model = "priors (too few records to estimate)"
        return
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    trained = []
    if learn:
        for columns in TRAINING_BLOCKS:
            if _pairs_in_block(con, columns) < MIN_TRAINING_PAIRS:
                continue
            linker.training.estimate_parameters_using_expectation_maximisation(block_on(*columns))
            trained.append("+".join(columns))
    run.model = "u estimated; m learned on " + ", ".join(trained) if trained else "u estimated; m priors"


def score_pairs(
    con: Any, clients: int, *, threshold: float, run: DuplicateRun, learn: bool = True
) -> pa.Table:
    """Pairs of the DuckDB table ``clients`` at or above ``threshold``: unique_id_l/_r,
    personal_id_l/_r, match_probability, match_weight and the evidence of each comparison."""
    from splink import DuckDBAPI, Linker

    started = time.perf_counter()
    db_api = DuckDBAPI(connection=con)
    splink_df = db_api.register("clients", table_name="clients_input")
    settings = _settings()
    settings.probability_two_random_records_match = _prior_match_rate(con, clients)
    linker = Linker(splink_df, settings, log_level=logging.ERROR)
    _train(linker, con, clients, learn=learn, run=run)
    run.timings["train"] = time.perf_counter() - started
    started = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    # The evidence of each pair: which level of each comparison it reached, in words.
    sides = ", ".join(
        f"l.{c} AS {c}_l, r.{c} AS {c}_r" for c in COLUMNS if c not in ("unique_id", "personal_id")
    )
    cases = ", ".join(f"{_case_sql(name, levels)} AS evidence_{name}" for name, levels in COMPARISONS.items())
    result = con.sql(
        f"WITH joined AS (SELECT p.unique_id_l, p.unique_id_r, p.personal_id_l, p.personal_id_r, "  # noqa: S608
        f"p.match_probability, p.match_weight, {sides} FROM {predictions.physical_name} p "
        f"JOIN clients l ON l.unique_id = p.unique_id_l JOIN clients r ON r.unique_id = p.unique_id_r) "
        f"SELECT unique_id_l, unique_id_r, personal_id_l, personal_id_r, match_probability, match_weight, {cases} FROM joined"
    ).to_arrow_table()
    run.timings["predict"] = time.perf_counter() - started
    return result


# Comparisons whose "missing on one record" says nothing worth showing staff.
_QUIET_WHEN_MISSING = {name: COMPARISONS[name][0][2] for name in ("middle",)}


def _evidence(row: dict[str, Any]) -> dict[str, str]:
    return {
        name: row[f"evidence_{name}"]
        for name in COMPARISONS
        if row.get(f"evidence_{name}") and row[f"evidence_{name}"] != _QUIET_WHEN_MISSING.get(name)
    }


def _decided_pairs() -> set[tuple[int, int]]:
    return set(
        DuplicatePair.objects.exclude(status=DuplicatePair.Status.OPEN).values_list(
            "client_a_id", "client_b_id"
        )
    )


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "personal_id_a",
                "personal_id_b",
                "match_probability",
                "match_weight",
                *(f"{n}_evidence" for n in COMPARISONS),
            ]
        )
        for row in rows:
            evidence = row["evidence"]
            writer.writerow(
                [
                    row["personal_id_a"],
                    row["personal_id_b"],
                    f"{row['match_probability']:.6f}",
                    f"{row['match_weight']:.3f}",
                ]
                + [evidence.get(n, "") for n in COMPARISONS]
            )


@transaction.atomic
def _fill_queue(rows: list[dict[str, Any]], run: DuplicateRun) -> None:
    moment = clock.now()
    found = {(r["a"], r["b"]) for r in rows}
    # Open pairs no longer found (a record was corrected or merged) leave the queue.
    stale = [
        pk
        for pk, a, b in DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).values_list(
            "pk", "client_a_id", "client_b_id"
        )
        if (a, b) not in found
    ]
    for start in range(0, len(stale), 5000):
        DuplicatePair.objects.filter(pk__in=stale[start : start + 5000]).delete()
    objs = [
        DuplicatePair(
            client_a_id=r["a"],
            client_b_id=r["b"],
            match_probability=r["match_probability"],
            evidence=r["evidence"],
            found_at=moment,
        )
        for r in rows
    ]
    DuplicatePair.objects.bulk_create(
        objs,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["client_a", "client_b"],
        update_fields=["match_probability", "evidence", "found_at"],
    )
    run.queued = len(objs)


def find_duplicates(
    *,
    output: Path | None = None,
    review_threshold: float = REVIEW_THRESHOLD,
    fill_queue: bool = True,
    learn: bool = True,
) -> DuplicateRun:
    """Score every plausible pair of live records; write ``output`` (CSV) and fill the queue."""
    import duckdb

    run = DuplicateRun()
    overall = time.perf_counter()
    started = time.perf_counter()
    spill = tempfile.TemporaryDirectory(prefix="hearth-duplicates-")
    # DuckDB spills to disk past this, so a million clients fit in a small server's memory.
    con = duckdb.connect(config={"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": spill.name})
    rows: list[dict[str, Any]] = []
    try:
        run.clients = load_clients(con)
        run.timings["read"] = time.perf_counter() - started
        if run.clients >= 2:
            scored = score_pairs(con, run.clients, threshold=review_threshold, run=run, learn=learn)
            decided = _decided_pairs()
            for row in scored.to_pylist():
                a, b = sorted((row["unique_id_l"], row["unique_id_r"]))
                if (a, b) in decided:
                    run.skipped_decided += 1
                    continue
                ids = {row["unique_id_l"]: row["personal_id_l"], row["unique_id_r"]: row["personal_id_r"]}
                rows.append(
                    {
                        "a": a,
                        "b": b,
                        "personal_id_a": ids[a],
                        "personal_id_b": ids[b],
                        "match_probability": float(row["match_probability"]),
                        "match_weight": float(row["match_weight"]),
                        "evidence": _evidence(row),
                    }
                )
    finally:
        con.close()
        spill.cleanup()
    rows.sort(key=lambda r: (-r["match_probability"], r["a"], r["b"]))
    run.pairs = len(rows)
    run.auto_link = sum(1 for r in rows if r["match_probability"] >= AUTO_LINK_THRESHOLD)
    started = time.perf_counter()
    if output is not None:
        _write_csv(output, rows)
    if fill_queue:
        _fill_queue(rows, run)
    run.timings["write"] = time.perf_counter() - started
    run.seconds = time.perf_counter() - overall
    run.peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return run


def open_pairs_for(client_ids: list[int]) -> Any:
    return DuplicatePair.objects.filter(status=DuplicatePair.Status.OPEN).filter(
        Q(client_a__in=client_ids) | Q(client_b__in=client_ids)
    )
