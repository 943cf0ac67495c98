"""The one source of "now" for Hearth's time rules.

Account inactivity, midnight deactivation, lockouts and report defaults are computed from stored
timestamps and this clock, never from a scheduled job having run. Services accept a ``clock``
argument so a caller (or a test) can pass a fixed one; tests may also freeze time with
time-machine, which this clock respects because it reads ``django.utils.timezone.now``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return timezone.now()


def now(clock: Clock | None = None) -> dt.datetime:
    return (clock or system_clock)()


def coc_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_today(clock: Clock | None = None) -> dt.date:
    """Today's date in the CoC's time zone (midnight rules are local, not UTC)."""
    return now(clock).astimezone(coc_zone()).date()


def local_midnight_after(moment: dt.datetime) -> dt.datetime:
    """The first local midnight strictly after ``moment``."""
    local = moment.astimezone(coc_zone())
    next_day = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, dt.time.min, tzinfo=coc_zone())
