"""Column lists of the demo rows and the value blocks of the records collected at each stage
(income and benefits, health and DV, disabilities, employment and education).

Each table is written with only the columns listed here; all others are nullable and stay NULL.
"""

from __future__ import annotations

from collections.abc import Callable

from hearth.core.demo.codes import EMPLOYMENT_TYPE, LAST_GRADE, NOT_EMPLOYED_REASON, SCHOOL_STATUS, WHEN_DV

BOOK = ["id", "data_source_id", "hud_id", "date_created", "date_updated", "hud_user_id"]

CLIENT_FIELDS = BOOK + [
    "first_name", "middle_name", "last_name", "name_suffix", "name_data_quality", "ssn", "ssn_data_quality",
    "dob", "dob_data_quality", "sex", "am_ind_ak_native", "asian", "black_af_american", "hispanic_latinao",
    "mid_east_n_african", "native_hi_pacific", "white", "race_none", "veteran_status",
    "year_entered_service", "year_separated", "military_branch", "discharge_status", "owner_organization_id",
]  # fmt: skip
TRUTH_FIELDS = ["id", "client_id", "personal_id", "person_key", "is_duplicate", "corruptions", "seed"]
ENROLLMENT_FIELDS = BOOK + [
    "client_id", "project_id", "entry_date", "household_id", "relationship_to_ho_h", "enrollment_coc",
    "living_situation", "rental_subsidy_type", "length_of_stay", "los_under_threshold",
    "previous_street_essh", "date_to_street_essh", "times_homeless_past_three_years",
    "months_homeless_past_three_years", "disabling_condition", "date_of_engagement", "move_in_date",
    "referral_source",
]  # fmt: skip
EXIT_FIELDS = BOOK + [
    "enrollment_id", "client_id", "exit_date", "destination", "destination_subsidy_type",
    "project_completion_status",
]  # fmt: skip
STAGE = ["enrollment_id", "client_id", "information_date", "data_collection_stage"]
INCOME_COLS = [
    "income_from_any_source", "total_monthly_income", "earned", "earned_amount", "unemployment",
    "unemployment_amount", "ssi", "ssi_amount", "ssdi", "ssdi_amount", "va_disability_service",
    "va_disability_service_amount", "va_disability_non_service", "private_disability", "workers_comp",
    "tanf", "tanf_amount", "ga", "ga_amount", "soc_sec_retirement", "soc_sec_retirement_amount", "pension",
    "child_support", "alimony", "other_income_source",
    "benefits_from_any_source", "snap", "wic", "tanf_child_care", "tanf_transportation", "other_tanf",
    "other_benefits_source",
]  # fmt: skip
INSURANCE_COLS = [
    "insurance_from_any_source", "medicaid", "medicare", "schip", "vha_services", "employer_provided",
    "cobra", "private_pay", "state_health_ins", "indian_health_services", "other_insurance",
]  # fmt: skip
INCOME_FIELDS = BOOK + STAGE + INCOME_COLS + INSURANCE_COLS
HEALTH_FIELDS = BOOK + STAGE + ["domestic_violence_survivor", "when_occurred", "currently_fleeing"]
DISABILITY_FIELDS = BOOK + STAGE + ["disability_type", "disability_response", "indefinite_and_impairs"]
EMPLOYMENT_FIELDS = BOOK + STAGE + [
    "last_grade_completed", "school_status", "employed", "employment_type", "not_employed_reason",
]  # fmt: skip
SERVICE_FIELDS = BOOK + ["enrollment_id", "client_id", "date_provided", "record_type", "type_provided"]
# Coordinated entry (4.19, 4.20): an assessment at each access point visit, and what came of it.
ASSESSMENT_FIELDS = BOOK + [
    "enrollment_id", "client_id", "assessment_date", "assessment_location", "assessment_type",
    "assessment_level", "prioritization_status",
]  # fmt: skip
EVENT_FIELDS = BOOK + [
    "enrollment_id", "client_id", "event_date", "event", "prob_sol_div_rr_result", "referral_result",
    "result_date",
]  # fmt: skip
CLS_FIELDS = BOOK + [
    "enrollment_id",
    "client_id",
    "information_date",
    "current_living_situation",
    "verified_by",
]

# Positions in the income block of the source flags and their amounts.
_I = {name: i for i, name in enumerate(INCOME_COLS)}
_SOURCES = [
    "earned", "unemployment", "ssi", "ssdi", "va_disability_service", "va_disability_non_service",
    "private_disability", "workers_comp", "tanf", "ga", "soc_sec_retirement", "pension", "child_support",
    "alimony", "other_income_source",
]  # fmt: skip
_BENEFITS = ["snap", "wic", "tanf_child_care", "tanf_transportation", "other_tanf", "other_benefits_source"]
_NO_INCOME: list[int | None] = [None] * len(INCOME_COLS)
for _name in _SOURCES + _BENEFITS:
    _NO_INCOME[_I[_name]] = 0
