"""The Coordinated Entry APR (CE APR): HUD's tables for CE projects and the projects that collect CE
elements, on the APR's client universe narrowed by the CE APR's own rules.

Universe (HUD's CE APR programming specifications): heads of household active in the chosen
projects with a CE assessment (4.19) dated in the report range, each on the household's *latest*
assessment in the range, and the household members who were active on that assessment's date. The
APR universe already gives each client's latest active enrollment, the household type, age and data
quality; ``narrow`` marks the CE facts on those rows and removes everyone else, so Q5a, Q6a, Q7a and
Q8a are the APR's builders over the narrowed rows. A household belongs to the CoC its head was served
in (3.16): the run's CoC is the projects' own when the request names none (see ``coc_for``).

Q9c and Q9d read the head's latest event (4.20) of each table's kinds dated from the latest
assessment to the report end (an event before the assessment answers an earlier need). Q10 counts
every assessment and event in the range, whoever it is for, so it reads the records, not the
universe.
"""

# ruff: noqa: S608 - the SQL here is assembled from constants, integer keys and date literals
# written by hearth.reports.sql; no request text ever reaches it.

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from hearth.reports import sql
from hearth.reports.apr import tables_dq, tables_people
from hearth.reports.apr.filters import HH, HH_COLUMNS, HOH
from hearth.reports.apr.report import TableBuilder
from hearth.reports.apr.universe import Scope, U, household_key, household_type_sql
from hearth.reports.tables import Count, Ratio, Row, Table, Text, grid

CE_PROJECT_TYPE = 14

# 4.20.2 Event: Q9c's kinds (access and diversion) and Q9d's (referrals to a service or a unit).
DIVERSION_EVENTS = (1, 2, 3, 4)
REFERRAL_EVENTS = tuple(range(5, 19))
EVENT_LABELS = {
    1: "Referral to Prevention Assistance project",
    2: "Problem Solving/Diversion/Rapid Resolution intervention or service",
    3: "Referral to scheduled Coordinated Entry Crisis Needs Assessment",
    4: "Referral to scheduled Coordinated Entry Housing Needs Assessment",
    5: "Referral to post-placement/follow-up case management",
    6: "Referral to Street Outreach project or services",
    7: "Referral to Housing Navigation project or services",
    8: "Referral to Non-continuum services: Ineligible for continuum services",
    9: "Referral to Non-continuum services: No availability in continuum services",
    10: "Referral to Emergency Shelter bed opening",
    11: "Referral to Transitional Housing bed/unit opening",
    12: "Referral to Joint TH-RRH project/unit/resource opening",
    13: "Referral to RRH project resource opening",
    14: "Referral to PSH project resource opening",
    15: "Referral to Other PH project/unit/resource opening",
    16: "Referral to emergency assistance/flex fund/furniture assistance",
    17: "Referral to Emergency Housing Voucher (EHV)",
    18: "Referral to a Housing Stability Voucher",
}
# Events whose ReferralResult (4.20.D) is collected: openings in a residential project or voucher.
RESULT_EVENTS = frozenset({10, 11, 12, 13, 14, 15, 17, 18})

# Q5a rows the CE APR reports (the others, leavers, stayers, chronic status and length of stay, are
# blank in the CE APR: an assessment is not a stay).
Q5A_REPORTED = frozenset({0, 1, 2, 3, 9, 11, 13, 14})


def coc_for(projects: Iterable[Any]) -> str:
    """The CoC of the chosen projects when they share exactly one (ProjectCoC), else ""."""
    from hearth.projects.models import ProjectCoC

    codes = set(
        ProjectCoC.objects.filter(project__in=list(projects), date_deleted__isnull=True).values_list(
            "coc_code", flat=True
        )
    )
    return codes.pop() if len(codes) == 1 else ""


