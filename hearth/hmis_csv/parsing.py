"""Reading one CSV cell as the Python value its HUD type names (D, T, I, M, M+, S<n>).

The common, correct form of every type is read on a fast path (a length check and one C-level
conversion). Anything else goes through the slow path, which recognises the wrong forms other
systems really write (``02-07-2023 12:00:00``, ``2/7/2023``, ``1.0``, ``$1,100.00``) and says
what it read them as, or refuses the value with a message that says what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from hearth.hud.validation import ERROR, WARNING


class CellIssue(Exception):
    """A cell that is not in its type's correct form.

    ``level`` WARNING means the cell was read anyway and ``value`` is what it was read as;
    ERROR means it could not be read (``value`` is None).
    """

    def __init__(self, rule: str, level: str, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.level = level
        self.message = message
        self.value = value


NULL_WORDS = frozenset({"NULL", "null", "Null", "NA", "N/A", "None"})
INT_MAX = 2**31 - 1
MONEY_MAX = Decimal("9999999999.99")

_US_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T](.*))?$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](.*))?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}:?\d{2})?$")
_MONEY = re.compile(r"^-?\d+(?:\.\d{1,2})?$")
_MONEY_LOOSE = re.compile(r"^\(?-?\$?\s*-?[\d,]*\.?\d+\)?$")


class DateOrder:
    """Whether a column's ambiguous dates (``03-11-21``) put the day or the month first.

    Decided once per column from the column's own values: a first part above 12 can only be a day,
    a second part above 12 only a day in second place. US month-first is assumed when nothing
    in the column tells them apart. ``scan`` returns the parts of every such value of the column;
    it is only called when a column holds a non-ISO date at all.
    """

    def __init__(self, scan: Callable[[], list[tuple[int, int]]]) -> None:
        self._scan = scan
        self._day_first: bool | None = None

    @property
    def day_first(self) -> bool:
        if self._day_first is None:
            first_big = second_big = False
            for a, b in self._scan():
                first_big = first_big or a > 12
                second_big = second_big or b > 12
            self._day_first = first_big and not second_big
        return self._day_first


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    # Two-digit years: the nearest century that does not put the year in the future.
    yy = int(text)
    this_year = dt.date.today().year
    return 2000 + yy if 2000 + yy <= this_year + 1 else 1900 + yy


def _time(text: str) -> tuple[dt.time, str]:
    """(time, its UTC offset if it has one: "Z" or "+hh:mm")."""
    m = _TIME.match(text.strip())
    if not m:
        raise ValueError(text)
    hour, minute = int(m[1]), int(m[2])
    second = int(m[3] or 0)
    if m[4]:
        pm = m[4].lower() == "pm"
        if not 1 <= hour <= 12:
            raise ValueError(text)
        hour = hour % 12 + (12 if pm else 0)
    return dt.time(hour, minute, second), m[5] or ""


def _parse_loose_date(text: str, order: DateOrder | None) -> tuple[dt.date, str, str]:
    """A date in one of the wrong forms: (date, the rest of the cell after the date, form name)."""
    m = _ISO_DATE.match(text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3])), m[4] or "", "YYYY-MM-DD"
    m = _COMPACT_DATE.match(text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3])), "", "YYYYMMDD"
    m = _US_DATE.match(text)
    if m:
        a, b, year = int(m[1]), int(m[2]), _year(m[3])
        yy = "YYYY" if len(m[3]) == 4 else "YY"
        if a > 12 or (b <= 12 and order is not None and order.day_first):
            return dt.date(year, b, a), m[4] or "", f"DD-MM-{yy}"
        return dt.date(year, a, b), m[4] or "", f"MM-DD-{yy}"
    raise ValueError(text)


def us_date_parts(text: str) -> tuple[int, int] | None:
    """The first two parts of a dd-dd-yy(yy) date, for DateOrder's scan."""
    m = _US_DATE.match(text.strip())
    return (int(m[1]), int(m[2])) if m else None


