"""HUD code groups the APR counts by (FY2026 HMIS Reporting Glossary and APR programming
specifications). Kept apart from the tables so the universe builder and the tables agree."""

from __future__ import annotations

# Cash income sources (4.02), in the order of APR Q17: (IncomeBenefit flag field, amount field, label).
INCOME_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("earned", "earned_amount", "Earned Income"),
    ("unemployment", "unemployment_amount", "Unemployment Insurance"),
    ("ssi", "ssi_amount", "Supplemental Security Income (SSI)"),
    ("ssdi", "ssdi_amount", "Social Security Disability Insurance (SSDI)"),
    ("va_disability_service", "va_disability_service_amount", "VA Service-Connected Disability Compensation"),
    (
        "va_disability_non_service",
        "va_disability_non_service_amount",
        "VA Non-Service Connected Disability Pension",
    ),
    ("private_disability", "private_disability_amount", "Private Disability Insurance"),
    ("workers_comp", "workers_comp_amount", "Worker's Compensation"),
    ("tanf", "tanf_amount", "Temporary Assistance for Needy Families (TANF)"),
    ("ga", "ga_amount", "General Assistance (GA)"),
    ("soc_sec_retirement", "soc_sec_retirement_amount", "Retirement Income from Social Security"),
    ("pension", "pension_amount", "Pension or retirement income from a former job"),
    ("child_support", "child_support_amount", "Child Support"),
    ("alimony", "alimony_amount", "Alimony and other spousal support"),
    ("other_income_source", "other_income_amount", "Other Source"),
)

# Non-cash benefits (4.03), in the order of APR Q20a.
BENEFITS: tuple[tuple[str, str], ...] = (
    ("snap", "Supplemental Nutrition Assistance Program (SNAP) (Previously known as Food Stamps)"),
    ("wic", "Special Supplemental Nutrition Program for Women, Infants, and Children (WIC)"),
    ("tanf_child_care", "TANF Child Care Services"),
    ("tanf_transportation", "TANF Transportation Services"),
    ("other_tanf", "Other TANF-Funded Services"),
    ("other_benefits_source", "Other Source"),
)

# Health insurance (4.04), in the order of APR Q21.
INSURANCE: tuple[tuple[str, str], ...] = (
    ("medicaid", "Medicaid"),
    ("medicare", "Medicare"),
    ("schip", "State Children's Health Insurance Program"),
    ("vha_services", "Veteran's Health Administration (VHA)"),
    ("employer_provided", "Employer-Provided Health Insurance"),
    ("cobra", "Health Insurance Obtained through COBRA"),
    ("private_pay", "Private Pay Health Insurance"),
    ("state_health_ins", "State Health Insurance for Adults"),
    ("indian_health_services", "Indian Health Service Program"),
    ("other_insurance", "Other"),
)

STAGES = ("start", "annual", "exit")

# Disabilities (4.05-4.10) as APR Q13 reports them: (universe suffix, label).
CONDITIONS: tuple[tuple[str, str], ...] = (
    ("mental", "Mental Health Disorder"),
    ("alcohol", "Alcohol Use Disorder"),
    ("drug", "Drug Use Disorder"),
    ("both", "Both Alcohol and Drug Use Disorders"),
    ("chronic_health", "Chronic Health Condition"),
    ("hiv", "HIV/AIDS"),
    ("developmental", "Developmental Disability"),
    ("physical", "Physical Disability"),
)
# DisabilityType (list 1.3) -> universe suffix; substance use (10) splits by its response.
DISABILITY_TYPES = {5: "physical", 6: "developmental", 7: "chronic_health", 8: "hiv", 9: "mental"}
SUBSTANCE_USE = 10
DISABILITY_STAGES = ("entry", "exit", "latest")

# Household types, in the order of the APR's household columns.
HH_WITHOUT_CHILDREN = 1
HH_WITH_CHILDREN = 2
HH_ONLY_CHILDREN = 3
HH_UNKNOWN = 4

# Chronic homelessness (Glossary "Chronically Homeless at Project Start").
CH_YES = 1
CH_NO = 2
CH_DKPNTA = 3
CH_MISSING = 4

# Project types (list 2.02.6).
ES_EE, ES_NBN, TH, PSH, SO, SSO, OTHER, SH, PH_HO, PH_HS, DAY, HP, RRH, CE = (
    0,
    1,
    2,
    3,
    4,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
    13,
    14,
)
PH_TYPES = (PSH, PH_HO, PH_HS, RRH)
MOVE_IN_TYPES = (PSH, RRH)

# Living situations (list 3.12) by group.
HOMELESS_SITUATIONS = (116, 101, 118)
INSTITUTIONAL_SITUATIONS = (215, 206, 207, 225, 204, 205)
DK_PNTA = (8, 9)

# Data quality buckets used by Q6a (per element).
DQ_OK, DQ_DKPNTA, DQ_MISSING, DQ_ISSUE = 0, 1, 2, 3