def check_projects(projects: Iterable[Any], *, start: Any, end: Any) -> None:
    """Refuse a CE APR for a project that neither is a CE project nor collects CE elements (a CE
    participation record, or CE assessments or events in the range)."""
    from hearth.enrollments.models import Assessment, Event
    from hearth.projects.models import CEParticipation

    chosen = list(projects)
    collecting = {p.pk for p in chosen if p.project_type == CE_PROJECT_TYPE}
    collecting |= set(
        CEParticipation.objects.filter(project__in=chosen, date_deleted__isnull=True).values_list(
            "project_id", flat=True
        )
    )
    for model, day in ((Assessment, "assessment_date"), (Event, "event_date")):
        collecting |= set(
            model.objects.filter(
                enrollment__project__in=chosen,
                date_deleted__isnull=True,
                **{f"{day}__range": (start, end)},
            )
            .values_list("enrollment__project_id", flat=True)
            .distinct()
        )
    others = sorted(p.hud_id or str(p.pk) for p in chosen if p.pk not in collecting)
    if others:
        raise ValidationError(
            {
                "projects": "The Coordinated Entry APR is for Coordinated Entry projects (project type 14) "
                "and projects that collect CE assessments or events; project "
                f"{', '.join(others)} is neither."
            }
        )


def narrow(scope: Scope) -> int:
    """Keep the CE APR's universe among the run's APR rows; return its size."""
    run, s, e = scope.run_id, scope.s, scope.e
    alive = "a.date_deleted IS NULL"
    # The head's latest assessment in the range, on the head's enrollment (one pass over the
    # assessments; only heads that have one are rewritten, the rest are removed below).
    latest = f"""SELECT x.enrollment_id, x.assessment_date, x.assessment_type, x.assessment_level,
            x.prioritization_status
        FROM (SELECT u.enrollment_id, a.assessment_date, a.assessment_type, a.assessment_level,
                a.prioritization_status,
                ROW_NUMBER() OVER (PARTITION BY u.enrollment_id ORDER BY a.assessment_date DESC, a.id DESC) AS pick
            FROM {U} u JOIN hud_assessment a ON a.enrollment_id = u.enrollment_id
            WHERE u.run_id = {run:d} AND u.is_hoh = {sql_true()} AND {alive}
              AND a.assessment_date BETWEEN {s} AND {e}) x
        WHERE x.pick = 1"""
    _temp(CE_ASSESSED, latest, key="enrollment_id")
    sql.execute(
        f"""UPDATE {U} SET (ce_assessment_date, ce_assessment_type, ce_assessment_level, ce_prioritization) = (
            SELECT t.assessment_date, t.assessment_type, t.assessment_level, t.prioritization_status
            FROM {CE_ASSESSED} t WHERE t.enrollment_id = {U}.enrollment_id)
        WHERE run_id = {run:d} AND is_hoh = {sql_true()}
          AND enrollment_id IN (SELECT enrollment_id FROM {CE_ASSESSED})"""
    )
    # Members take their head's assessment; they count when they were in the project on its date.
    # Households are looked up in temporary tables keyed like the APR's (one indexed column), not
    # by correlated scans of the run's rows.
    heads = f"""SELECT {household_key("u")} AS hk, MAX(u.ce_assessment_date) AS day,
            MAX(u.ce_assessment_type) AS kind, MAX(u.ce_assessment_level) AS level,
            MAX(u.ce_prioritization) AS prioritized
        FROM {U} u WHERE u.run_id = {run:d} AND u.is_hoh = {sql_true()} AND u.ce_assessment_date IS NOT NULL
        GROUP BY {household_key("u")}"""
    _temp(CE_HEADS, heads)
    sql.execute(
        f"""UPDATE {U} SET (ce_assessment_date, ce_assessment_type, ce_assessment_level, ce_prioritization) = (
            SELECT h.day, h.kind, h.level, h.prioritized FROM {CE_HEADS} h WHERE h.hk = {household_key(U)})
        WHERE run_id = {run:d} AND is_hoh = {sql_false()}"""
    )
    sql.execute(
        f"""DELETE FROM {U} WHERE run_id = {run:d} AND (ce_assessment_date IS NULL
            OR entry_date > ce_assessment_date OR exit_date < ce_assessment_date)"""
    )
    # The CE APR's household is the members counted with it: its type is theirs alone.
    members = f"""SELECT {household_key("m")} AS hk, MAX(CASE WHEN m.age >= 18 THEN 1 ELSE 0 END) AS adults,
            MAX(CASE WHEN m.age < 18 THEN 1 ELSE 0 END) AS children,
            MAX(CASE WHEN m.age IS NULL THEN 1 ELSE 0 END) AS unknown
        FROM {U} m WHERE m.run_id = {run:d} GROUP BY {household_key("m")}"""
    _temp(CE_MEMBERS, members)
    sql.execute(
        f"""UPDATE {U} SET household_type = (
            SELECT {household_type_sql()} FROM {CE_MEMBERS} h WHERE h.hk = {household_key(U)})
        WHERE run_id = {run:d}"""
    )
    for table in (CE_ASSESSED, CE_HEADS, CE_MEMBERS):
        sql.execute(f"DROP TABLE IF EXISTS {table}")
    # Each head's latest diversion event and latest referral event from the assessment on, in one
    # pass over the events; only the heads that have one are rewritten.
    diversion = f"v.event IN ({sql.ids(DIVERSION_EVENTS)})"
    latest = f"""SELECT x.enrollment_id,
            MAX(CASE WHEN x.diversion = 1 THEN x.event END) AS div_event,
            MAX(CASE WHEN x.diversion = 1 THEN x.prob_sol_div_rr_result END) AS div_result,
            MAX(CASE WHEN x.diversion = 0 THEN x.event END) AS ref_event,
            MAX(CASE WHEN x.diversion = 0 THEN x.referral_result END) AS ref_result,
            MAX(CASE WHEN x.diversion = 0 THEN x.referral_case_manage_after END) AS aftercare
        FROM (SELECT u.enrollment_id, v.event, v.prob_sol_div_rr_result, v.referral_result,
                v.referral_case_manage_after, CASE WHEN {diversion} THEN 1 ELSE 0 END AS diversion,
                ROW_NUMBER() OVER (PARTITION BY u.enrollment_id, CASE WHEN {diversion} THEN 1 ELSE 0 END
                    ORDER BY v.event_date DESC, v.id DESC) AS pick
            FROM {U} u JOIN hud_event v ON v.enrollment_id = u.enrollment_id
            WHERE u.run_id = {run:d} AND u.is_hoh = {sql_true()} AND v.date_deleted IS NULL
              AND v.event IN ({sql.ids([*DIVERSION_EVENTS, *REFERRAL_EVENTS])})
              AND v.event_date >= u.ce_assessment_date AND v.event_date <= {e}) x
        WHERE x.pick = 1 GROUP BY x.enrollment_id"""
    _temp(CE_EVENTS, latest, key="enrollment_id")
    sql.execute(
        f"""UPDATE {U} SET (ce_event_diversion, ce_diversion_result, ce_event_referral, ce_referral_result,
                ce_aftercare) = (
            SELECT t.div_event, t.div_result, t.ref_event, t.ref_result, t.aftercare
            FROM {CE_EVENTS} t WHERE t.enrollment_id = {U}.enrollment_id)
        WHERE run_id = {run:d} AND is_hoh = {sql_true()}
          AND enrollment_id IN (SELECT enrollment_id FROM {CE_EVENTS})"""
    )
    sql.execute(f"DROP TABLE IF EXISTS {CE_EVENTS}")
    rows = sql.fetchall(f"SELECT COUNT(*) FROM {U} WHERE run_id = {run:d}")
    return int(rows[0][0])