def parse_date(text: str, order: DateOrder | None = None) -> dt.date:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CellIssue("date", ERROR, f"{text!r} is not a real date.") from None
    try:
        value, rest, form = _parse_loose_date(text.strip(), order)
        if rest:
            _time(rest)  # only a valid time may follow a date
    except ValueError:
        raise CellIssue("date_format", ERROR, f"{text!r} is not a date in YYYY-MM-DD form.") from None
    dropped = " (the time is dropped)" if rest else ""
    raise CellIssue(
        "date_format",
        WARNING,
        f"{text!r} is not in YYYY-MM-DD form; read as {value.isoformat()} ({form}){dropped}.",
        value,
    )


def make_timestamp_parser(zone: ZoneInfo) -> Callable[[str, DateOrder | None], dt.datetime]:
    """HUD timestamps are the CoC's local wall-clock time; they are stored as aware datetimes."""

    def parse_timestamp(text: str, order: DateOrder | None = None) -> dt.datetime:
        if (
            len(text) == 19
            and text[10] == " "
            and text[4] == "-"
            and text[7] == "-"
            and text[13] == ":"
            and text[16] == ":"
        ):
            try:
                return dt.datetime.fromisoformat(text).replace(tzinfo=zone)
            except ValueError:
                raise CellIssue("timestamp", ERROR, f"{text!r} is not a real date and time.") from None
        try:
            day, rest, form = _parse_loose_date(text.strip(), order)
            moment = dt.time(0, 0)
            offset = ""
            if rest:
                moment, offset = _time(rest)
            value = dt.datetime.combine(day, moment, tzinfo=zone)
            if offset:
                # A moment with its own UTC offset is converted to the CoC's local time.
                delta = dt.timedelta(0)
                if offset != "Z":
                    digits = offset[1:].replace(":", "")
                    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
                    delta = delta if offset[0] == "+" else -delta
                utc = dt.datetime.combine(day, moment, tzinfo=dt.UTC) - delta
                value = utc.astimezone(zone)
        except ValueError:
            raise CellIssue(
                "timestamp_format", ERROR, f"{text!r} is not a date and time in YYYY-MM-DD hh:mm:ss form."
            ) from None
        read = value.strftime("%Y-%m-%d %H:%M:%S")
        return _warn(
            "timestamp_format",
            f"{text!r} is not in YYYY-MM-DD hh:mm:ss form; read as {read}"
            + (f" ({form})." if form != "YYYY-MM-DD" else "."),
            value,
        )

    return parse_timestamp


def _warn(rule: str, message: str, value: Any) -> Any:
    raise CellIssue(rule, WARNING, message, value)


def parse_int(text: str) -> int:
    if text.isdigit() and text.isascii():
        value = int(text)
        if value > INT_MAX:
            raise CellIssue("range", ERROR, f"{text} is too large for an integer.")
        return value
    stripped = text.strip()
    if stripped.isdigit() and stripped.isascii():
        return _warn(
            "integer_format", f"{text!r} has spaces around it; read as {int(stripped)}.", int(stripped)
        )
    if re.fullmatch(r"\d+\.0*", stripped):
        number = int(stripped.split(".")[0])
        return _warn("integer_format", f"{text!r} is not a whole-number form; read as {number}.", number)
    if re.fullmatch(r"-\d+", stripped):
        raise CellIssue("non_negative", ERROR, f"{text!r}: a negative number is not allowed here.")
    raise CellIssue("integer", ERROR, f"{text!r} is not a whole number.")


def parse_money(text: str) -> Decimal:
    if _MONEY.match(text):
        value = Decimal(text)
        if abs(value) > MONEY_MAX:
            raise CellIssue("range", ERROR, f"{text} is too large for an amount.")
        return value
    stripped = text.strip()
    if _MONEY_LOOSE.match(stripped):
        negative = stripped.startswith("(") or "-" in stripped
        digits = re.sub(r"[^\d.]", "", stripped)
        try:
            value = Decimal(digits).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise CellIssue("money", ERROR, f"{text!r} is not an amount.") from None
        if negative:
            value = -value
        if abs(value) <= MONEY_MAX:
            return _warn("money_format", f"{text!r} is not a plain amount; read as {value}.", value)
    raise CellIssue("money", ERROR, f"{text!r} is not an amount (digits with at most 2 decimals).")


def null_word(text: str) -> None:
    raise CellIssue("null_word", WARNING, f"{text!r} read as empty.", None)
