"""Reading the one search box."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.clients import names
from hearth.clients.search.query import QueryError, parse_date, parse_query


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1980-05-17", dt.date(1980, 5, 17)),
        ("5/17/1980", dt.date(1980, 5, 17)),
        ("05-17-1980", dt.date(1980, 5, 17)),
        ("17/05/1980", dt.date(1980, 5, 17)),  # day first when the day cannot be a month
        ("5/17/80", dt.date(1980, 5, 17)),
        ("5/17/05", dt.date(2005, 5, 17)),
        ("19800517", dt.date(1980, 5, 17)),
        ("2/30/1980", None),
        ("Maria", None),
    ],
)
def test_it_reads_dates_as_staff_type_them(text, expected):
    assert parse_date(text, today=dt.date(2026, 11, 1)) == expected


def test_it_reads_last_comma_first():
    query = parse_query("Garcia-Lopez, Maria")
    assert query.last == ["garcia", "lopez", "garcialopez"] and query.first == ["maria"]


def test_it_picks_dates_ssns_and_identifiers_out_of_the_box():
    query = parse_query("maria lopez 5/17/1980 xxx-xx-1234 P-00042")
    assert query.loose == ["maria", "lopez"]
    assert query.dob == dt.date(1980, 5, 17)
    assert query.ssn == "xxxxx1234" and query.last4 == "1234"
    assert query.identifiers == ["P-00042"]


def test_it_treats_four_digits_as_a_last_four_or_an_identifier():
    query = parse_query("1234")
    assert query.last4 == "1234" and query.identifiers == ["1234"]


def test_it_explains_an_unreadable_field():
    with pytest.raises(QueryError, match="Date of birth"):
        parse_query(dob="the spring of 1980")
    with pytest.raises(QueryError, match="SSN"):
        parse_query(ssn_text="12-34-5")


def test_it_says_which_kinds_of_fields_were_used_never_the_values():
    assert parse_query("Maria", dob="1980-05-17", ssn_text="6789").used_fields() == [
        "name",
        "dob",
        "ssn_last4",
    ]


@pytest.mark.parametrize(
    "text,tokens",
    [
        ("Núñez", ["nunez"]),
        ("O'Brien", ["obrien"]),
        ("De la Cruz", ["cruz", "delacruz"]),
        ("García López", ["garcia", "lopez", "garcialopez"]),
        ("Smith Jr.", ["smith"]),
    ],
)
def test_it_folds_names_into_words(text, tokens):
    assert names.tokens(text) == tokens


@pytest.mark.parametrize(
    "nick,formal",
    [
        ("chuy", "jesus"),
        ("lupe", "guadalupe"),
        ("pepe", "jose"),
        ("paco", "francisco"),
        ("memo", "guillermo"),
        ("nacho", "ignacio"),
        ("lalo", "eduardo"),
        ("bill", "william"),
    ],
)
def test_it_knows_nicknames(nick, formal):
    assert names.are_nicknames(nick, formal)


@pytest.mark.parametrize("placeholder", ["Unknown", "N/A", "nan", "Last Name", "DOE"])
def test_it_reads_a_placeholder_in_a_name_field_as_no_name(placeholder):
    query = parse_query(first_name=placeholder, last_name="Grigoryan")
    assert query.first == []
    assert query.last == ["grigoryan"]


def test_it_keeps_an_initial_typed_as_the_first_name():
    assert parse_query(first_name="J", last_name="Smith").first == ["j"]
