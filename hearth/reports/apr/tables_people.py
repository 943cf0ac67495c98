"""APR Q4a (project identifiers), Q5a (report validations), Q7 (persons served), Q8 (households
served), Q9 (contacts and engagements), Q11 (age) and Q12 (race and ethnicity)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hearth.reports.apr.filters import (
    ADULT,
    ADULT_OR_HOH,
    AGE_DKPNTA,
    AGE_DNC,
    AGE_ROWS,
    ALL,
    CHILD,
    DKPNTA_LABEL,
    DNC_LABEL,
    HH,
    HH_COLUMNS,
    HOH,
    IN_DQ,
    LEAVER,
    PSH_RRH,
    STAYER,
    UNKNOWN_AGE,
)
from hearth.reports.tables import Count, Rate, Row, Table, Text, grid

SOFTWARE_NAME = "Hearth"


def q4a(run: Any) -> Table:
    from hearth.projects.models import Affiliation, CEParticipation

    rows = []
    effective = run.end_date
    for project in run.projects.select_related("organization").order_by("project_name"):
        participation = (
            CEParticipation.objects.filter(project=project, ce_participation_status_start_date__lte=effective)
            .filter(
                Q(ce_participation_status_end_date__isnull=True)
                | Q(ce_participation_status_end_date__gte=effective)
            )
            .order_by("-ce_participation_status_start_date", "-date_updated", "-pk")
            .first()
        )
        affiliation_applies = project.project_type == 6 or (
            project.project_type == 13 and project.rrh_sub_type == 1
        )
        affiliated = (project.residential_affiliation or 0) if affiliation_applies else 0
        affiliations = ""
        if affiliated == 1:
            affiliations = ", ".join(
                Affiliation.objects.filter(project=project).values_list("res_project__hud_id", flat=True)
            )
        cocs = list(project.projectcoc_set.order_by("coc_code").values_list("coc_code", "geocode"))
        rows.append(
            Row(
                project.organization.organization_name,
                [
                    Text(project.organization.hud_id),
                    Text(project.project_name),
                    Text(project.hud_id),
                    Text("" if project.project_type is None else str(project.project_type)),
                    Text("" if project.rrh_sub_type is None else str(project.rrh_sub_type)),
                    Text(str(participation.access_point if participation else 0)),
                    Text(str(affiliated)),
                    Text(affiliations),
                    Text(", ".join(code for code, _ in cocs)),
                    Text(", ".join(geocode or "" for _, geocode in cocs)),
                    Text(str(project.organization.victim_service_provider or 0)),
                    Text(SOFTWARE_NAME),
                    Text(run.start_date.isoformat()),
                    Text(run.end_date.isoformat()),
                    Count(Q(project_id=project.pk)),
                    Count(Q(project_id=project.pk) & HOH),
                ],
            )
        )
    return Table(
        "Q4a",
        "Project Identifiers in HMIS",
        [
            "Organization Name",
            "Organization ID",
            "Project Name",
            "Project ID",
            "HMIS Project Type",
            "RRH Subtype",
            "Coordinated Entry Access Point",
            "Affiliated with a residential project",
            "Project IDs of affiliations",
            "CoC Number",
            "Geocode",
            "Victim Service Provider",
            "HMIS Software Name",
            "Report Start Date",
            "Report End Date",
            "Total Active Clients",
            "Total Active Households",
        ],
        rows,
    )


Q5A_ROWS: list[tuple[str, Q]] = [
    ("Total number of persons served", ALL),
    ("Number of adults (age 18 or over)", ADULT),
    ("Number of children (under age 18)", CHILD),
    ("Number of persons with unknown age", UNKNOWN_AGE),
    ("Number of leavers", LEAVER),
    ("Number of adult leavers", LEAVER & ADULT),
    ("Number of adult and head of household leavers", LEAVER & ADULT_OR_HOH),
    ("Number of stayers", STAYER),
    ("Number of adult stayers", STAYER & ADULT),
    ("Number of veterans", Q(is_veteran=True)),
    ("Number of chronically homeless persons", Q(chronic=1)),
    ("Number of youth under age 25", Q(is_youth=True)),
    ("Number of parenting youth under age 25 with children", Q(is_parenting_youth=True)),
    ("Number of adult heads of household", ADULT & HOH),
    ("Number of child and unknown-age heads of household", HOH & ~ADULT),
    ("Heads of households and adult stayers in the project 365 days or more", Q(long_stayer=True)),
]


def q5a(run: Any) -> Table:
    return Table(
        "Q5a",
        "Report Validations Table",
        ["Category", "Count of Clients for DQ", "Count of Clients"],
        [Row(label, [Count(q & IN_DQ), Count(q)]) for label, q in Q5A_ROWS],
        note="Street outreach clients count for data quality once engaged (date of engagement on or before the report end).",
    )


MOVED_IN = PSH_RRH & Q(move_in_date__isnull=False)


def q7a(run: Any) -> Table:
    rows = grid(
        [
            ("Adults", ADULT),
            ("Children", CHILD),
            (DKPNTA_LABEL, AGE_DKPNTA),
            (DNC_LABEL, AGE_DNC),
            ("Total", ALL),
            ("For PSH & RRH - the total persons served who moved into housing", MOVED_IN),
        ],
        HH,
    )
    return Table(
        "Q7a", "Number of Persons Served", [" ", *HH_COLUMNS], rows, chart="bar", chart_rows=(0, 1, 2, 3)
    )


PIT_MONTHS = [("January", "jan"), ("April", "apr"), ("July", "jul"), ("October", "oct")]


def q7b(run: Any) -> Table:
    rows = grid([(label, Q(**{f"pit_{key}": True})) for label, key in PIT_MONTHS], HH)
    return Table(
        "Q7b",
        "Point-in-Time Count of Persons on the Last Wednesday",
        [" ", *HH_COLUMNS],
        rows,
        chart="bar",
        chart_rows=(0, 1, 2, 3),
    )


def q8a(run: Any) -> Table:
    rows = grid(
        [
            ("Total Households", HOH),
            (
                "For PSH & RRH - the total households served who moved into housing",
                HOH & PSH_RRH & Q(hoh_move_in_date__isnull=False),
            ),
        ],
        HH,
    )
    return Table("Q8a", "Number of Households Served", [" ", *HH_COLUMNS], rows)


def q8b(run: Any) -> Table:
    rows = grid([(label, HOH & Q(**{f"pit_hh_{key}": True})) for label, key in PIT_MONTHS], HH)
    return Table("Q8b", "Point-in-Time Count of Households on the Last Wednesday", [" ", *HH_COLUMNS], rows)


Q9_COLUMNS = [
    ALL,
    Q(first_contact=1),
    Q(first_contact=2),
    Q(first_contact=3),
]
Q9_HEADER = [
    "All Persons Contacted",
    "First contact - NOT staying on the Streets, ES, or SH",
    "First contact - WAS staying on Streets, ES, or SH",
    "First contact - Worker unable to determine",
]
CONTACT_GROUPS = [
    Q(contacts=1),
    Q(contacts__gte=2, contacts__lte=5),
    Q(contacts__gte=6, contacts__lte=9),
    Q(contacts__gte=10),
]
Q9_BASE = Q(project_type__in=[1, 4], contacts__gt=0) & ADULT_OR_HOH
CONTACTED = Q9_BASE & (Q(contacted_in_range=True) | Q(engaged_in_range=True))
ENGAGED = Q9_BASE & Q(engaged_in_range=True)


def q9a(run: Any) -> Table:
    labels = ["Once", "2-5 Times", "6-9 Times", "10+ Times", "Total Persons Contacted"]
    rows = grid(list(zip(labels, [*CONTACT_GROUPS, ALL], strict=True)), Q9_COLUMNS)
    return Table("Q9a", "Number of Persons Contacted", [" ", *Q9_HEADER], rows, base=CONTACTED)


def q9b(run: Any) -> Table:
    labels = ["Once", "2-5 Contacts", "6-9 Contacts", "10+ Contacts", "Total Persons Engaged"]
    rows = grid(list(zip(labels, [*CONTACT_GROUPS, ALL], strict=True)), Q9_COLUMNS)
    rows.append(Row("Rate of Engagement", [Rate(ENGAGED & col, CONTACTED & col) for col in Q9_COLUMNS]))
    header = [" ", *[h.replace("Contacted", "Engaged") for h in Q9_HEADER]]
    return Table("Q9b", "Number of Persons Engaged", header, rows, base=ENGAGED)


def q11(run: Any) -> Table:
    # Cells that cannot hold anyone (children in households without children, adults in households of
    # only children) are shaded in HUD's shell; they are reported as 0, as HUD's CSV files do.
    return Table(
        "Q11", "Age", [" ", *HH_COLUMNS], grid(AGE_ROWS, HH), chart="bar", chart_rows=tuple(range(11))
    )


# Q12 (FY2026): race and ethnicity as one question; answers are bits of AprClient.race_mask.
RACE_LABELS = {
    1: "American Indian, Alaska Native, or Indigenous",
    2: "Asian or Asian American",
    3: "Black, African American, or African",
    4: "Native Hawaiian or Pacific Islander",
    5: "White",
    6: "Hispanic/Latina/e/o",
    7: "Middle Eastern or North African",
}
RACE_ORDER = [1, 2, 3, 6, 7, 4, 5]
RACE_PAIRS = [
    (2, 1), (3, 1), (6, 1), (7, 1), (4, 1), (5, 1), (3, 2), (6, 2), (7, 2), (4, 2), (5, 2),
    (6, 3), (7, 3), (4, 3), (5, 3), (7, 6), (4, 6), (5, 6), (4, 7), (5, 7), (5, 4),
]  # fmt: skip


def _mask(*codes: int) -> int:
    return sum(1 << (code - 1) for code in codes)


def race_rows() -> list[tuple[str, Q]]:
    rows = [(RACE_LABELS[code], Q(race_mask=_mask(code))) for code in RACE_ORDER]
    rows += [(f"{RACE_LABELS[a]} & {RACE_LABELS[b]}", Q(race_mask=_mask(a, b))) for a, b in RACE_PAIRS]
    hispanic = _mask(6)
    with_hispanic = Q(race_count__gte=3) & Q(race_mask__in=[m for m in range(128) if m & hispanic])
    rows += [
        ("Multiracial - more than 2 races/ethnicity, with one being Hispanic/Latina/e/o", with_hispanic),
        (
            "Multiracial - more than 2 races, where no option is Hispanic/Latina/e/o",
            Q(race_count__gte=3) & ~with_hispanic,
        ),
        (DKPNTA_LABEL, Q(race_count=0, race_none__in=[8, 9])),
        (DNC_LABEL, Q(race_count=0) & ~Q(race_none__in=[8, 9])),
        ("Total", ALL),
    ]
    return rows


def q12(run: Any) -> Table:
    return Table("Q12", "Race and Ethnicity", [" ", *HH_COLUMNS], grid(race_rows(), HH))
