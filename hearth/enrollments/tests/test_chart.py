"""The Program Details chart: one date axis, three lanes, and a table with the same events."""

import datetime as dt
from decimal import Decimal

from hearth.enrollments.chart import build_chart
from hearth.enrollments.services import AssessmentInput, assessment_record, bed_night_record, service_record
from hearth.enrollments.tests.conftest import enroll


def test_it_places_services_assessments_and_income_on_one_axis(owner, shelter, family, frozen, settings):
    settings.HEARTH_SHELTER_AUTO_EXIT_NIGHTS = 30
    (head,) = enroll(owner, shelter, dt.date(2025, 6, 1), family[0])
    bed_night_record(actor=owner, enrollment=head, night=dt.date(2025, 6, 1))
    service_record(
        actor=owner, enrollment=head, date_provided=dt.date(2025, 6, 8), record_type=144, type_provided=2
    )
    for day, amount in ((None, "500"), (dt.date(2025, 6, 11), "900")):
        assessment_record(
            actor=owner,
            enrollment=head,
            stage=1 if day is None else 2,
            data=AssessmentInput(
                information_date=day,
                income={"income_from_any_source": 1, "earned": 1, "earned_amount": Decimal(amount)},
            ),
        )
    chart = build_chart(head, dt.date(2025, 6, 16))
    assert len(chart.bed_nights) == 1 and len(chart.services) == 1 and len(chart.assessments) == 2
    assert chart.bed_nights[0].x < chart.services[0].x < chart.assessments[1].x
    assert chart.income_max == Decimal("900")
    # A step line: start, hold 500 until 11 June, rise to 900, hold to the end.
    assert chart.income_path.count("L") == 3
    assert [kind for _, kind, _ in chart.rows] == ["Bed night", "Project start", "Service", "Update"]
    assert len({t.label for t in chart.ticks}) == len(chart.ticks)
    assert "1 services, 1 bed nights" in chart.description


def test_it_draws_a_new_enrollment_at_least_a_week_wide(owner, project, family, frozen):
    (head,) = enroll(owner, project, dt.date(2025, 6, 16), family[0])
    chart = build_chart(head, dt.date(2025, 6, 16))
    assert chart.end == dt.date(2025, 6, 23)
    assert chart.ticks[0].anchor == "start" and chart.ticks[-1].anchor == "end"
    # A date label is about 70 px wide, drawn from, around or up to its x by its anchor: no two
    # labels overlap.
    extents = []
    for tick in chart.ticks:
        left = {"start": tick.x, "middle": tick.x - 35, "end": tick.x - 70}[tick.anchor]
        extents.append((left, left + 70))
    assert all(a[1] < b[0] for a, b in zip(extents, extents[1:], strict=False)), extents