_NO_INCOME[_I["income_from_any_source"]] = 0
_NO_INCOME[_I["benefits_from_any_source"]] = 0
_NOT_COLLECTED_INCOME = (None,) * len(INCOME_COLS)  # children: 4.02/4.03 are for adults only
_INCOME_SOURCES: dict[str, tuple[str, str, int, int]] = {
    # kind: (source flag, amount column, lowest, highest) -- 2026 monthly amounts in LA County.
    "earned": ("earned", "earned_amount", 0, 0),  # the person's own wage
    "ssi": ("ssi", "ssi_amount", 1100, 1233),
    "ssdi": ("ssdi", "ssdi_amount", 700, 1900),
    "ga": ("ga", "ga_amount", 221, 221),
    "retirement": ("soc_sec_retirement", "soc_sec_retirement_amount", 800, 2100),
    "va": ("va_disability_service", "va_disability_service_amount", 500, 3800),
    "tanf": ("tanf", "tanf_amount", 700, 1250),
    "unemployment": ("unemployment", "unemployment_amount", 900, 1800),
}


def income_block(
    kind: str, earned: int, rand: Callable[[], float], *, family: bool, missing: int = 0
) -> tuple[int | None, ...]:
    """IncomeBenefits columns 4.02 (income) and 4.03 (non-cash benefits) for an adult."""
    if kind == "child":
        return _NOT_COLLECTED_INCOME
    if missing:
        block: list[int | None] = [None] * len(INCOME_COLS)
        block[_I["income_from_any_source"]] = missing
        block[_I["benefits_from_any_source"]] = missing
        return tuple(block)
    block = list(_NO_INCOME)
    if kind != "none":
        flag, amount_col, low, high = _INCOME_SOURCES[kind]
        amount = earned if kind == "earned" else low + int(rand() * (high - low + 1))
        block[_I[flag]] = 1
        block[_I[amount_col]] = amount
        total = amount
        if kind in ("ssi", "ssdi", "ga") and rand() < 0.12 and earned:
            block[_I["earned"]], block[_I["earned_amount"]] = 1, earned
            total += earned
        block[_I["income_from_any_source"]] = 1
        block[_I["total_monthly_income"]] = total
    else:
        block[_I["total_monthly_income"]] = 0
    benefits = 0
    if rand() < 0.55:
        block[_I["snap"]] = benefits = 1
    if family and rand() < 0.3:
        block[_I["wic"]] = benefits = 1
    block[_I["benefits_from_any_source"]] = benefits
    return tuple(block)


def insurance_block(
    rand: Callable[[], float], *, age: int, veteran: int, ssdi: bool, employed: bool, missing: int = 0
) -> tuple[int | None, ...]:
    """IncomeBenefits 4.04 health insurance (collected for everyone)."""
    if missing:
        return (missing,) + (None,) * (len(INSURANCE_COLS) - 1)
    medicaid = 1 if rand() < (0.85 if age < 18 else 0.72) else 0
    medicare = 1 if age >= 65 or (ssdi and rand() < 0.5) else 0
    schip = 1 if age < 18 and not medicaid and rand() < 0.5 else 0
    vha = 1 if veteran and rand() < 0.6 else 0
    employer = 1 if employed and rand() < 0.15 else 0
    anything = 1 if medicaid or medicare or schip or vha or employer else 0
    return (anything, medicaid, medicare, schip, vha, employer, 0, 0, 0, 0, 0)


def health_block(dv: int, rand: Callable[[], float], *, missing: int = 0) -> tuple[int | None, ...]:
    """HealthAndDV 4.11: (DomesticViolenceSurvivor, WhenOccurred, CurrentlyFleeing)."""
    if missing:
        return (missing, None, None)
    if dv:
        return (1, WHEN_DV.pick(rand), 1 if rand() < 0.2 else 0)
    return (0, None, None)


def employment_block(rand: Callable[[], float], *, earned: int) -> tuple[int | None, ...]:
    """EmploymentEducation R4-R6 for youth projects."""
    employed = 1 if earned else 0
    return (
        LAST_GRADE.pick(rand),
        SCHOOL_STATUS.pick(rand),
        employed,
        EMPLOYMENT_TYPE.pick(rand) if employed else None,
        None if employed else NOT_EMPLOYED_REASON.pick(rand),
    )
