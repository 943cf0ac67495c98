"""SPM Measures 5 (first-time homeless) and 7 (successful placement), step by step."""

from __future__ import annotations

import datetime as dt

from hearth.reports.spm import measure5, measure7
from hearth.reports.spm.stays import ES_EE, PSH, SO, TH
from hearth.reports.tests.spm_stays import stay

START, END = dt.date(2024, 10, 1), dt.date(2025, 9, 30)
RENTAL, STREET, SHELTER, JAIL, DECEASED = 410, 116, 101, 207, 24


def test_it_counts_a_first_entry_with_nothing_in_the_two_years_before_as_first_time():
    found = measure5.count_client([stay(ES_EE, "2025-01-10")], "5.1", START, END)
    assert found is not None and found.prior is None
    old = stay(TH, "2020-01-01", "2023-01-10")  # left 731 days before the entry (2024 is a leap year)
    assert measure5.count_client([old, stay(ES_EE, "2025-01-10")], "5.1", START, END).prior is None  # type: ignore[union-attr]


def test_it_finds_the_enrollment_that_makes_a_person_not_first_time():
    recent = stay(PSH, "2022-01-01", "2023-01-11")  # still open 730 days before the entry
    found = measure5.count_client([recent, stay(ES_EE, "2025-01-10")], "5.1", START, END)
    assert found is not None and found.prior is recent


def test_it_looks_back_at_street_outreach_only_for_5_2():
    outreach = stay(SO, "2024-06-01", "2024-12-01")
    entering = stay(ES_EE, "2025-01-10")
    assert measure5.count_client([outreach, entering], "5.1", START, END).prior is None  # type: ignore[union-attr]
    assert measure5.count_client([outreach, entering], "5.2", START, END).prior is outreach  # type: ignore[union-attr]
    assert measure5.count_client([stay(PSH, "2025-02-01")], "5.1", START, END) is None
    assert measure5.count_client([stay(PSH, "2025-02-01")], "5.2", START, END) is not None


def test_it_sorts_street_outreach_exits_by_where_people_went():
    kinds = {
        destination: measure7.street_outreach([stay(SO, "2024-01-01", "2025-03-01", destination)], START, END)
        for destination in (RENTAL, SHELTER, STREET, JAIL, DECEASED)
    }
    assert {d: o.kind if o else None for d, o in kinds.items()} == {
        RENTAL: "permanent",
        SHELTER: "temporary",
        STREET: "other",
        JAIL: "other",
        DECEASED: None,
    }


def test_it_counts_only_leavers_by_their_latest_exit():
    still_out = [stay(SO, "2024-01-01", "2025-01-01", STREET), stay(SO, "2025-02-01")]
    assert measure7.street_outreach(still_out, START, END) is None
    twice = [stay(SO, "2024-01-01", "2025-01-01", STREET), stay(SO, "2025-02-01", "2025-03-01", RENTAL)]
    assert measure7.street_outreach(twice, START, END).kind == "permanent"  # type: ignore[union-attr]


def test_it_counts_housing_leavers_who_never_moved_in_under_7b1_and_the_housed_under_7b2():
    never_moved_in = stay(PSH, "2024-11-01", "2025-02-01", SHELTER)
    assert measure7.housing_exits([never_moved_in], START, END).kind == "other"  # type: ignore[union-attr]
    assert measure7.housing_retention([never_moved_in], START, END) is None
    housed = stay(PSH, "2023-01-01", None, move_in="2023-02-01")
    assert measure7.housing_exits([housed], START, END) is None
    assert measure7.housing_retention([housed], START, END).kind == "stayer"  # type: ignore[union-attr]
    moved_on = stay(PSH, "2023-01-01", "2025-05-01", RENTAL, move_in="2023-02-01")
    assert measure7.housing_retention([moved_on], START, END).kind == "permanent"  # type: ignore[union-attr]
    shelter = stay(ES_EE, "2025-01-01", "2025-02-01", RENTAL)
    assert measure7.housing_exits([shelter], START, END).kind == "permanent"  # type: ignore[union-attr]