CE_HEADS = "ce_tmp_heads"
CE_MEMBERS = "ce_tmp_members"
CE_EVENTS = "ce_tmp_events"
CE_ASSESSED = "ce_tmp_assessed"


def _temp(name: str, select: str, *, key: str = "hk") -> None:
    sql.execute(f"DROP TABLE IF EXISTS {name}")
    sql.execute(f"CREATE TEMP TABLE {name} AS {select}")
    sql.execute(f"CREATE UNIQUE INDEX {name}_{key} ON {name} ({key})")
    sql.analyze(name)


def sql_true() -> str:
    return "TRUE" if sql.is_postgres() else "1"


def sql_false() -> str:
    return "FALSE" if sql.is_postgres() else "0"


def q5a(run: Any) -> Table:
    apr = tables_people.q5a(run)
    rows = [Row(row.label, [row.cells[1] if i in Q5A_REPORTED else None]) for i, row in enumerate(apr.rows)]
    return Table("Q5a", apr.title, ["Category", "Count of Clients"], rows)


HH_HEADER = [" ", *HH_COLUMNS]


def q9a(run: Any) -> Table:
    kinds = [("Phone", 1), ("Virtual", 2), ("In-person", 3)]
    rows = grid(
        [*((label, Q(ce_assessment_type=code)) for label, code in kinds), ("Total Households Assessed", Q())],
        HH,
    )
    return Table("Q9a", "Assessment Type - Households Assessed in the Date Range", HH_HEADER, rows, base=HOH)


