"""APR Q27f1, Q27f2 and Q27m (youth destinations, subsidies and education status), on a hand-checked
caseload in a rapid re-housing project (report range 2024-01-01 to 2024-12-31).

- Yara (born 2003-05-01, 20 on her project start 2024-02-01) heads household Y with her son Yuri
  (born 2023-01-01, aged 1: not a youth). Both left on 2024-09-30 to a rental with an RRH subsidy
  (435, subsidy type 431). Her education status: at start not enrolled, most recently dropped out
  of K12 (C3.2 = 0, C3.A = 2); at exit enrolled and attending, pursuing a GED (C3.2 = 2, C3.B = 0).
- Zed (born 2007-06-01, 16 on his project start 2024-03-01) heads household Z alone (only
  children); he left on 2024-05-31 to stay with friends (313). At start he did not know his school
  attendance (8); no record at exit.
- Adam (born 1990-01-01, 34) heads household A and left on 2024-06-30 to a rental (410): no youth.
- Bea (born 2004-01-01, 20) heads household B and stays: a youth, but not a leaver.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from hearth.enrollments.models import Exit, YouthEducationStatus
from hearth.hud.models import local_data_source
from hearth.reports.tests.helpers import D, enroll, person, project, run

pytestmark = pytest.mark.django_db


def education(
    enrollment: Any, stage: int, on: Any, school: int, recent: Any = None, current: Any = None
) -> None:
    YouthEducationStatus.objects.create(
        enrollment=enrollment, client=enrollment.client, information_date=on, data_collection_stage=stage,
        current_school_attend=school, most_recent_ed_status=recent, current_ed_status=current,
        data_source=local_data_source(), date_created=timezone.now(), date_updated=timezone.now(), hud_user_id="t",
    )  # fmt: skip


@pytest.fixture
def report():
    rrh = project(13, name="Youth RRH")
    yara, yuri = person(D(2003, 5, 1)), person(D(2023, 1, 1))
    zed, adam, bea = person(D(2007, 6, 1)), person(D(1990, 1, 1)), person(D(2004, 1, 1))
    y = enroll(yara, rrh, D(2024, 2, 1), household="Y", exit_on=D(2024, 9, 30), destination=435)
    yu = enroll(yuri, rrh, D(2024, 2, 1), household="Y", rel=2, exit_on=D(2024, 9, 30), destination=435)
    Exit.objects.filter(enrollment__in=[y, yu]).update(destination_subsidy_type=431)
    z = enroll(zed, rrh, D(2024, 3, 1), household="Z", exit_on=D(2024, 5, 31), destination=313)
    enroll(adam, rrh, D(2024, 1, 15), household="A", exit_on=D(2024, 6, 30), destination=410)
    enroll(bea, rrh, D(2024, 4, 1), household="B")
    education(y, 1, D(2024, 2, 1), school=0, recent=2)
    education(y, 3, D(2024, 9, 30), school=2, current=0)
    education(z, 1, D(2024, 3, 1), school=8)
    return run("apr", D(2024, 1, 1), D(2024, 12, 31), [rrh])


def _by_label(finished: Any, key: str) -> dict[str, list[Any]]:
    table = finished.table(key)
    assert table is not None, key
    rows: dict[str, list[Any]] = {}
    for row in table["rows"]:
        rows.setdefault(row["label"], row["cells"])  # the first of repeated labels ("Subtotal")
    return rows


def test_it_reports_where_youth_went(report):
    # Columns: total, without children, with children and adults, only children, unknown.
    q27f1 = _by_label(report, "Q27f1")
    assert q27f1["Rental by client, with ongoing housing subsidy"] == [1, 0, 1, 0, 0]  # Yara
    assert q27f1["Staying or living with friends, temporary tenure (e.g., room, apartment, or house)"] == [
        1,
        0,
        0,
        1,
        0,
    ]  # Zed
    assert q27f1["Total"] == [2, 0, 1, 1, 0]
    assert q27f1["Total persons exiting to positive housing destinations"] == [1, 0, 1, 0, 0]
    assert q27f1["Percentage of persons exiting to positive housing destinations"] == [
        "0.5000",
        "0",
        "1.0000",
        "0.0000",
        "0",
    ]  # fmt: skip  (no leavers in a column: "0")


def test_it_reports_the_subsidies_youth_left_with(report):
    q27f2 = _by_label(report, "Q27f2")
    assert q27f2["RRH or equivalent subsidy"] == [1, 0, 1, 0, 0]  # Yara, not her son (not a youth)
    assert q27f2["VASH housing subsidy"] == [0, 0, 0, 0, 0]
    assert q27f2["Total"] == [1, 0, 1, 0, 0]


def test_it_reports_youth_education_status_at_start_and_exit(report):
    q27m = report.table("Q27m")
    cells = {row["label"]: row["cells"] for row in q27m["rows"][:5]}
    # Start: Yara not enrolled, Zed doesn't know. Exit: Yara enrolled and attending, Zed no record.
    assert cells["Not currently enrolled in any school or educational course"] == [1, 0]
    assert cells["Currently enrolled and attending regularly"] == [0, 1]
    assert cells["Client Doesn't Know/Prefers Not to Answer"] == [1, 0]
    assert cells["Data Not Collected"] == [0, 1]
    recent = {row["label"]: row["cells"] for row in q27m["rows"][6:16]}
    assert recent["K12: Dropped out"] == [1, 0]  # Yara at start
    assert sum(v for row in recent.values() for v in row) == 1
    current = {row["label"]: row["cells"] for row in q27m["rows"][17:24]}
    assert current["Pursuing a high school diploma or GED"] == [0, 1]  # Yara at exit
    assert sum(v for row in current.values() for v in row) == 1
    assert q27m["rows"][-1]["cells"] == [2, 2]  # youth heads of household who left: Yara, Zed
