"""The APR client universe: one row per client per run, computed once.

HUD's programming specifications build every APR question on one list of clients (each on the
latest enrollment active in the report range) with the facts the questions count by: age as of the
later of the report start and the project start, the head of household and household type of the
*program enrollment* household (HouseholdID, RelationshipToHoH), leaver or stayer, income at start,
annual assessment and exit, and so on. Storing that list as rows means every table cell is a filter
over the same rows, and the drill-down behind a count is that same filter.

The income, benefit, insurance and disability families repeat per collection stage, so their columns
are added in a loop below (``stage_field_names`` lists them).
"""

from __future__ import annotations

from django.db import models

from hearth.reports.apr.codes import (
    BENEFITS,
    CONDITIONS,
    DISABILITY_STAGES,
    INCOME_SOURCES,
    INSURANCE,
    STAGES,
)


def _small(**kw):  # type: ignore[no-untyped-def]
    return models.SmallIntegerField(null=True, blank=True, **kw)


def _flag():  # type: ignore[no-untyped-def]
    # db_default too: the builder fills the table with INSERT ... SELECT, not through the ORM.
    return models.BooleanField(default=False, db_default=False)


def _zero():  # type: ignore[no-untyped-def]
    return models.SmallIntegerField(default=0, db_default=0)


class AprClient(models.Model):
    # No index of its own: the unique (run, client) index below serves every lookup by run, and
    # one index fewer to keep is a shorter write of a CoC-wide universe.
    run = models.ForeignKey(
        "reports.ReportRun", on_delete=models.CASCADE, related_name="universe", db_index=False
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    # A run keeps its rows when an enrollment or project is later removed: the figures it showed
    # stay explainable. (Clients go with their rows: the universe holds their dates of birth.)
    enrollment = models.ForeignKey(
        "enrollments.Enrollment",
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False, db_index=False
    )
    personal_id = models.CharField("PersonalID", max_length=32)
    project_type = _small()

    # The program enrollment household.
    household_id = models.CharField(max_length=32)
    relationship_to_hoh = _small()
    is_hoh = _flag()
    household_type = models.SmallIntegerField(default=4, db_default=4)  # codes.HH_*
    hoh_entry_date = models.DateField(null=True, blank=True)

    # Dates and stay.
    entry_date = models.DateField()
    exit_date = models.DateField(null=True, blank=True, help_text="Only exits on or before the report end.")
    is_leaver = _flag()
    los_days = models.IntegerField(
        null=True, blank=True, help_text="Days from project start to exit or end + 1."
    )
    bed_nights = models.IntegerField(null=True, blank=True)
    long_stayer = _flag()  # Q5a row 16
    move_in_date = models.DateField(
        null=True, blank=True, help_text="Housing move-in, household rules applied."
    )
    hoh_move_in_date = models.DateField(null=True, blank=True)
    hoh_move_in_recorded = models.DateField(
        null=True, blank=True, help_text="The head's move-in date as entered."
    )
    date_of_engagement = models.DateField(null=True, blank=True)
    in_dq = models.BooleanField(
        default=True, db_default=True, help_text="Counted in the DQ columns (SO: engaged by the end)."
    )
    entry_lag_days = models.IntegerField(null=True, blank=True)
    exit_lag_days = models.IntegerField(null=True, blank=True)

    # The person.
    dob = models.DateField(null=True, blank=True)
    dob_quality = _small()
    age = _small()
    sex = _small()
    veteran_status = _small()
    is_veteran = _flag()
    # Race and ethnicity (3.04): bit n-1 set for answer n (apr.universe.RACE_FIELDS), the number of
    # answers, and RaceNone for those with none.
    race_mask = _zero()
    race_count = _zero()
    race_none = _small()
    chronic = _small()  # codes.CH_*
    is_youth = _flag()
    is_parenting_youth = _flag()
    youth_household = _flag()
    has_youth_children = _flag()

    # Project start data.
    living_situation = _small()
    rental_subsidy_type = _small()
    length_of_stay = _small()
    los_under_threshold = _small()
    previous_street_essh = _small()
    date_to_street_essh = models.DateField(null=True, blank=True)
    times_homeless = _small()
    months_homeless = _small()
    disabling_condition = _small()
    homeless_start_date = models.DateField(null=True, blank=True)  # Q22e
    housing_date = models.DateField(null=True, blank=True)  # Q22e
    days_to_move_in = models.IntegerField(null=True, blank=True)  # Q22c: project start to move-in
    days_to_housing = models.IntegerField(null=True, blank=True)  # Q22e: homelessness start to housing
    # Household summaries carried on every member: the household's best chronic status (codes.CH_*)
    # and its veterans (1 a chronically homeless veteran, 2 a veteran, 3 no veteran adults,
    # 4 an adult's status unknown (don't know/prefers not), 5 an adult's status not collected).
    hh_chronic = _small()
    hh_veteran = _small()
    # Q27b: the household is led by a parenting youth (1) under 18 or (2) aged 18 to 24.
    hh_parenting_youth = _small()

    # Exit.
    destination = _small()
    destination_subsidy_type = _small()
    housing_assessment = _small()
    subsidy_information = _small()
    moving_on_assistance = _small()

    # Youth education status (C3) at project start and exit (Q27m): current school attendance
    # (C3.2), most recent status of those not enrolled (C3.A), current status of those enrolled (C3.B).
    edu_start_school = _small()
    edu_start_recent = _small()
    edu_start_current = _small()
    edu_exit_school = _small()
    edu_exit_recent = _small()
    edu_exit_current = _small()

    # Domestic violence (latest 4.11 record up to the report end).
    dv_survivor = _small()
    dv_when = _small()
    dv_fleeing = _small()

    # Street outreach contacts (Q9).
    contacts = models.IntegerField(default=0, db_default=0)
    first_contact = _small()  # 1 not literally homeless, 2 literally homeless, 3 worker unable to determine
    engaged_in_range = _flag()
    contacted_in_range = _flag()

    # Annual assessment.
    annual_due = models.DateField(null=True, blank=True)
    annual_expected = _flag()

    # Data quality (Q6): per element one of codes.DQ_*.
    dq_name = _zero()
    dq_ssn = _zero()
    dq_dob = _zero()
    dq_race = _zero()
    dq_veteran = _zero()
    dq_start_overlap = _flag()
    dq_relationship = _zero()
    dq_location = _zero()
    dq_disabling = _zero()
    dq_destination = _zero()
    dq_income_start = _zero()
    dq_income_annual = _zero()
    dq_income_exit = _zero()
    dq_ch_institution = _flag()
    dq_ch_housing = _flag()
    dq_ch_date = _flag()
    dq_ch_times = _flag()
    dq_ch_months = _flag()
    ch_dq_group = _small()  # Q6d row: 1 ES/SH/SO, 2 TH, 3 PH, 4 CE, 5 SSO/day shelter/HP; null if not counted
    inactive_contact = _zero()  # Q6f: 0 not counted, 1 active, 2 inactive
    inactive_bed_night = _zero()

    # Point-in-time presence (Q7b persons, Q8b households via their head).
    pit_jan = _flag()
    pit_apr = _flag()
    pit_jul = _flag()
    pit_oct = _flag()
    pit_hh_jan = _flag()
    pit_hh_apr = _flag()
    pit_hh_jul = _flag()
    pit_hh_oct = _flag()

    # Coordinated Entry APR (hearth.reports.ce_apr): the household's latest CE assessment (4.19) in
    # the range, and the head's latest event (4.20) of Q9c's and of Q9d's kinds after it.
    ce_assessment_date = models.DateField(null=True, blank=True)
    ce_assessment_type = _small()
    ce_assessment_level = _small()
    ce_prioritization = _small()
    ce_event_diversion = _small()
    ce_diversion_result = _small()
    ce_event_referral = _small()
    ce_referral_result = _small()
    ce_aftercare = _small()

    class Meta:
        db_table = "reports_apr_client"
        constraints = [models.UniqueConstraint(fields=["run", "client"], name="reports_apr_client_once")]

    def __str__(self) -> str:
        return f"APR client {self.personal_id} (run {self.run_id})"


def stage_field_names() -> list[str]:
    names: list[str] = []
    for stage in STAGES:
        names += [f"inc_{stage}_found", f"inc_{stage}_any", f"inc_{stage}_total", f"inc_{stage}_earned_amt"]
        names += [f"inc_{stage}_other_amt"]
        names += [f"inc_{stage}_nsrc"] + [f"inc_{stage}_{flag}" for flag, _, _ in INCOME_SOURCES]
        names += [f"ben_{stage}_any", f"ben_{stage}_nsrc"] + [f"ben_{stage}_{flag}" for flag, _ in BENEFITS]
        names += [f"ins_{stage}_any", f"ins_{stage}_nsrc"] + [f"ins_{stage}_{flag}" for flag, _ in INSURANCE]
    for stage in DISABILITY_STAGES:
        names += [f"dis_{stage}_found", f"dis_{stage}_count"]
        names += [f"dis_{stage}_{suffix}" for suffix, _ in CONDITIONS]
    return names


def _add_stage_fields() -> None:
    for stage in STAGES:
        AprClient.add_to_class(f"inc_{stage}_found", _flag())
        AprClient.add_to_class(f"inc_{stage}_any", _small())
        AprClient.add_to_class(
            f"inc_{stage}_total", models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
        )
        # Earned income and other income (total less earned) as APR Q18/Q19 split a total.
        for part in ("earned", "other"):
            AprClient.add_to_class(
                f"inc_{stage}_{part}_amt",
                models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True),
            )
        AprClient.add_to_class(f"inc_{stage}_nsrc", _zero())
        for flag, _, _ in INCOME_SOURCES:
            AprClient.add_to_class(f"inc_{stage}_{flag}", _flag())
        AprClient.add_to_class(f"ben_{stage}_any", _small())
        AprClient.add_to_class(f"ben_{stage}_nsrc", _zero())
        for flag, _ in BENEFITS:
            AprClient.add_to_class(f"ben_{stage}_{flag}", _flag())
        AprClient.add_to_class(f"ins_{stage}_any", _small())
        AprClient.add_to_class(f"ins_{stage}_nsrc", _zero())
        for flag, _ in INSURANCE:
            AprClient.add_to_class(f"ins_{stage}_{flag}", _flag())
    for stage in DISABILITY_STAGES:
        AprClient.add_to_class(f"dis_{stage}_found", _flag())
        AprClient.add_to_class(f"dis_{stage}_count", _zero())
        for suffix, _ in CONDITIONS:
            AprClient.add_to_class(f"dis_{stage}_{suffix}", _flag())


_add_stage_fields()
