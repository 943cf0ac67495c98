"""Which HUD data elements are asked, of whom, when and in which programs."""

import datetime as dt

import pytest

from hearth.enrollments.elements import (
    ANNUAL,
    EXIT,
    OCCURRENCE,
    START,
    UPDATE,
    age_on,
    elements_for,
    is_adult,
)


def keys(**kwargs):
    return {e.key for e in elements_for(**kwargs)}


def test_it_asks_the_head_in_a_shelter_everything_of_project_start():
    assert keys(project_type=0, is_head=True, is_adult=True, stage=START) == {
        "disabling_condition",
        "prior_living_situation",
        "enrollment_coc",
        "income",
        "benefits",
        "insurance",
        "disabilities",
        "domestic_violence",
    }


def test_it_asks_a_child_only_what_all_members_answer():
    assert keys(project_type=0, is_head=False, is_adult=False, stage=START) == {
        "disabling_condition",
        "insurance",
        "disabilities",
    }


def test_it_asks_an_adult_member_but_not_the_enrollment_coc():
    found = keys(project_type=0, is_head=False, is_adult=True, stage=START)
    assert "prior_living_situation" in found and "income" in found
    assert "enrollment_coc" not in found


def test_it_asks_a_child_head_of_household_the_head_questions():
    found = keys(project_type=0, is_head=True, is_adult=False, stage=START)
    assert {"enrollment_coc", "prior_living_situation", "income"} <= found


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (UPDATE, {"income", "benefits", "insurance", "disabilities", "domestic_violence"}),
        (ANNUAL, {"income", "benefits", "insurance"}),
        (EXIT, {"income", "benefits", "insurance", "disabilities", "destination"}),
    ],
)
def test_it_asks_the_right_elements_at_each_later_stage(stage, expected):
    assert keys(project_type=2, is_head=True, is_adult=True, stage=stage) == expected


def test_it_asks_move_in_date_of_the_head_in_permanent_housing_only():
    assert "move_in_date" in keys(project_type=13, is_head=True, is_adult=True, stage=OCCURRENCE)
    assert "move_in_date" not in keys(project_type=13, is_head=False, is_adult=True, stage=OCCURRENCE)
    assert "move_in_date" not in keys(project_type=0, is_head=True, is_adult=True, stage=OCCURRENCE)


def test_it_records_contacts_and_engagement_in_outreach():
    found = keys(project_type=4, is_head=True, is_adult=True, stage=OCCURRENCE)
    assert {"current_living_situation", "date_of_engagement"} <= found
    assert "current_living_situation" not in keys(
        project_type=3, is_head=True, is_adult=True, stage=OCCURRENCE
    )


def test_it_records_bed_nights_only_in_night_by_night_shelters():
    assert "bed_night" in keys(project_type=1, is_head=False, is_adult=False, stage=OCCURRENCE)
    assert "bed_night" not in keys(project_type=0, is_head=True, is_adult=True, stage=OCCURRENCE)


def test_it_leaves_program_specific_elements_out_of_coordinated_entry():
    found = keys(project_type=14, is_head=True, is_adult=True, stage=START)
    assert "income" not in found and "prior_living_situation" in found


def test_it_asks_employment_only_under_rhy_funding():
    assert "employment" not in keys(project_type=2, is_head=True, is_adult=True, stage=START)
    assert "employment" in keys(project_type=2, is_head=True, is_adult=True, stage=START, funders=[24])


def test_it_counts_age_in_whole_years_on_the_project_start():
    assert age_on(dt.date(2007, 6, 16), dt.date(2025, 6, 15)) == 17
    assert age_on(dt.date(2007, 6, 16), dt.date(2025, 6, 16)) == 18
    assert is_adult(None, dt.date(2025, 6, 16))
    assert not is_adult(dt.date(2010, 1, 1), dt.date(2025, 6, 16))
