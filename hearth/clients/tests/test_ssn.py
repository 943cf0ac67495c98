"""SSNs as typed, stored and flagged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hearth.clients import ssn


@pytest.mark.parametrize(
    "typed,value,quality,last4",
    [
        ("123-45-6789", "123456789", 1, "6789"),
        ("123 45 6789", "123456789", 1, "6789"),
        ("xxx-xx-1234", "xxxxx1234", 2, "1234"),
        ("XXX-XX-1234", "xxxxx1234", 2, "1234"),
        ("***-**-1234", "xxxxx1234", 2, "1234"),
        ("1234", "xxxxx1234", 2, "1234"),
        ("123-45-xxxx", "12345xxxx", 2, ""),
        ("", "", None, ""),
        ("xxx-xx-xxxx", "", None, ""),
    ],
)
def test_it_reads_what_staff_type(typed, value, quality, last4):
    assert ssn.parse(typed) == ssn.ParsedSSN(value, quality, last4)


@pytest.mark.parametrize("typed", ["12345", "12-345", "abc-de-fghi", "1234567890"])
def test_it_refuses_what_is_not_an_ssn(typed):
    with pytest.raises(ssn.SSNError):
        ssn.parse(typed)


@pytest.mark.parametrize(
    "value,problem",
    [
        ("000123456", "never issued"),
        ("666123456", "never issued"),
        ("912345678", "never issued"),
        ("123004567", "00"),
        ("123450000", "0000"),
        ("111111111", "same"),
    ],
)
def test_it_flags_impossible_numbers(value, problem):
    found = ssn.problems(value)
    assert found and any(problem in p for p in found)


def test_it_does_not_flag_a_possible_or_partial_number():
    assert ssn.problems("123456789") == []
    assert ssn.problems("xxxxx0000") == []


def test_it_shows_only_the_last_four():
    assert ssn.masked("123456789") == "xxx-xx-6789"
    assert ssn.masked("xxxxx1234") == "xxx-xx-1234"
    assert ssn.masked("12345xxxx") == ""


@given(st.text("0123456789", min_size=9, max_size=9))
def test_it_keeps_any_nine_digits(digits):
    parsed = ssn.parse(f"{digits[:3]}-{digits[3:5]}-{digits[5:]}")
    assert parsed.value == digits and parsed.quality == 1 and parsed.last4 == digits[5:]
