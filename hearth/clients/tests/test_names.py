"""Names as compared: placeholders and junk count as no name."""

from __future__ import annotations

import pytest

from hearth.clients import names


@pytest.mark.parametrize(
    "text",
    ["Unknown", "DOE", "nan", "Last Name", "Anonymous", "Of The House", "J", "j.", "", None, "  ", "N/A"],
)
def test_it_treats_placeholders_and_single_letters_as_no_name(text):
    assert names.is_placeholder(text)
    assert names.record_tokens(text) == []


@pytest.mark.parametrize("text", ["Jo", "Doering", "Nan Li", "Garcia-Lopez", "Na"])
def test_it_keeps_real_names(text):
    assert not names.is_placeholder(text)
    assert names.record_tokens(text) == names.tokens(text)
