"""SPM Measure 2 (returns to homelessness after an exit to permanent housing), step by step."""

from __future__ import annotations

import datetime as dt

from hearth.reports.spm import measure2
from hearth.reports.spm.stays import ES_EE, PSH, SO, TH, Stay
from hearth.reports.tests.spm_stays import stay

# Exits counted: the report dates less 730 days, 2022-10-02 to 2023-10-01 (2024 is a leap year).
START, END = dt.date(2024, 10, 1), dt.date(2025, 9, 30)
RENTAL = 410  # a permanent destination
SHELTER = 101  # a homeless destination


def counted(*stays: Stay) -> measure2.ExitToPh | None:
    return measure2.count_client(list(stays), START, END)


def test_it_counts_only_exits_to_permanent_housing_two_years_before_the_report():
    assert counted(stay(ES_EE, "2022-11-01", "2022-12-01", SHELTER)) is None
    assert counted(stay(ES_EE, "2024-11-01", "2024-12-01", RENTAL)) is None  # in the report year
    assert counted(stay(ES_EE, "2022-09-01", "2022-10-01", RENTAL)) is None  # a day too early
    assert counted(stay(ES_EE, "2023-09-01", "2023-10-02", RENTAL)) is None  # a day too late
    found = counted(stay(TH, "2022-09-01", "2022-10-02", RENTAL))
    assert found is not None and (found.row, found.returned) == (3, None)


def test_it_measures_from_the_earliest_exit_and_puts_it_in_its_project_types_row():
    found = counted(
        stay(SO, "2023-01-01", "2023-03-01", RENTAL), stay(PSH, "2022-10-01", "2022-12-01", RENTAL)
    )
    assert found is not None and found.row == 5 and found.exit.exit == dt.date(2022, 12, 1)


def test_it_bands_a_return_by_the_days_since_the_exit():
    left = stay(ES_EE, "2022-10-01", "2022-11-01", RENTAL)
    for entry, band in (("2022-11-01", 0), ("2023-04-30", 0), ("2023-05-01", 1), ("2023-11-01", 1),
                        ("2023-11-02", 2), ("2024-10-31", 2)):  # fmt: skip
        found = counted(left, stay(ES_EE, entry))
        assert found is not None and found.band == band, entry
    found = counted(left, stay(ES_EE, "2024-11-01"))  # 731 days: not a return
    assert found is not None and found.band is None


def test_it_does_not_count_a_move_between_housing_projects_as_a_return():
    left = stay(PSH, "2021-01-01", "2023-01-01", RENTAL)
    moved = stay(PSH, "2023-01-10", "2023-06-01", RENTAL)  # 9 days later: a transfer
    moved_again = stay(PSH, "2023-06-10")  # 9 days after the transfer's exit: still a transfer
    found = counted(left, moved, moved_again)
    assert found is not None and found.returned is None
    later = stay(PSH, "2023-07-01", "2023-08-01")  # while still housed in the last one
    assert counted(left, moved, moved_again, later).returned is None  # type: ignore[union-attr]
    shelter = stay(ES_EE, "2023-08-01")  # a shelter stay is a return even while housed
    found = counted(left, moved, moved_again, shelter)
    assert found is not None and found.returned is shelter and found.band == 1


def test_it_counts_housing_entered_more_than_two_weeks_after_the_exit_as_a_return():
    left = stay(PSH, "2021-01-01", "2023-01-01", RENTAL)
    back = stay(PSH, "2023-01-16")
    found = counted(left, back)
    assert found is not None and found.returned is back and found.band == 0


def test_it_does_not_count_transitional_housing_entered_within_two_weeks_as_a_return():
    left = stay(ES_EE, "2022-10-01", "2022-11-01", RENTAL)
    assert counted(left, stay(TH, "2022-11-15")).returned is None  # type: ignore[union-attr]
    found = counted(left, stay(TH, "2022-11-16"))
    assert found is not None and found.band == 0
