"""Charts of report tables, drawn on the server as SVG (matplotlib), each with a text alternative.

A chart shows one value column of a table against its row labels; it never replaces the table,
which stays the accessible source of the figures. ``describe`` gives the sentence the page uses as
the chart's text alternative.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

BAR_COLOR = "#1f5f8b"  # the site's link blue: 7:1 against white


PREVIOUS_COLOR = "#8a8a8a"  # grey for the earlier year: 3.4:1 against white, a graphic's contrast


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(str(value).rstrip("%"))
    except (TypeError, ValueError):
        return None


def chart_points(table: dict[str, Any], column: int | None = None) -> list[tuple[str, float]]:
    column = int(table.get("chart_column") or 0) if column is None else column
    wanted = table.get("chart_rows") or list(range(len(table["rows"]) - 1))
    points = []
    for index in wanted:
        if index >= len(table["rows"]):
            continue
        row = table["rows"][index]
        value = _number(row["cells"][column] if column < len(row["cells"]) else None)
        if value is not None:
            points.append((row["label"], value))
    return points


def series(table: dict[str, Any]) -> list[tuple[str, list[tuple[str, float]]]]:
    """A "compare" chart's series (name, points), e.g. the SPM's previous and current year."""
    return [(name, chart_points(table, int(column))) for column, name in table.get("chart_series") or []]


def value_label(table: dict[str, Any]) -> str:
    column = int(table.get("chart_column") or 0)
    header = table.get("header") or []
    return header[column + 1] if column + 1 < len(header) else ""


def describe(table: dict[str, Any]) -> str:
    if table.get("chart") == "compare":
        parts = "; ".join(
            f"{name}: " + ", ".join(f"{label} {value:g}" for label, value in points)
            for name, points in series(table)
        )
        return f"Bar chart of {table['key']} comparing {' with '.join(n for n, _ in series(table))}. {parts}."
    points = chart_points(table)
    parts = ", ".join(f"{label}: {value:g}" for label, value in points)
    return f"Bar chart of {value_label(table) or 'values'} by row. {parts}."


def _compare(table: dict[str, Any]) -> Figure:
    """Grouped bars: each row's value in each series (the earlier year first, in grey)."""
    groups = series(table)
    labels = [label for label, _ in groups[-1][1]] if groups else []
    height = 1.2 + 0.6 * max(len(labels), 1)
    figure = Figure(figsize=(7.5, height), dpi=96)
    axes = figure.add_subplot()
    width = 0.8 / max(len(groups), 1)
    colors = [PREVIOUS_COLOR, BAR_COLOR]
    for number, (name, points) in enumerate(groups):
        values = dict(points)
        positions = [i + number * width for i in range(len(labels))]
        heights = [values.get(label, 0.0) for label in labels]
        axes.barh(positions, heights, height=width, label=name, color=colors[number % len(colors)])
        for position, value in zip(positions, heights, strict=True):
            axes.text(value, position, f" {value:g}", va="center", fontsize=8, color="#222222")
    axes.set_yticks(
        [i + width * (len(groups) - 1) / 2 for i in range(len(labels))],
        labels=[label if len(label) <= 48 else label[:45] + "..." for label in labels],
        fontsize=9,
    )
    axes.invert_yaxis()
    if groups:
        column = int((table.get("chart_series") or [[0]])[-1][0])
        header = table.get("header") or []
        name = header[column + 1] if column + 1 < len(header) else ""
        axes.set_xlabel(name.removesuffix(groups[-1][0]).rstrip(", ") or "Persons", fontsize=9)
    # Above the bars, never over them.
    axes.legend(fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(groups), frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def svg(table: dict[str, Any]) -> str:
    if table.get("chart") == "compare":
        return _save(_compare(table), table)
    points = chart_points(table)
    labels = [label if len(label) <= 48 else label[:45] + "..." for label, _ in points]
    values = [value for _, value in points]
    height = 1.0 + 0.35 * max(len(points), 1)
    figure = Figure(figsize=(7.5, height), dpi=96)
    axes = figure.add_subplot()
    positions = list(range(len(points)))
    axes.barh(positions, values, color=BAR_COLOR)
    axes.set_yticks(positions, labels=labels, fontsize=9)
    axes.invert_yaxis()
    axes.set_xlabel(value_label(table), fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:g}", va="center", fontsize=8, color="#222222")
    figure.tight_layout()
    return _save(figure, table)


def _save(figure: Figure, table: dict[str, Any]) -> str:
    buffer = io.StringIO()
    figure.savefig(
        buffer, format="svg", metadata={"Title": f"{table['key']}: {table['title']}", "Date": None}
    )
    plt.close("all")
    return buffer.getvalue()
