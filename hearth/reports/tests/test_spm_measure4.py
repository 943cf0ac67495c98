"""SPM Measure 4 (income growth in CoC Program-funded projects), step by step and end to end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from hearth.projects.models import Funder
from hearth.reports.spm import measure4
from hearth.reports.spm.measure4 import ANNUAL, ENTRY, EXIT
from hearth.reports.spm.stays import ES_EE, PSH, TH
from hearth.reports.tests.helpers import D, enroll, income, person, project
from hearth.reports.tests.spm_stays import stay

START, END = dt.date(2024, 10, 1), dt.date(2025, 9, 30)
ADULT = dt.date(1980, 5, 5)


def _incomes(enrollment, *records):
    return {enrollment.enrollment_id: [measure4.income(stage, D.fromisoformat(day), Decimal(total), Decimal(earned))
                                       for stage, day, total, earned in records]}  # fmt: skip


def test_it_compares_a_long_stayers_latest_anniversary_assessment_with_the_one_before():
    psh = stay(PSH, "2022-03-01")
    incomes = _incomes(
        psh, (ENTRY, "2022-03-01", 0, 0), (ANNUAL, "2024-02-20", 500, 0), (ANNUAL, "2025-03-15", 900, 400)
    )
    found = measure4.count_client([psh], incomes, ADULT, START, END)
    assert found is not None and found.kind == "stayer"
    assert found.earlier.date == D(2024, 2, 20) and found.later.date == D(2025, 3, 15)  # type: ignore[union-attr]
    assert {k: found.increased(k) for k in ("earned", "other", "total")} == {
        "earned": True, "other": False, "total": True,  # 500 -> 500 non-employment cash income
    }  # fmt: skip


def test_it_ignores_an_annual_assessment_far_from_the_anniversary_and_falls_back_to_entry():
    psh = stay(PSH, "2023-06-01")
    off_cycle = _incomes(psh, (ENTRY, "2023-06-01", 100, 0), (ANNUAL, "2024-12-01", 800, 0))
    found = measure4.count_client([psh], off_cycle, ADULT, START, END)
    assert found is not None and found.later is None and not found.increased("total")
    early = _incomes(psh, (ENTRY, "2023-06-01", 100, 0), (ANNUAL, "2025-05-05", 800, 0))  # 27 days early
    found = measure4.count_client([psh], early, ADULT, START, END)
    assert found.earlier.stage == ENTRY and found.increased("total")  # type: ignore[union-attr]


def test_it_leaves_out_stayers_of_under_365_days_and_does_not_count_them_as_leavers():
    recent = stay(PSH, "2024-10-02")  # 364 days by the report end
    assert measure4.count_client([recent], {}, ADULT, START, END) is None
    left_earlier = stay(TH, "2024-01-01", "2024-11-01")
    assert measure4.count_client([left_earlier, recent], {}, ADULT, START, END) is None
    assert measure4.count_client([stay(PSH, "2024-10-01")], {}, ADULT, START, END).kind == "stayer"  # type: ignore[union-attr]


def test_it_compares_a_leavers_exit_income_with_entry_on_the_latest_enrollment():
    first = stay(TH, "2024-01-01", "2024-12-01")
    second = stay(PSH, "2025-01-15", "2025-08-01")
    incomes = {
        **_incomes(first, (ENTRY, "2024-01-01", 0, 0), (EXIT, "2024-12-01", 2000, 2000)),
        **_incomes(second, (ENTRY, "2025-01-15", 300, 0), (EXIT, "2025-08-01", 300, 0)),
    }
    found = measure4.count_client([first, second], incomes, ADULT, START, END)
    assert found is not None and found.kind == "leaver" and found.stay is second
    assert not found.increased("total")
    without_entry = _incomes(second, (EXIT, "2025-08-01", 900, 0))
    assert not measure4.count_client([second], without_entry, ADULT, START, END).increased("total")  # type: ignore[union-attr]


def test_it_counts_only_adults_and_only_enrollments_open_after_the_first_day():
    child = dt.date(2010, 1, 1)
    assert measure4.count_client([stay(TH, "2024-11-01", "2025-02-01")], {}, child, START, END) is None
    assert measure4.count_client([stay(TH, "2024-11-01", "2025-02-01")], {}, None, START, END) is None
    turned_18 = dt.date(2006, 12, 1)  # 18 at the project start, not at the report start
    assert (
        measure4.count_client([stay(TH, "2024-12-15", "2025-02-01")], {}, turned_18, START, END) is not None
    )
    exit_on_first_day = stay(TH, "2024-01-01", "2024-10-01")
    assert measure4.count_client([exit_on_first_day], {}, ADULT, START, END) is None


def test_it_finds_anniversaries_of_a_29_february_start():
    assert measure4.near_anniversary(D(2025, 3, 20), D(2024, 2, 29))
    assert not measure4.near_anniversary(D(2024, 3, 20), D(2024, 2, 29))  # no anniversary before a year


def test_non_employment_income_is_the_total_less_the_earned_part_never_below_zero():
    record = measure4.income(EXIT, D(2025, 1, 1), Decimal(100), Decimal(250))
    assert record.amount("other") == 0 and record.amount("earned") == 250
    assert measure4.income(EXIT, D(2025, 1, 1), None, None).amount("total") == 0


def _coc_funded(project_type: int, funder: int = 2, **dates):
    made = project(project_type)
    Funder.objects.create(
        data_source=made.data_source, project=made, funder=funder, start_date=dates.get("start", D(2020, 1, 1)),
        end_date=dates.get("end"), date_created=made.date_created, date_updated=made.date_updated, hud_user_id="u",
    )  # fmt: skip
    return made


@pytest.mark.django_db
def test_it_writes_measure_4_for_coc_funded_projects_only(tmp_path):
    psh, shelter = _coc_funded(PSH), _coc_funded(ES_EE, funder=8)  # the shelter is ESG-funded
    ended = _coc_funded(TH, start=D(2015, 1, 1), end=D(2023, 12, 31))  # CoC funding ended before
    stayer = enroll(person(ADULT), psh, D(2023, 1, 10), household="a")
    income(stayer, ENTRY, D(2023, 1, 10), any_source=0, total=0)
    income(stayer, ANNUAL, D(2025, 1, 2), any_source=1, total=700, earned=700)
    leaver = enroll(person(ADULT), psh, D(2024, 11, 1), household="b", exit_on=D(2025, 6, 1))
    income(leaver, ENTRY, D(2024, 11, 1), any_source=1, total=900, ssi=900)
    income(leaver, EXIT, D(2025, 6, 1), any_source=1, total=1000, ssi=1000)
    for other in (shelter, ended):
        gone = enroll(person(ADULT), other, D(2024, 11, 1), household=f"x{other.pk}", exit_on=D(2025, 6, 1))
        income(gone, ENTRY, D(2024, 11, 1), any_source=0, total=0)
        income(gone, EXIT, D(2025, 6, 1), any_source=1, total=5000, earned=5000)
    call_command("run_report", "spm", "--start", "2024-10-01", "--end", "2025-09-30", "--coc", "CA-600",
                 "--out", str(tmp_path))  # fmt: skip
    table = {key: (tmp_path / f"{key}.csv").read_text().splitlines()[1:] for key in measure4.METRICS}
    assert table["4.1"] == [",,1", ",,1", ",,100%"]
    assert table["4.2"] == [",,1", ",,0", ",,0%"]
    assert table["4.5"] == [",,1", ",,1", ",,100%"] and table["4.4"][1] == ",,0"
    detail = (tmp_path / "4.1.detail.csv").read_text().splitlines()
    assert detail[0].startswith("row,column,PersonalID")
    assert detail[2] == f"2,2,{stayer.client.hud_id},0.00 -> 700.00,2023-01-10,2025-01-02"
