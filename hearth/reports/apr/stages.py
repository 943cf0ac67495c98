"""Universe facts collected at project start, annual assessment and exit: income (4.02), non-cash
benefits (4.03), health insurance (4.04), disabilities (4.05-4.10), domestic violence (4.11),
moving on assistance (C2) and youth education status (C3).

Which record stands for a stage (Glossary, "Data Collection Stage" and "Annual Assessment"):

- start: the stage-1 record dated on the project start date;
- exit: the stage-3 record dated on the exit date (leavers only);
- annual assessment: the latest stage-5 record dated from 30 days before the anniversary of the
  head of household's project start to the earlier of 30 days after it and the report end.

Each family is one temporary table keyed by enrollment, holding its three stages side by side: one
pass over the records of the base rows' enrollments (``apr_tmp_b``) picks them with a window
function; the final insert joins the families (see universe.assemble).
"""

# ruff: noqa: S608 - the SQL here is assembled from constants, integer keys and date literals
# written by hearth.reports.sql; no request text ever reaches it.

from __future__ import annotations

from hearth.reports import sql
from hearth.reports.apr.codes import BENEFITS, INCOME_SOURCES, INSURANCE
from hearth.reports.apr.universe import B, Family, Scope, family_table


def _stage_condition(stage: str, scope: Scope) -> str:
    if stage == "start":
        return "r.data_collection_stage = 1 AND r.information_date = u.entry_date"
    if stage == "exit":
        return "r.data_collection_stage = 3 AND u.exit_date IS NOT NULL AND r.information_date = u.exit_date"
    plus30 = sql.add_days("u.annual_due", 30)
    window_end = f"CASE WHEN {plus30} < {scope.e} THEN {plus30} ELSE {scope.e} END"
    return (
        "r.data_collection_stage = 5 AND u.is_leaver = FALSE AND u.annual_due IS NOT NULL"
        f" AND r.information_date >= {sql.add_days('u.annual_due', -30)} AND r.information_date <= {window_end}"
    )


def picked(
    table: str,
    where: str,
    order: str = "r.information_date DESC, r.date_updated DESC, r.id DESC",
    partition: str = "",
    extra: str = "",
) -> str:
    """Each base row joined to the one record of ``table`` (matching ``where``) that stands for it
    (one per value of ``partition`` when given), with the ``extra`` columns computed on it."""
    by = f"u.enrollment_id, {partition}" if partition else "u.enrollment_id"
    more = f", {extra}" if extra else ""
    return f"""SELECT * FROM (
        SELECT u.enrollment_id AS ukey, r.*{more}, ROW_NUMBER() OVER (PARTITION BY {by} ORDER BY {order}) AS pick
        FROM {B} u JOIN {table} r ON r.enrollment_id = u.enrollment_id
        WHERE r.date_deleted IS NULL AND {where}
    ) picked WHERE pick = 1"""


def total_income_sql(alias: str = "r") -> str:
    """Total monthly income as the Glossary determines it: the recorded total when positive, else
    the sum of the amounts of the sources answered Yes, else zero when the client has no income."""
    amounts = " + ".join(
        f"(CASE WHEN {alias}.{flag} = 1 AND {alias}.{amount} > 0 THEN {alias}.{amount} ELSE 0 END)"
        for flag, amount, _ in INCOME_SOURCES
    )
    return f"""CASE WHEN {alias}.total_monthly_income > 0 THEN {alias}.total_monthly_income
        WHEN ({amounts}) > 0 THEN ({amounts})
        WHEN {alias}.income_from_any_source = 0 OR ({alias}.total_monthly_income <= 0
            AND ({alias}.income_from_any_source IS NULL OR {alias}.income_from_any_source = 1)) THEN 0
        END"""


def _number(expr: str) -> str:
    return f"CASE WHEN {expr} THEN 1 ELSE 0 END"


# Stage -> DataCollectionStage (4.02 records).
_STAGE_CODES = {"start": 1, "annual": 5, "exit": 3}


