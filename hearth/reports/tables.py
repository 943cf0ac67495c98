"""Report tables declared as grids of cells over a run's client universe.

A table is a list of rows; each cell says how it is computed:

- ``Count(q)``: the number of universe rows matching ``q`` (the table's base filter applies too). The
  same ``q`` gives the drill-down list, so a count and the clients behind it cannot disagree.
- ``Avg``/``Sum``/``Median`` of a universe field over the rows matching ``q``.
- ``Ratio`` of two other cells of the table (HUD's 4-decimal fractions).
- ``Text`` for fixed values, ``None`` for cells HUD leaves blank.

``evaluate`` computes every count and average of a table in one query over the run's rows
(hearth.reports.evaluation), so a report costs one pass over the universe whatever its size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class Count_:
    q: Q


@dataclass(frozen=True)
class Avg_:
    field: Any  # a universe field name, or an expression of fields
    q: Q
    places: int = 2


@dataclass(frozen=True)
class Sum_:
    field: str
    q: Q
    places: int = 2


@dataclass(frozen=True)
class Median_:
    field: str
    q: Q


@dataclass(frozen=True)
class Ratio_:
    numerator: tuple[int, int]
    denominator: tuple[int, int]
    subtract: tuple[int, int] | None = None  # denominator minus this cell (Q23c's exclusions)


@dataclass(frozen=True)
class Rate_:
    """Count(numerator) / Count(denominator) over the whole universe (not the table's base)."""

    numerator: Q
    denominator: Q


@dataclass(frozen=True)
class Text_:
    value: str


CellSpec = Count_ | Avg_ | Sum_ | Median_ | Ratio_ | Rate_ | Text_ | None


def Count(q: Q | None = None) -> Count_:  # noqa: N802 - reads like the aggregate it stands for
    return Count_(q if q is not None else Q())


def Avg(field_name: Any, q: Q | None = None, places: int = 2) -> Avg_:  # noqa: N802
    return Avg_(field_name, q if q is not None else Q(), places)


def Sum(field_name: str, q: Q | None = None, places: int = 2) -> Sum_:  # noqa: N802
    return Sum_(field_name, q if q is not None else Q(), places)


def Median(field_name: str, q: Q | None = None) -> Median_:  # noqa: N802
    return Median_(field_name, q if q is not None else Q())


def Ratio(
    numerator: tuple[int, int], denominator: tuple[int, int], subtract: tuple[int, int] | None = None
) -> Ratio_:  # noqa: N802
    return Ratio_(numerator, denominator, subtract)


def Rate(numerator: Q, denominator: Q) -> Rate_:  # noqa: N802
    return Rate_(numerator, denominator)


def Text(value: str) -> Text_:  # noqa: N802
    return Text_(value)


@dataclass
class Row:
    label: str
    cells: Sequence[CellSpec]


@dataclass
class Table:
    key: str  # HUD's table number, e.g. "Q5a"; also the CSV file name
    title: str
    header: list[str]  # the first entry heads the row-label column
    rows: list[Row]
    base: Q = field(default_factory=Q)
    note: str = ""
    chart: str = ""  # "" for none; else hearth.reports.charts kind ("bar", "stacked")
    chart_rows: tuple[int, ...] = ()  # rows to chart (default: all but the last)
    chart_column: int = 0  # which value column to chart

    def cell(self, row: int, col: int) -> CellSpec:
        return self.rows[row].cells[col]

    def drill_q(self, row: int, col: int) -> Q | None:
        """The filter behind a cell, for its drill-down (None when the cell is not a count)."""
        try:
            spec = self.cell(row, col)
        except IndexError:
            return None
        if isinstance(spec, Count_):
            return self.base & spec.q
        if isinstance(spec, Avg_ | Sum_ | Median_):
            if isinstance(spec.field, str):
                return self.base & spec.q & Q(**{f"{spec.field}__isnull": False})
            return self.base & spec.q
        return None


def grid(
    rows: Sequence[tuple[str, Q | None]],
    cols: Sequence[Q],
    *,
    blank: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
) -> list[Row]:
    """Rows x columns of counts; a row whose filter is None is a heading row of blank cells."""
    out = []
    for r, (label, row_q) in enumerate(rows):
        if row_q is None:
            out.append(Row(label, [None] * len(cols)))
            continue
        out.append(
            Row(label, [None if (r, c) in blank else Count(row_q & col_q) for c, col_q in enumerate(cols)])
        )
    return out


def _format(value: Any, places: int) -> str:
    if value is None:
        return "0" if places == 0 else f"{Decimal(0):.{places}f}"
    quantum = Decimal(1).scaleb(-places)
    return str(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _ratio(numerator: int, denominator: int) -> str:
    if not denominator:
        return "0"
    return str(
        (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    )


def _median(queryset: QuerySet[Any], field_name: str) -> Any:
    values = queryset.exclude(**{f"{field_name}__isnull": True}).order_by(field_name)
    n = values.count()
    if not n:
        return None
    middle = values.values_list(field_name, flat=True)[(n - 1) // 2 : n // 2 + 1]
    picked = [Decimal(str(v)) for v in middle]
    return sum(picked) / len(picked)


def _wanted(
    table: Table, prefix: str
) -> tuple[dict[str, Q], dict[str, tuple[Any, Q]], dict[str, tuple[Any, Q]], dict[str, Q]]:
    """The counts, averages and sums a table needs, over its base (and its rates, over everyone)."""
    counts: dict[str, Q] = {}
    averages: dict[str, tuple[Any, Q]] = {}
    sums: dict[str, tuple[Any, Q]] = {}
    rates: dict[str, Q] = {}
    for r, row in enumerate(table.rows):
        for c, spec in enumerate(row.cells):
            name = f"{prefix}c{r}_{c}"
            if isinstance(spec, Count_):
                counts[name] = table.base & spec.q
            elif isinstance(spec, Avg_):
                averages[name] = (spec.field, table.base & spec.q)
            elif isinstance(spec, Sum_):
                sums[name] = (spec.field, table.base & spec.q)
            elif isinstance(spec, Rate_):
                rates[f"{prefix}n{r}_{c}"] = spec.numerator
                rates[f"{prefix}d{r}_{c}"] = spec.denominator
    return counts, averages, sums, rates


def evaluate_all(tables: Sequence[Table], run_id: int) -> list[dict[str, Any]]:
    """Every table's values over run ``run_id``'s universe, in a few queries."""
    from hearth.reports.evaluation import evaluate_cells, medians
    from hearth.reports.models import AprClient

    in_run = Q(run_id=run_id)
    jobs = []
    for t, table in enumerate(tables):
        counts, averages, sums, rates = _wanted(table, f"t{t}")
        counts.update(rates)  # rates count over everyone in the run: no table base
        jobs.append((counts, averages, sums))
    raw: dict[str, Any] = evaluate_cells(AprClient, in_run, jobs)
    wanted_medians = {
        f"t{t}c{r}_{c}": (spec.field, table.base & spec.q)
        for t, table in enumerate(tables)
        for r, row in enumerate(table.rows)
        for c, spec in enumerate(row.cells)
        if isinstance(spec, Median_)
    }
    batched = medians(AprClient, in_run, wanted_medians)
    if batched is not None:
        raw.update(batched)
    return [
        _finish(table, f"t{t}", raw, AprClient.objects.filter(in_run & table.base), batched is not None)
        for t, table in enumerate(tables)
    ]


def evaluate(table: Table, run_id: int) -> dict[str, Any]:
    """One table's values over run ``run_id``'s universe, as stored in ``ReportRun.results``."""
    return evaluate_all([table], run_id)[0]


def _finish(
    table: Table, prefix: str, raw: dict[str, Any], scoped: QuerySet[Any], have_medians: bool = False
) -> dict[str, Any]:
    values: list[list[Any]] = []
    for r, row in enumerate(table.rows):
        values.append([])
        for c, spec in enumerate(row.cells):
            name = f"{prefix}c{r}_{c}"
            if isinstance(spec, Count_):
                values[r].append(int(raw[name] or 0))
            elif isinstance(spec, Avg_ | Sum_):
                values[r].append(_format(raw[name], spec.places))
            elif isinstance(spec, Median_):
                median = raw[name] if have_medians else _median(scoped.filter(spec.q), spec.field)
                values[r].append(_format(median, 2))
            elif isinstance(spec, Text_):
                values[r].append(spec.value)
            elif isinstance(spec, Rate_):
                values[r].append(_ratio(raw[f"{prefix}n{r}_{c}"] or 0, raw[f"{prefix}d{r}_{c}"] or 0))
            else:
                values[r].append(None)
    for r, row in enumerate(table.rows):
        for c, spec in enumerate(row.cells):
            if isinstance(spec, Ratio_):
                numerator = values[spec.numerator[0]][spec.numerator[1]] or 0
                denominator = values[spec.denominator[0]][spec.denominator[1]] or 0
                if spec.subtract is not None:
                    denominator -= values[spec.subtract[0]][spec.subtract[1]] or 0
                values[r][c] = _ratio(int(numerator), int(denominator))
    return {
        "key": table.key,
        "title": table.title,
        "header": table.header,
        "note": table.note,
        "chart": table.chart,
        "chart_rows": list(table.chart_rows),
        "chart_column": table.chart_column,
        "rows": [
            {
                "label": row.label,
                "cells": values[r],
                "drill": [isinstance(spec, Count_ | Avg_ | Sum_ | Median_) for spec in row.cells],
            }
            for r, row in enumerate(table.rows)
        ],
    }


TableFactory = Callable[..., list[Table]]
