"""The rules hearth.hud.validation adds for imports: element lists, lists chosen by another field,
retired codes, soft date order."""

from __future__ import annotations

import datetime as dt

from hearth.hud.spec import FILES
from hearth.hud.validation import row_problems


def _rules(file, **values):
    return {(p.column, p.rule, p.level) for p in row_problems(FILES[file], values)}


def test_prior_living_situation_uses_its_own_list():
    assert _rules("Enrollment", LivingSituation=336) == set()
    assert ("LivingSituation", "code_list", "error") in _rules("Enrollment", LivingSituation=410 + 1000)


def test_current_living_situation_uses_its_own_list():
    assert _rules("CurrentLivingSituation", CurrentLivingSituation=37) == set()
    assert _rules("CurrentLivingSituation", CurrentLivingSituation=24) == {
        ("CurrentLivingSituation", "code_list", "error")
    }


def test_a_retired_funding_source_is_kept_with_a_warning():
    assert _rules("Funder", Funder=47) == {("Funder", "retired_code", "warning")}


def test_service_types_follow_the_record_type():
    assert _rules("Services", RecordType=151, TypeProvided=7) == set()  # HOPWA financial assistance (V2.3)
    assert _rules("Services", RecordType=200, TypeProvided=2) == {("TypeProvided", "code_list", "error")}
    assert _rules("Services", RecordType=144, TypeProvided=3, SubTypeProvided=13) == {
        ("SubTypeProvided", "code_list", "error")
    }


def test_subsidy_information_follows_the_housing_assessment():
    assert _rules("Exit", HousingAssessment=1, SubsidyInformation=2) == set()
    assert _rules("Exit", HousingAssessment=2, SubsidyInformation=2) == {
        ("SubsidyInformation", "code_list", "error")
    }


def test_a_move_in_before_the_entry_is_a_warning():
    found = _rules("Enrollment", EntryDate=dt.date(2024, 2, 1), MoveInDate=dt.date(2024, 1, 1))
    assert found == {("MoveInDate", "date_order", "warning")}
