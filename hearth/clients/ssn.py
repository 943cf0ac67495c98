"""Social Security numbers as staff type them and as HUD stores them.

HUD keeps an SSN as nine characters, ``x`` for each digit not known, with a data-quality code
(3.02.2): 1 full SSN reported, 2 approximate or partial SSN reported, 8/9/99 none. Staff type
"123-45-6789", "123 45 6789", "xxx-xx-1234" or just the last four. An SSN that the Social Security
Administration never issues (area 000, 666 or 900-999, group 00, serial 0000, or one digit repeated)
is kept, because it is what the client gave, but flagged as a data-quality issue (APR Q6a).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULL = 1
PARTIAL = 2
NOT_PROVIDED = {8, 9, 99}

_SEPARATORS = re.compile(r"[\s\-.]")
_TYPED = re.compile(r"^[0-9xX*#]{9}$")
_LAST_FOUR = re.compile(r"^[0-9]{4}$")


@dataclass(frozen=True)
class ParsedSSN:
    value: str  # nine characters of digits and 'x', or "" when nothing usable was typed
    quality: int | None  # 1 full, 2 partial; None when nothing was typed
    last4: str  # the last four digits when known, else ""


class SSNError(ValueError):
    pass


def parse(text: str | None) -> ParsedSSN:
    """What a person typed, as HUD's stored form.

    Raises SSNError for text that is not an SSN at all (wrong length, letters).
    """
    raw = _SEPARATORS.sub("", (text or "").strip())
    if not raw:
        return ParsedSSN("", None, "")
    if _LAST_FOUR.match(raw):
        return ParsedSSN("xxxxx" + raw, PARTIAL, raw)
    if not _TYPED.match(raw):
        raise SSNError("Enter 9 digits (123-45-6789), or x for each unknown digit (xxx-xx-1234).")
    value = re.sub(r"[xX*#]", "x", raw)
    if "x" not in value:
        return ParsedSSN(value, FULL, value[5:])
    if value == "x" * 9:
        return ParsedSSN("", None, "")
    last4 = value[5:] if value[5:].isdigit() else ""
    return ParsedSSN(value, PARTIAL, last4)


def last4(value: str | None) -> str:
    """The last four digits of a stored SSN, if all four are known."""
    if value and len(value) == 9 and value[5:].isdigit():
        return value[5:]
    return ""


def is_full(value: str | None) -> bool:
    return bool(value) and len(value or "") == 9 and (value or "").isdigit()


def problems(value: str | None) -> list[str]:
    """Why a stored SSN cannot be a real one (empty when it may be, or is partial)."""
    if not is_full(value):
        return []
    assert value is not None
    area, group, serial = value[:3], value[3:5], value[5:]
    found = []
    if area == "000" or area == "666" or area.startswith("9"):
        found.append(f"The first three digits ({area}) are never issued.")
    if group == "00":
        found.append("The middle two digits are 00, which is never issued.")
    if serial == "0000":
        found.append("The last four digits are 0000, which is never issued.")
    if len(set(value)) == 1:
        found.append("All nine digits are the same.")
    return found


def masked(value: str | None) -> str:
    """For display: only the last four digits, as xxx-xx-1234."""
    four = last4(value)
    return f"xxx-xx-{four}" if four else ""


def formatted(value: str | None) -> str:
    """For an edit form: the stored nine characters as 123-45-6789 / xxx-xx-1234."""
    if not value or len(value) != 9:
        return value or ""
    return f"{value[:3]}-{value[3:5]}-{value[5:]}"


def digits_differ_by_at_most_one(a: str, b: str) -> bool:
    """One mistyped digit, or two neighbouring digits swapped."""
    if len(a) != len(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) <= 1:
        return True
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )
