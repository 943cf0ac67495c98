"""Exported text that a spreadsheet would run as a formula is neutralised; numbers are not."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from hearth.core.spreadsheet import neutralise
from hearth.reports.exports import table_csv, workbook


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.50", "-12.50"),
        ("+3", "+3"),
        ("-1e3", "-1e3"),
        ("Maria", "Maria"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_it_neutralises_formulas_and_keeps_numbers(value, expected):
    assert neutralise(value) == expected


TABLE = {
    "key": "Q5a",
    "title": "Report Validations",
    "header": ["", "Count"],
    "rows": [{"label": '=HYPERLINK("http://evil")', "cells": ["-3", "12"]}],
    "note": "@note",
}


def test_it_neutralises_report_csv_cells_and_keeps_negative_numbers():
    rows = list(csv.reader(io.StringIO(table_csv(TABLE))))
    assert rows[1] == ['\'=HYPERLINK("http://evil")', "-3", "12"]


def test_it_writes_workbook_formulas_as_text():
    book = load_workbook(io.BytesIO(workbook([TABLE], "=title")))
    sheet = book["Q5a"]
    assert sheet["A3"].value == '\'=HYPERLINK("http://evil")'
    assert sheet["A3"].data_type == "s"
    assert sheet["B3"].value == -3
    assert book["Contents"]["A1"].value == "'=title"


def test_it_neutralises_the_import_problem_report(tmp_path):
    from hearth.hmis_csv.report import Issue, Report

    report = Report(tmp_path / "report.csv")
    report.add(Issue("Client.csv", 2, "C1", "FirstName", "=cmd|'/c calc'!A1", "bad", "error", "Bad name"))
    report.close()
    rows = list(csv.reader(io.StringIO((tmp_path / "report.csv").read_text(encoding="utf-8"))))
    assert rows[1][4] == "'=cmd|'/c calc'!A1"
    assert rows[1][1] == "2"
