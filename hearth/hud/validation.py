"""HUD FY2026 rules for one record, shared by model validation, forms and the CSV importer.

Rules come from two places: the generated specification (types, lengths, code lists, list
restrictions, "Null unless" dependents) and the hand-written checks below (date order, SSN form,
lists that depend on another field). Every problem names the HUD column and the model field so a
form can show it beside the input and an import report can point at the CSV cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hearth.hud.codelists import LISTS
from hearth.hud.columns import Column, HudFile
from hearth.hud.spec import FILES

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    column: str
    field: str
    value: Any
    rule: str
    level: str
    message: str


SSN_FORM = re.compile(r"^[0-9xX]{9}$")

# Pairs of date columns where the first may not come after the second.
DATE_ORDER: dict[str, list[tuple[str, str]]] = {
    "Project": [("OperatingStartDate", "OperatingEndDate")],
    "Funder": [("StartDate", "EndDate")],
    "Inventory": [("InventoryStartDate", "InventoryEndDate")],
    "HMISParticipation": [("HMISParticipationStatusStartDate", "HMISParticipationStatusEndDate")],
    "CEParticipation": [("CEParticipationStatusStartDate", "CEParticipationStatusEndDate")],
    "Services": [("FAStartDate", "FAEndDate")],
    "Export": [("ExportStartDate", "ExportEndDate")],
}

# Services.TypeProvided's list depends on RecordType (HUD list 1.4).
SERVICE_TYPE_LISTS = {
    141: "P1.2",
    142: "R14.2",
    143: "W1.2",
    144: "V2.2",
    151: "W2.2",
    152: "V3.3",
    161: "P2.2",
    200: "4.14",
    210: "V8.2",
    300: "C2.2",
}


def _list_for(file: str, column: Column, values: Mapping[str, Any]) -> str:
    if file == "Services" and column.name == "TypeProvided":
        return SERVICE_TYPE_LISTS.get(values.get("RecordType"), "")  # type: ignore[arg-type]
    if file == "Disabilities" and column.name == "DisabilityResponse":
        return "4.10.2" if values.get("DisabilityType") == 10 else "1.8"
    return column.code_list


def _empty(value: Any) -> bool:
    return value is None or value == ""


def row_problems(
    hud_file: HudFile, values: Mapping[str, Any], *, today: dt.date | None = None
) -> Iterator[Problem]:
    """Check one record given as {HUD column name: Python value}."""
    file = hud_file.name

    def problem(col: Column, rule: str, message: str, level: str = ERROR) -> Problem:
        return Problem(file, col.name, col.field, values.get(col.name), rule, level, message)

    for col in hud_file.columns:
        value = values.get(col.name)
        if col.name not in values:
            continue
        if _empty(value):
            if not col.nullable:
                yield problem(col, "required", f"{col.name} is required.")
            continue
        if col.max_length is not None and isinstance(value, str) and len(value) > col.max_length:
            yield problem(col, "length", f"{col.name} is longer than {col.max_length} characters.")
        if col.type == "M+" and isinstance(value, int | Decimal) and value < 0:
            yield problem(col, "non_negative", f"{col.name} may not be negative.")
        list_id = _list_for(file, col, values)
        if list_id and list_id in LISTS:
            if value not in LISTS[list_id]:
                yield problem(col, "code_list", f"{col.name} {value!r} is not a code of HUD list {list_id}.")
            elif value in col.excluded:
                yield problem(
                    col, "list_restriction", f"{col.name} may not be {value} for this data element."
                )
        if col.null_unless:
            parent, trigger = col.null_unless
            if values.get(parent) != trigger and parent in values:
                yield problem(
                    col, "dependent", f"{col.name} must be empty unless {parent} is {trigger}.", level=WARNING
                )

    for first, second in DATE_ORDER.get(file, []):
        a, b = values.get(first), values.get(second)
        if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
            yield problem(hud_file.by_name[second], "date_order", f"{second} is before {first}.")

    if file == "Client":
        yield from _client_problems(hud_file, values, problem, today or dt.date.today())


def _client_problems(
    hud_file: HudFile, values: Mapping[str, Any], problem: Callable[..., Problem], today: dt.date
) -> Iterator[Problem]:
    ssn = values.get("SSN")
    if isinstance(ssn, str) and ssn and not SSN_FORM.match(ssn):
        yield problem(
            hud_file.by_name["SSN"], "ssn_format", "SSN must be 9 digits, with x for a missing digit."
        )
    dob = values.get("DOB")
    if isinstance(dob, dt.date) and dob > today:
        yield problem(hud_file.by_name["DOB"], "future_date", "DOB is in the future.")


def instance_values(instance: Any) -> dict[str, Any]:
    """A model instance as {HUD column: value}, for the rules above."""
    hud_file = FILES[instance.HUD_FILE]
    out: dict[str, Any] = {}
    for col in hud_file.columns:
        if not col.field or col.field == "hud_id":
            continue
        if col.references:
            out[col.name] = getattr(instance, f"{col.field}_id", None)
        else:
            out[col.name] = getattr(instance, col.field, None)
    return out


def record_problems(instance: Any) -> list[Problem]:
    hud_file = FILES[instance.HUD_FILE]
    # Required-ness and code lists of single fields are Django's own field validation; here only
    # the rules that look across fields (and would otherwise be reported twice) are kept.
    cross_rules = {"dependent", "date_order", "ssn_format", "future_date", "list_restriction", "code_list"}
    problems = [p for p in row_problems(hud_file, instance_values(instance)) if p.rule in cross_rules]
    if hud_file.name not in ("Services", "Disabilities"):
        problems = [p for p in problems if p.rule != "code_list"]
    return problems + list(_related_problems(instance))


def _related_problems(instance: Any) -> Iterator[Problem]:
    """Rules that need another record: an exit may not come before its enrollment's entry."""
    if instance.HUD_FILE == "Exit" and instance.enrollment_id and instance.exit_date:
        entry = instance.enrollment.entry_date
        if entry and instance.exit_date < entry:
            yield Problem(
                "Exit",
                "ExitDate",
                "exit_date",
                instance.exit_date,
                "date_order",
                ERROR,
                "Exit date is before the project start date.",
            )