def income(scope: Scope) -> Family:
    """Income, benefits and insurance at the three stages as one family: one pass over the
    records picks each stage's record, and one row per enrollment carries the three stages."""
    # The total and the earned amount are computed once per record (where the record is picked)
    # and read by the stage columns below: the total alone is some thirty conditions.
    computed = (
        f"{total_income_sql()} AS apr_total,"
        " (CASE WHEN r.earned = 1 AND r.earned_amount > 0 THEN r.earned_amount ELSE 0 END) AS apr_earned"
    )
    total, earned = "r.apr_total", "r.apr_earned"
    numbers: dict[str, str] = {}  # column -> numeric SQL over the stage's record
    flags: dict[str, str] = {}  # column -> condition over the stage's record
    for stage in _STAGE_CODES:
        flags[f"inc_{stage}_found"] = "1 = 1"
        numbers.update(
            {
                f"inc_{stage}_any": "r.income_from_any_source",
                f"inc_{stage}_total": total,
                f"inc_{stage}_earned_amt": f"CASE WHEN ({total}) > 0 THEN {earned} ELSE 0 END",
                f"inc_{stage}_other_amt": f"CASE WHEN ({total}) > {earned} THEN ({total}) - {earned} ELSE 0 END",
                f"inc_{stage}_nsrc": " + ".join(_number(f"r.{f} = 1") for f, _, _ in INCOME_SOURCES),
                f"ben_{stage}_any": "r.benefits_from_any_source",
                f"ben_{stage}_nsrc": " + ".join(_number(f"r.{f} = 1") for f, _ in BENEFITS),
                f"ins_{stage}_any": "r.insurance_from_any_source",
                f"ins_{stage}_nsrc": " + ".join(_number(f"r.{f} = 1") for f, _ in INSURANCE),
            }
        )
        for flag, _, _ in INCOME_SOURCES:
            flags[f"inc_{stage}_{flag}"] = f"r.{flag} = 1"
        for flag, _ in BENEFITS:
            flags[f"ben_{stage}_{flag}"] = f"r.{flag} = 1"
        for flag, _ in INSURANCE:
            flags[f"ins_{stage}_{flag}"] = f"r.{flag} = 1"

    def stage_of(column: str) -> int:
        return _STAGE_CODES[column.split("_")[1]]

    # Each column is its stage's record's value (there is at most one record per stage).
    per_stage = [
        f"MAX(CASE WHEN r.data_collection_stage = {stage_of(c)} THEN {expr} END) AS {c}"
        for c, expr in numbers.items()
    ]
    per_stage += [
        f"MAX(CASE WHEN r.data_collection_stage = {stage_of(c)} THEN {_number(expr)} END) AS {c}"
        for c, expr in flags.items()
    ]
    where = " OR ".join(f"({_stage_condition(stage, scope)})" for stage in _STAGE_CODES)
    source = f"""SELECT r.ukey, {", ".join(per_stage)}
        FROM ({picked("hud_income_benefits", where, partition="r.data_collection_stage", extra=computed)}) r
        GROUP BY r.ukey"""
    values = {column: f"r.{column}" for column in numbers}
    values.update({column: f"(r.{column} = 1)" for column in flags})
    return family_table("apr_tmp_inc", source, values)


def _condition_flags(alias: str) -> dict[str, str]:
    """Condition -> SQL test on a disability record (answered Yes; substance use by its answer)."""
    return {
        "mental": f"{alias}.disability_type = 9 AND {alias}.disability_response = 1",
        "alcohol": f"{alias}.disability_type = 10 AND {alias}.disability_response = 1",
        "drug": f"{alias}.disability_type = 10 AND {alias}.disability_response = 2",
        "both": f"{alias}.disability_type = 10 AND {alias}.disability_response = 3",
        "chronic_health": f"{alias}.disability_type = 7 AND {alias}.disability_response = 1",
        "hiv": f"{alias}.disability_type = 8 AND {alias}.disability_response = 1",
        "developmental": f"{alias}.disability_type = 6 AND {alias}.disability_response = 1",
        "physical": f"{alias}.disability_type = 5 AND {alias}.disability_response = 1",
    }


