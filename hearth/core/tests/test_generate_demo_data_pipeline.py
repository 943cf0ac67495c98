"""``hearth generate_demo_data`` with a helper process: the same chunks as building them here."""

from __future__ import annotations

import datetime as dt

import pytest

from hearth.clients.models import Client
from hearth.core.demo import generate
from hearth.core.demo import generator as demo_generator
from hearth.core.demo.calendar import Calendar
from hearth.core.demo.chunk import ChunkBuilder, Keys, Placement, Settings
from hearth.core.demo.pipeline import TABLE_ORDER, Plan, forked_parts, serial_parts
from hearth.core.demo.reference import FUNDERS, DemoProject
from hearth.core.models import DemoPerson
from hearth.enrollments.models import Enrollment


def plan() -> Plan:
    projects = []
    for pk, (ptype, funders) in enumerate(FUNDERS.items(), start=1):
        for sub in (1, 2) if ptype == 13 else (None,):
            projects.append(
                DemoProject(pk, str(pk), pk % 4, ptype, sub, True, True, funders[-1][1], ["u1", "u2"])
            )
    return Plan(
        clients=450,
        chunk=100,
        settings=Settings(seed=9, source_id=1, duplicate_rate=0.05, dq_defect_rate=0.05),
        cal=Calendar(dt.date(2026, 6, 30), ""),
        placement=Placement(projects),
        keys=Keys(dict.fromkeys(demo_generator.TABLES, 1)),
    )


def test_it_builds_the_same_chunks_in_a_helper_process():
    here = list(serial_parts(plan()))
    helped = list(forked_parts(plan()))
    assert [count for kind, count, _ in here if kind == "chunk"] == [100, 100, 100, 100, 50]
    assert helped == here
    assert sum(len(rows) for kind, name, rows in helped if name == "client") == 450
    assert [name for kind, name, _ in helped[: len(TABLE_ORDER)]] == TABLE_ORDER
    assert TABLE_ORDER[:3] == ["client", "truth", "enrollment"], "parents before children"


def test_it_reports_a_failure_in_the_helper_process(monkeypatch):
    def broken(self, count):
        raise ValueError("no more names")

    monkeypatch.setattr(ChunkBuilder, "build", broken)
    with pytest.raises(RuntimeError, match="no more names"):
        list(forked_parts(plan()))


@pytest.mark.django_db(transaction=True)
def test_it_writes_a_load_built_by_the_helper_process(monkeypatch):
    monkeypatch.setattr(demo_generator, "CHUNK", 80)
    result = generate(clients=200, seed=4, parallel=True, today=dt.date(2026, 6, 30))
    assert result.rows["hud_client"] == Client.objects.count() == 200
    assert DemoPerson.objects.filter(is_duplicate=True).count() == 2 * 4 + 2  # 5% of 80, 80 and 40
    assert Enrollment.objects.count() == result.rows["hud_enrollment"] > 200
