"""HUD's dependent-question rules, shared by the assessment forms and services.

Each function takes the values staff entered, drops the answers to questions that should not have
been asked (HUD: dependent fields stay null unless their parent holds the triggering value) and
returns the errors for questions that had to be answered.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hearth.enrollments.hud_fields import (
    BENEFIT_SOURCES,
    DISABILITY_YES,
    HISTORY_FIELDS,
    INCOME_SOURCES,
    INSURANCE_SOURCES,
    NO_INDEFINITE_QUESTION,
)

YES, NO = 1, 0
RENTAL_WITH_SUBSIDY = 435
OTHER_DESTINATION = 17
# Projects serving people who are homeless by definition ask 3.917.3-5 of everyone.
LITERALLY_HOMELESS_PROJECTS = {0, 1, 4, 8}
# 3.917.2 lengths of stay under the thresholds: 90 days (institutions) and 7 nights (other housing).
UNDER_90_DAYS = {10, 11, 2, 3}
UNDER_7_NIGHTS = {10, 11}

Errors = dict[str, list[str]]


def living_group(code: int | None) -> str:
    if code is None or code in (8, 9, 99):
        return "unknown"
    return {1: "homeless", 2: "institutional", 3: "temporary", 4: "permanent"}.get(code // 100, "unknown")


def prior_living(values: dict[str, Any], project_type: int | None) -> tuple[dict[str, Any], Errors]:
    """3.917: the prior living situation and the history questions that depend on it."""
    out = dict(values)
    errors: Errors = {}
    situation = out.get("living_situation")
    group = living_group(situation)
    if situation is None:
        errors["living_situation"] = ["Choose the prior living situation."]
    if situation != RENTAL_WITH_SUBSIDY:
        out["rental_subsidy_type"] = None
    elif out.get("rental_subsidy_type") is None:
        errors["rental_subsidy_type"] = ["Choose the rental subsidy type."]
    if situation is not None and group != "unknown" and out.get("length_of_stay") is None:
        errors["length_of_stay"] = ["Choose the length of stay."]

    ask_history = project_type in LITERALLY_HOMELESS_PROJECTS or group == "homeless"
    if group in ("institutional", "temporary", "permanent"):
        under = UNDER_90_DAYS if group == "institutional" else UNDER_7_NIGHTS
        stay = out.get("length_of_stay")
        out["los_under_threshold"] = YES if stay in under else NO if stay is not None else None
        if out["los_under_threshold"] == YES:
            if out.get("previous_street_essh") is None:
                errors["previous_street_essh"] = [
                    "Say whether the client stayed on the streets, in emergency shelter or a safe haven the night before."
                ]
            ask_history = ask_history or out.get("previous_street_essh") == YES
        else:
            out["previous_street_essh"] = None
    else:
        out["los_under_threshold"] = None
        out["previous_street_essh"] = None
    if ask_history:
        for name in ("times_homeless_past_three_years", "months_homeless_past_three_years"):
            if out.get(name) is None:
                errors[name] = ["This question is required for this living situation."]
    else:
        for name in HISTORY_FIELDS:
            out[name] = None
    return out, errors


def _any_source(
    out: dict[str, Any],
    errors: Errors,
    any_field: str,
    sources: tuple[str, ...],
    what: str,
    amounts: dict[str, str],
) -> None:
    answer = out.get(any_field)
    if answer is None:
        errors[any_field] = [f"Say whether the client has {what} from any source."]
        return
    if answer == YES:
        for name in sources:
            if out.get(name) is None:
                out[name] = NO
        if not any(out.get(name) == YES for name in sources):
            errors[any_field] = [f"Mark at least one source of {what}, or answer No."]
        for name, amount in amounts.items():
            if out.get(name) == YES and not out.get(amount):
                errors[amount] = ["Enter the monthly amount."]
            if out.get(name) != YES:
                out[amount] = None
    elif answer == NO:
        for name in sources:
            out[name] = NO
        for amount in amounts.values():
            out[amount] = None
    else:  # 8, 9, 99: the sources were not asked.
        for name in sources:
            out[name] = None
        for amount in amounts.values():
            out[amount] = None


def income(values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    """4.02: sources and amounts; the monthly total is the sum of the amounts."""
    out = dict(values)
    errors: Errors = {}
    amounts = dict(INCOME_SOURCES)
    _any_source(out, errors, "income_from_any_source", tuple(amounts), "income", amounts)
    if out.get("income_from_any_source") == YES:
        out["total_monthly_income"] = sum(
            (out.get(a) or Decimal("0") for a in amounts.values()), Decimal("0")
        )
    elif out.get("income_from_any_source") == NO:
        out["total_monthly_income"] = Decimal("0")
    else:
        out["total_monthly_income"] = None
    if out.get("other_income_source") != YES:
        out["other_income_source_identify"] = None
    elif not out.get("other_income_source_identify"):
        errors["other_income_source_identify"] = ["Say what the other source of income is."]
    return out, errors


def benefits(values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    out = dict(values)
    errors: Errors = {}
    _any_source(out, errors, "benefits_from_any_source", BENEFIT_SOURCES, "non-cash benefits", {})
    if out.get("other_benefits_source") != YES:
        out["other_benefits_source_identify"] = None
    elif not out.get("other_benefits_source_identify"):
        errors["other_benefits_source_identify"] = ["Say what the other benefit is."]
    return out, errors


def insurance(values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    out = dict(values)
    errors: Errors = {}
    _any_source(out, errors, "insurance_from_any_source", INSURANCE_SOURCES, "health insurance", {})
    if out.get("other_insurance") != YES:
        out["other_insurance_identify"] = None
    elif not out.get("other_insurance_identify"):
        errors["other_insurance_identify"] = ["Say what the other insurance is."]
    return out, errors


def domestic_violence(values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    out = dict(values)
    errors: Errors = {}
    if out.get("domestic_violence_survivor") is None:
        errors["domestic_violence_survivor"] = ["Say whether the client is a survivor of domestic violence."]
    if out.get("domestic_violence_survivor") == YES:
        for name in ("when_occurred", "currently_fleeing"):
            if out.get(name) is None:
                errors[name] = ["This follow-up question is required."]
    else:
        out["when_occurred"] = None
        out["currently_fleeing"] = None
    return out, errors


def disability(disability_type: int, values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    out = dict(values)
    errors: Errors = {}
    response = out.get("disability_response")
    if response is None:
        errors["disability_response"] = ["Answer this question."]
    if response in DISABILITY_YES and disability_type not in NO_INDEFINITE_QUESTION:
        if out.get("indefinite_and_impairs") is None:
            errors["indefinite_and_impairs"] = [
                "Say whether it is long-lasting and impairs independent living."
            ]
    else:
        out["indefinite_and_impairs"] = None
    return out, errors


def disabling_condition_conflict(
    disabling_condition: int | None, disabilities: dict[int, dict[str, Any]]
) -> bool:
    """HUD's data quality check: disabling condition 'No' while a disability is long-lasting and
    impairing (or is developmental or HIV/AIDS)."""
    if disabling_condition != NO:
        return False
    for kind, values in disabilities.items():
        response = values.get("disability_response")
        if response in DISABILITY_YES and (
            kind in NO_INDEFINITE_QUESTION or values.get("indefinite_and_impairs") == YES
        ):
            return True
    return False


def employment(values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    out = dict(values)
    errors: Errors = {}
    if out.get("employed") is None:
        errors["employed"] = ["Say whether the client is employed."]
    if out.get("employed") != YES:
        out["employment_type"] = None
    if out.get("employed") != NO:
        out["not_employed_reason"] = None
    return out, errors


def destination(values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    out = dict(values)
    errors: Errors = {}
    if out.get("destination") is None:
        errors["destination"] = ["Choose the destination."]
    if out.get("destination") == RENTAL_WITH_SUBSIDY:
        if out.get("destination_subsidy_type") is None:
            errors["destination_subsidy_type"] = ["Choose the subsidy type."]
    else:
        out["destination_subsidy_type"] = None
    if out.get("destination") == OTHER_DESTINATION:
        if not out.get("other_destination"):
            errors["other_destination"] = ["Describe the destination."]
    else:
        out["other_destination"] = ""
    return out, errors


def current_living_situation(values: dict[str, Any]) -> tuple[dict[str, Any], Errors]:
    """4.12: the subsidy type for a subsidised rental; the 4.12.B-F follow-ups when the person is in
    housing or an institution rather than homeless."""
    out = dict(values)
    errors: Errors = {}
    situation = out.get("current_living_situation")
    if situation is None:
        errors["current_living_situation"] = ["Choose where the client is staying."]
    if situation != RENTAL_WITH_SUBSIDY:
        out["cls_subsidy_type"] = None
    elif out.get("cls_subsidy_type") is None:
        errors["cls_subsidy_type"] = ["Choose the subsidy type."]
    housed = living_group(situation) in ("institutional", "temporary", "permanent")
    if not housed:
        for name in (
            "leave_situation14_days",
            "subsequent_residence",
            "resources_to_obtain",
            "lease_own60_day",
            "moved_two_or_more",
        ):
            out[name] = None
    elif out.get("leave_situation14_days") != YES:
        for name in ("subsequent_residence", "resources_to_obtain", "lease_own60_day", "moved_two_or_more"):
            out[name] = None
    return out, errors