def disabilities(scope: Scope) -> Family:
    """Q13: conditions at start (stage 1), at exit (stage 3, leavers) and latest for stayers (the
    latest start, update or annual records dated on or before the report end). Both alcohol and
    drug use count as two conditions. One pass over the records; one row per enrollment."""
    stage_filters = {
        "entry": "d.data_collection_stage = 1",
        "exit": "d.data_collection_stage = 3 AND d.is_leaver",
        "latest": "d.is_leaver = FALSE AND d.data_collection_stage IN (1, 2, 5) AND d.information_date = d.latest",
    }
    # With each record, the date of the enrollment's latest start, update or annual records.
    records = f"""SELECT u.enrollment_id AS ukey, u.is_leaver, r.data_collection_stage, r.information_date,
            r.disability_type, r.disability_response,
            MAX(CASE WHEN r.data_collection_stage IN (1, 2, 5) AND r.information_date <= {scope.e}
                THEN r.information_date END) OVER (PARTITION BY u.enrollment_id) AS latest
        FROM {B} u JOIN hud_disabilities r ON r.enrollment_id = u.enrollment_id
        WHERE r.date_deleted IS NULL"""
    flags = _condition_flags("d")
    selected: list[str] = []
    values: dict[str, str] = {}
    for stage, where in stage_filters.items():
        selected.append(f"MAX(CASE WHEN {where} THEN 1 ELSE 0 END) AS {stage}_found")
        selected += [
            f"MAX(CASE WHEN ({where}) AND {test} THEN 1 ELSE 0 END) AS {stage}_{name}"
            for name, test in flags.items()
        ]
        values[f"dis_{stage}_found"] = f"(r.{stage}_found = 1)"
        values.update({f"dis_{stage}_{name}": f"(r.{stage}_{name} = 1)" for name in flags})
        values[f"dis_{stage}_count"] = (
            " + ".join(f"r.{stage}_{name}" for name in flags) + f" + r.{stage}_both"
        )
    source = f"SELECT d.ukey, {', '.join(selected)} FROM ({records}) d GROUP BY d.ukey"
    return family_table("apr_tmp_dis", source, values)


def domestic_violence(scope: Scope) -> Family:
    """Q14: the latest health and DV record (any stage) dated on or before the report end."""
    source = picked("hud_health_and_dv", f"r.information_date <= {scope.e}")
    values = {
        "dv_survivor": "r.domestic_violence_survivor",
        "dv_when": "r.when_occurred",
        "dv_fleeing": "r.currently_fleeing",
    }
    return family_table("apr_tmp_dv", source, values)


def moving_on(scope: Scope) -> Family:
    """Q24b: the latest moving on assistance (services record type 300) provided by the report end."""
    source = picked(
        "hud_services",
        f"u.project_type = 3 AND r.record_type = 300 AND r.date_provided <= {scope.e}",
        order="r.date_provided DESC, r.id DESC",
    )
    return family_table("apr_tmp_mo", source, {"moving_on_assistance": "r.type_provided"})


def youth_education(scope: Scope) -> Family:
    """Q27m: youth education status (C3) at project start (the stage-1 record dated on the project
    start) and at exit (the stage-3 record dated on the exit date), one row per enrollment."""
    where = f"({_stage_condition('start', scope)}) OR ({_stage_condition('exit', scope)})"
    fields = {
        "school": "current_school_attend",
        "recent": "most_recent_ed_status",
        "current": "current_ed_status",
    }
    selected = [
        f"MAX(CASE WHEN r.data_collection_stage = {code} THEN r.{field} END) AS {stage}_{name}"
        for stage, code in (("start", 1), ("exit", 3))
        for name, field in fields.items()
    ]
    source = f"""SELECT r.ukey, {", ".join(selected)}
        FROM ({picked("hud_youth_education_status", where, partition="r.data_collection_stage")}) r
        GROUP BY r.ukey"""
    values = {f"edu_{stage}_{name}": f"r.{stage}_{name}" for stage in ("start", "exit") for name in fields}
    return family_table("apr_tmp_edu", source, values)
