"""Groups of HUD fields that forms and services treat together."""

from __future__ import annotations

# 4.02 Income and sources: (yes/no field, amount field).
INCOME_SOURCES: tuple[tuple[str, str], ...] = (
    ("earned", "earned_amount"),
    ("unemployment", "unemployment_amount"),
    ("ssi", "ssi_amount"),
    ("ssdi", "ssdi_amount"),
    ("va_disability_service", "va_disability_service_amount"),
    ("va_disability_non_service", "va_disability_non_service_amount"),
    ("private_disability", "private_disability_amount"),
    ("workers_comp", "workers_comp_amount"),
    ("tanf", "tanf_amount"),
    ("ga", "ga_amount"),
    ("soc_sec_retirement", "soc_sec_retirement_amount"),
    ("pension", "pension_amount"),
    ("child_support", "child_support_amount"),
    ("alimony", "alimony_amount"),
    ("other_income_source", "other_income_amount"),
)
INCOME_FIELDS = (
    "income_from_any_source",
    *[f for pair in INCOME_SOURCES for f in pair],
    "other_income_source_identify",
)

# 4.03 Non-cash benefits.
BENEFIT_SOURCES = (
    "snap",
    "wic",
    "tanf_child_care",
    "tanf_transportation",
    "other_tanf",
    "other_benefits_source",
)
BENEFIT_FIELDS = ("benefits_from_any_source", *BENEFIT_SOURCES, "other_benefits_source_identify")

# 4.04 Health insurance.
INSURANCE_SOURCES = (
    "medicaid",
    "medicare",
    "schip",
    "vha_services",
    "employer_provided",
    "cobra",
    "private_pay",
    "state_health_ins",
    "indian_health_services",
    "other_insurance",
)
INSURANCE_FIELDS = ("insurance_from_any_source", *INSURANCE_SOURCES, "other_insurance_identify")

# 4.05-4.10 Disabilities (list 1.3). Developmental disability and HIV/AIDS are long-lasting by
# definition, so the "indefinite and impairs independence" follow-up is not asked for them.
DISABILITY_TYPES = (5, 6, 7, 8, 9, 10)
SUBSTANCE_USE = 10
NO_INDEFINITE_QUESTION = (6, 8)
# Responses meaning "has this disability" (list 1.8 Yes; list 4.10.2 alcohol, drug or both).
DISABILITY_YES = {1, 2, 3}

# 4.11 Domestic violence.
DV_FIELDS = ("domestic_violence_survivor", "when_occurred", "currently_fleeing")

# R4-R6 Employment and education (RHY).
EMPLOYMENT_FIELDS = (
    "last_grade_completed",
    "school_status",
    "employed",
    "employment_type",
    "not_employed_reason",
)

# 3.917 Prior living situation, on the Enrollment.
PRIOR_LIVING_FIELDS = (
    "living_situation",
    "rental_subsidy_type",
    "length_of_stay",
    "los_under_threshold",
    "previous_street_essh",
    "date_to_street_essh",
    "times_homeless_past_three_years",
    "months_homeless_past_three_years",
)
HISTORY_FIELDS = (
    "date_to_street_essh",
    "times_homeless_past_three_years",
    "months_homeless_past_three_years",
)

# 4.12 Current living situation follow-ups (asked when the person is housed or in an institution).
CLS_FOLLOW_UPS = (
    "leave_situation14_days",
    "subsequent_residence",
    "resources_to_obtain",
    "lease_own60_day",
    "moved_two_or_more",
)