def q9b(run: Any) -> Table:
    rows = grid(
        [
            ("Placed on Prioritization List (Prioritized)", Q(ce_prioritization=1)),
            ("Not Placed on Prioritization List", ~Q(ce_prioritization=1)),
        ],
        HH,
    )
    # Of every household assessed (the last row, the percentage's denominator).
    rows.append(Row("Percent of Assessed Prioritized", [Ratio((0, c), (3, c)) for c in range(len(HH))]))
    rows.append(Row("Total Households Assessed", [Count(col) for col in HH]))
    return Table("Q9b", "Prioritization Status by Households", HH_HEADER, rows, base=HOH)


def q9c(run: Any) -> Table:
    rows = grid(
        [
            *((EVENT_LABELS[code], Q(ce_event_diversion=code)) for code in DIVERSION_EVENTS),
            ("Total", Q(ce_event_diversion__isnull=False)),
            (
                "Result: Client housed/Re-Housed in a safe alternative",
                Q(ce_event_diversion=2, ce_diversion_result=1),
            ),
        ],
        HH,
    )
    rows.append(
        Row(
            "Percent of successful referrals to Problem Solving/Diversion/Rapid Resolution",
            [Ratio((5, c), (1, c)) for c in range(len(HH))],
        )
    )
    return Table(
        "Q9c", "Access Events - Households with a Diversion or Access Event", HH_HEADER, rows, base=HOH
    )


def q9d(run: Any) -> Table:
    referred = Q(ce_event_referral__isnull=False)
    labels = [EVENT_LABELS[code].removeprefix("Referral to ") for code in REFERRAL_EVENTS[:11]]
    labels += [EVENT_LABELS[code] for code in REFERRAL_EVENTS[11:]]
    rows = grid(
        [
            *(
                (label, Q(ce_event_referral=code))
                for label, code in zip(labels, REFERRAL_EVENTS, strict=True)
            ),
            ("Total", referred),
        ],
        HH,
    )
    total_row = len(rows) - 1
    rows.append(
        Row(
            "Of the total HH prioritized (Q9b row 1) what percentage received a referral",
            [Ratio((total_row + 8, c), (total_row + 9, c)) for c in range(len(HH))],
        )
    )
    rows += grid(
        [
            ("Result: successful referral: client accepted", referred & Q(ce_referral_result=1)),
            ("Result: Unsuccessful referral: client rejected", referred & Q(ce_referral_result=2)),
            ("Result: Unsuccessful referral: provider rejected", referred & Q(ce_referral_result=3)),
            ("No result recorded", Q(ce_event_referral__in=RESULT_EVENTS, ce_referral_result__isnull=True)),
            ("Result: Enrolled in Aftercare project", Q(ce_event_referral=5, ce_aftercare=1)),
        ],
        HH,
    )
    rows.append(
        Row(
            "Percent of successful referrals to residential projects",
            [Ratio((total_row + 2, c), (total_row, c)) for c in range(len(HH))],
        )
    )
    # The prioritized households and those of them referred: the inputs of the percentage above.
    rows += grid(
        [
            ("Prioritized households referred", referred & Q(ce_prioritization=1)),
            ("Prioritized households", Q(ce_prioritization=1)),
        ],
        HH,
    )
    return Table("Q9d", "Referral Events - Households Referred", HH_HEADER, rows, base=HOH)


