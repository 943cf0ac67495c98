from __future__ import annotations

import pytest
import time_machine

from hearth.accounts.tests.conftest import START


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller
