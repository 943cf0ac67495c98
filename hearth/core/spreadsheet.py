"""Keeping exported text from running as a spreadsheet formula ("CSV injection").

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)`` runs when the file is opened). Such text
gets a leading apostrophe, which spreadsheets show as plain text. A value that reads as a number
(``-12.50``, ``+3``, ``-5.56%``) is left alone, so negative amounts and signed numbers keep their meaning and
HUD's numeric columns round-trip unchanged. See docs/hmis-csv.md and ADR 0071.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def neutralise(value: Any) -> Any:
    """The value, with a leading apostrophe when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value and value[0] in TRIGGERS and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_row(row: list[Any]) -> list[Any]:
    return [neutralise(value) for value in row]