def q10(run: Any) -> Table:
    """Every CE assessment and event in the range on the projects' enrollments in the run's CoC."""
    from hearth.enrollments.models import Assessment, Event

    start, end = run.start_date, run.end_date
    projects = list(run.projects.values_list("pk", flat=True))
    active = Q(enrollment__entry_date__lte=end) & (
        Q(enrollment__exit__isnull=True) | Q(enrollment__exit__exit_date__gte=start)
    )
    in_coc = Q()
    if run.coc_code:
        # 3.16 is collected for heads of household: other members' records have none.
        in_coc = (
            Q(enrollment__enrollment_coc__isnull=True)
            | Q(enrollment__enrollment_coc="")
            | Q(enrollment__enrollment_coc=run.coc_code)
        )
    # Each record once (an enrollment may carry more than one exit row), then every count of the
    # table in one aggregate per model.
    assessments = Assessment.objects.filter(
        pk__in=Assessment.objects.filter(
            in_coc,
            active,
            enrollment__project_id__in=projects,
            date_deleted__isnull=True,
            assessment_date__range=(start, end),
        ).values("pk")
    )
    events = Event.objects.filter(
        pk__in=Event.objects.filter(
            in_coc,
            active,
            enrollment__project_id__in=projects,
            date_deleted__isnull=True,
            event_date__range=(start, end),
        ).values("pk")
    )
    levels = assessments.aggregate(
        **{f"level_{level}": models.Count("pk", filter=Q(assessment_level=level)) for level in (1, 2)}
    )
    wanted: dict[str, models.Count] = {}
    for code in EVENT_LABELS:
        kind = Q(event=code)
        wanted[f"e{code}"] = models.Count("pk", filter=kind)
        if code in RESULT_EVENTS:
            for result in (1, 2, 3):
                wanted[f"e{code}_r{result}"] = models.Count("pk", filter=kind & Q(referral_result=result))
        if code == 2:
            wanted[f"e{code}_safe"] = models.Count("pk", filter=kind & Q(prob_sol_div_rr_result=1))
        if code == 5:
            wanted[f"e{code}_aftercare"] = models.Count("pk", filter=kind & Q(referral_case_manage_after=1))
    counted = events.aggregate(**wanted)
    rows = [
        Row(label, [Text(str(levels[f"level_{level}"])), None, None, None, None, None])
        for label, level in (("Crisis Needs Assessment", 1), ("Housing Needs Assessment", 2))
    ]
    for code, label in EVENT_LABELS.items():
        cells: list[Any] = [Text(str(counted[f"e{code}"])), None, None, None, None, None]
        if code in RESULT_EVENTS:
            for i, result in enumerate((1, 2, 3), start=1):
                cells[i] = Text(str(counted[f"e{code}_r{result}"]))
        if code == 2:
            cells[4] = Text(str(counted[f"e{code}_safe"]))
        if code == 5:
            cells[5] = Text(str(counted[f"e{code}_aftercare"]))
        rows.append(Row(label, cells))
    header = [
        "Assessment/Event",
        "Total Occurrences",
        "Successful Referral",
        "Unsuccessful Referral: client rejected",
        "Unsuccessful Referral: provider rejected",
        "Re-housed in safe alternative",
        "Enrolled in aftercare",
    ]
    return Table(
        "Q10",
        "Total Coordinated Entry Activity During the Year",
        header,
        rows,
        note="Counts every assessment and event in the range, not households.",
    )


CE_APR_TABLES: list[TableBuilder] = [
    tables_people.q4a,
    q5a,
    tables_dq.q6a,
    tables_people.q7a,
    tables_people.q8a,
    q9a,
    q9b,
    q9c,
    q9d,
    q10,
]


def tables(run: Any) -> list[Table]:
    out: list[Table] = []
    for build in CE_APR_TABLES:
        built = build(run)
        out.extend(built if isinstance(built, list) else [built])
    return out
