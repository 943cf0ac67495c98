"""Every accounts test runs on a frozen clock, started before the fixed cast is created so the
cast's timestamps (last sign-in, account creation) are on the same clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

LA = ZoneInfo("America/Los_Angeles")
# A Wednesday morning in the CoC's time zone.
START = dt.datetime(2027, 3, 10, 10, 0, tzinfo=LA)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller
