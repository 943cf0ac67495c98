"""Annual assessments: within 30 days of each anniversary of the head's project start."""

import datetime as dt

import pytest

from hearth.enrollments.annual import (
    DONE,
    DUE,
    DUE_SOON,
    NOT_DUE,
    OVERDUE,
    anniversary,
    annual_status,
    window_for_date,
)

ENTRY = dt.date(2024, 3, 15)


def test_it_counts_the_anniversary_like_an_age():
    assert anniversary(ENTRY, 1) == dt.date(2025, 3, 15)
    assert anniversary(dt.date(2024, 2, 29), 1) == dt.date(2025, 3, 1)
    assert anniversary(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (dt.date(2025, 1, 15), NOT_DUE),
        (dt.date(2025, 2, 1), DUE_SOON),  # the window opens on 13 February; warned 14 days before
        (dt.date(2025, 2, 13), DUE),
        (dt.date(2025, 4, 14), DUE),
        (dt.date(2025, 4, 15), OVERDUE),
    ],
)
def test_it_tracks_the_window_around_the_anniversary(today, state):
    assert annual_status(ENTRY, today, []).state == state


def test_it_is_done_when_assessed_within_the_window():
    status = annual_status(ENTRY, dt.date(2025, 4, 1), [dt.date(2025, 2, 20)])
    assert status.state == DONE
    assert status.anniversary == dt.date(2025, 3, 15)


def test_it_does_not_count_an_assessment_outside_the_window():
    assert annual_status(ENTRY, dt.date(2025, 4, 20), [dt.date(2025, 2, 1)]).state == OVERDUE


def test_it_warns_again_before_the_next_anniversary():
    status = annual_status(ENTRY, dt.date(2026, 2, 1), [dt.date(2025, 3, 10)])
    assert status.state == DUE_SOON
    assert status.anniversary == dt.date(2026, 3, 15)


def test_it_asks_nothing_of_a_household_that_left_before_its_first_window():
    assert annual_status(ENTRY, dt.date(2025, 6, 1), [], exited_on=dt.date(2024, 12, 1)).state == NOT_DUE


def test_it_finds_the_window_of_a_date():
    assert window_for_date(ENTRY, dt.date(2025, 2, 13)) == (
        dt.date(2025, 3, 15),
        dt.date(2025, 2, 13),
        dt.date(2025, 4, 14),
    )
    assert window_for_date(ENTRY, dt.date(2025, 2, 12)) is None
