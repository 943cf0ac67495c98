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


def chart_points(table: dict[str, Any]) -> list[tuple[str, float]]:
    column = int(table.get("chart_column") or 0)
    wanted = table.get("chart_rows") or list(range(len(table["rows"]) - 1))
    points = []
    for index in wanted:
        if index >= len(table["rows"]):
            continue
        row = table["rows"][index]
        value = row["cells"][column] if column < len(row["cells"]) else None
        if value is None:
            continue
        try:
            points.append((row["label"], float(value)))
        except (TypeError, ValueError):
            continue
    return points


def value_label(table: dict[str, Any]) -> str:
    column = int(table.get("chart_column") or 0)
    header = table.get("header") or []
    return header[column + 1] if column + 1 < len(header) else ""


def describe(table: dict[str, Any]) -> str:
    points = chart_points(table)
    parts = ", ".join(f"{label}: {value:g}" for label, value in points)
    return f"Bar chart of {value_label(table) or 'values'} by row. {parts}."


def svg(table: dict[str, Any]) -> str:
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
    buffer = io.StringIO()
    figure.savefig(
        buffer, format="svg", metadata={"Title": f"{table['key']}: {table['title']}", "Date": None}
    )
    plt.close("all")
    return buffer.getvalue()
