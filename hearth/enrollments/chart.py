"""The Program Details chart: a timeline of one enrollment drawn as SVG on the server.

Three lanes share one date axis from the project start to the exit (or today): services (bed
nights apart), assessments by stage, and total monthly income as a step line. The page shows the
same events as a table, which is the chart's text alternative.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from hearth.enrollments.elements import STAGE_TITLES
from hearth.enrollments.models import CurrentLivingSituation, Enrollment, IncomeBenefit, Service
from hearth.hud.codelists import LISTS
from hearth.hud.validation import SERVICE_TYPE_LISTS

WIDTH = 720
LEFT = 110
RIGHT = 20
LANE = 56
TOP = 28


@dataclass
class Mark:
    x: float
    y: float
    label: str
    anchor: str = "middle"


@dataclass
class Chart:
    start: dt.date
    end: dt.date
    width: int = WIDTH
    height: int = TOP + LANE * 3 + 40
    ticks: list[Mark] = field(default_factory=list)
    services: list[Mark] = field(default_factory=list)
    bed_nights: list[Mark] = field(default_factory=list)
    contacts: list[Mark] = field(default_factory=list)
    assessments: list[Mark] = field(default_factory=list)
    income_path: str = ""
    income_points: list[Mark] = field(default_factory=list)
    income_max: Decimal = Decimal("0")
    income_label_y: int = 0
    lanes: list[Mark] = field(default_factory=list)
    rows: list[tuple[dt.date, str, str]] = field(default_factory=list)

    @property
    def description(self) -> str:
        return (
            f"From {self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}: {len(self.services)} services, "
            f"{len(self.bed_nights)} bed nights, {len(self.contacts)} contacts, "
            f"{len(self.assessments)} assessments; highest monthly income ${self.income_max:,.2f}."
        )


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = max((end - start).days, 1)
    return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span, 1)


def build_chart(enrollment: Enrollment, end: dt.date) -> Chart:
    start = enrollment.entry_date
    # At least a week wide, so a new enrollment's marks do not sit on top of each other.
    end = max(end, start + dt.timedelta(days=7))
    chart = Chart(start=start, end=end)
    lane_y = [TOP + LANE * i + LANE // 2 for i in range(3)]
    chart.lanes = [
        Mark(8, lane_y[0], "Services"),
        Mark(8, lane_y[1], "Assessments"),
        Mark(8, lane_y[2], "Income"),
    ]

    # Axis ticks: up to five distinct dates, evenly spaced (a date label is about 70 px wide, so
    # more would run into each other, the end labels most); the end labels sit inside the frame.
    span = (end - start).days
    days = sorted({round(span * i / 4) for i in range(5)})
    for i, offset in enumerate(days):
        day = start + dt.timedelta(days=offset)
        anchor = "start" if i == 0 else "end" if i == len(days) - 1 else "middle"
        chart.ticks.append(Mark(_x(day, start, end), chart.height - 14, f"{day:%Y-%m-%d}", anchor))

    for service in Service.objects.filter(enrollment=enrollment).order_by("date_provided"):
        x = _x(service.date_provided, start, end)
        type_list = SERVICE_TYPE_LISTS.get(service.record_type, "")
        what = (
            LISTS[type_list].label(service.type_provided)
            if type_list in LISTS
            else str(service.type_provided)
        )
        if service.record_type == 200:
            chart.bed_nights.append(Mark(x, lane_y[0], f"{service.date_provided:%Y-%m-%d} bed night"))
            chart.rows.append((service.date_provided, "Bed night", ""))
        else:
            chart.services.append(Mark(x, lane_y[0], f"{service.date_provided:%Y-%m-%d} {what}"))
            chart.rows.append((service.date_provided, "Service", what))
    for contact in CurrentLivingSituation.objects.filter(enrollment=enrollment).order_by("information_date"):
        x = _x(contact.information_date, start, end)
        where = LISTS["3.12"].label(contact.current_living_situation)
        chart.contacts.append(Mark(x, lane_y[0], f"{contact.information_date:%Y-%m-%d} contact: {where}"))
        chart.rows.append((contact.information_date, "Contact", where))

    records = list(IncomeBenefit.objects.filter(enrollment=enrollment).order_by("information_date", "id"))
    for record in records:
        stage = STAGE_TITLES.get(record.data_collection_stage, "Assessment")
        x = _x(record.information_date, start, end)
        chart.assessments.append(Mark(x, lane_y[1], f"{record.information_date:%Y-%m-%d} {stage}"))
        income = record.total_monthly_income
        chart.rows.append(
            (record.information_date, stage, "" if income is None else f"Monthly income ${income:,.2f}")
        )

    with_income = [r for r in records if r.total_monthly_income is not None]
    if with_income:
        top = max(r.total_monthly_income for r in with_income) or Decimal("1")
        chart.income_max = max(r.total_monthly_income for r in with_income)
        base = lane_y[2] + LANE // 2 - 6
        height = LANE - 12
        chart.income_label_y = base - height - 4

        def y_of(amount: Decimal) -> float:
            return round(base - float(amount / top) * height, 1)

        points: list[tuple[float, float]] = []
        for record in with_income:
            x, y = _x(record.information_date, start, end), y_of(record.total_monthly_income)
            if points:
                points.append((x, points[-1][1]))  # hold the last amount until this date: a step line
            points.append((x, y))
            chart.income_points.append(
                Mark(x, y, f"{record.information_date:%Y-%m-%d} ${record.total_monthly_income:,.2f}")
            )
        points.append((_x(end, start, end), points[-1][1]))
        chart.income_path = "M " + " L ".join(f"{x},{y}" for x, y in points)
    chart.rows.sort(key=lambda r: r[0])
    return chart
