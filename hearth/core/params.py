"""Reading record keys that a browser sends in a form or query string.

A key is a positive whole number that fits a database integer; anything else (text, a sign, a
4,000-digit number, a NUL) is "no key", so the view answers with its ordinary "choose one"
message instead of a database or conversion error.
"""

from __future__ import annotations

from typing import Any

# The largest value of a PostgreSQL bigint (SQLite's integer is the same size).
MAX_KEY = 2**63 - 1


def posted_id(value: Any) -> int | None:
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_KEY else None
