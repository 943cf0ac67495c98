"""Writing values in HMIS CSV FY2026 form, and HashStatus 4 hashing.

Strings are quoted with embedded quotes doubled, the characters ``< > [ ] { }`` removed and
text a spreadsheet would run as a formula given a leading apostrophe (hearth.core.spreadsheet); codes,
integers, dates, timestamps and amounts are unquoted; an empty value is an empty cell. Dates are
YYYY-MM-DD, timestamps the CoC's local YYYY-MM-DD hh:mm:ss, amounts have two decimals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import jellyfish

from hearth.core.spreadsheet import neutralise
from hearth.hud.columns import Column

FORBIDDEN = str.maketrans("", "", "<>[]{}")
LINE_END = "\r\n"

# SSNs that stand for "unknown" rather than a person's number.
PLACEHOLDER_SSNS = frozenset(
    {d * 9 for d in "0123456789"}
    | {"123456789", "987654321", "078051120", "219099999", "xxxxxxxxx", "XXXXXXXXX"}
)


def is_placeholder_ssn(ssn: str | None) -> bool:
    if not ssn:
        return False
    return ssn in PLACEHOLDER_SSNS


def quote(text: str) -> str:
    return '"' + neutralise(text).translate(FORBIDDEN).replace('"', '""') + '"'


def make_formatter(column: Column, zone: ZoneInfo) -> Callable[[Any], str]:
    """The cell text of one column's value (never called with None)."""
    kind = column.type
    if kind.startswith("S"):
        return lambda v: quote(v) if v != "" else ""
    if kind == "D":
        return lambda v: v.isoformat()
    if kind == "T":
        return lambda v: v.astimezone(zone).isoformat(" ")[:19]
    if kind in ("M", "M+"):
        return lambda v: f"{Decimal(v):.2f}"
    return str


def line(cells: list[str]) -> str:
    return ",".join(cells) + LINE_END


def header_line(names: list[str]) -> str:
    return ",".join(quote(n) for n in names) + LINE_END


# --- HashStatus 4 (SHA-256) --------------------------------------------------------------------


def hash_name(name: str | None) -> str | None:
    """SHA-256 (hex) of the name's SOUNDEX code."""
    if not name:
        return name
    letters = "".join(ch for ch in name if ch.isalpha())
    if not letters:
        return None
    code = jellyfish.soundex(letters).upper()
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def hash_ssn(ssn: str | None) -> str | None:
    """The last four characters of the SSN followed by the SHA-256 (hex) of the whole SSN."""
    if not ssn:
        return ssn
    return ssn[-4:] + hashlib.sha256(ssn.encode("ascii", "replace")).hexdigest()


def local_text(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(" ")[:19]
