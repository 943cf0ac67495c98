"""HUD FY2026 rules for one record, shared by model validation, forms and the CSV importer.

Rules come from two places: the generated specification (types, lengths, code lists, list
restrictions, "Null unless" dependents) and the hand-written checks below (date order, SSN form,
lists that depend on another field, codes HUD has retired). Every problem names the HUD column and
the model field so a form can show it beside the input and an import report can point at the CSV
cell.

The CSV importer calls ``row_problems`` for every row of a file (millions of rows), so the rules of
each file are compiled once into plain tuples and sets; a check is then a handful of set lookups.
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

# Date pairs HUD asks to be in order but that real systems get wrong often enough that refusing the
# record would lose more than it protects: reported as warnings.
SOFT_DATE_ORDER: dict[str, list[tuple[str, str]]] = {
    "Enrollment": [("EntryDate", "MoveInDate")],
}

# Services.TypeProvided's list depends on RecordType (HUD list 1.4). FY2026 renamed the HOPWA
# financial assistance list (W2.2 -> V2.3) and the HUD-VASH voucher list (V8.2 -> V8.1).
SERVICE_TYPE_LISTS = {
    141: "P1.2",
    142: "R14.2",
    143: "W1.2",
    144: "V2.2",
    151: "V2.3",
    152: "V3.3",
    161: "P2.2",
    200: "4.14",
    210: "V8.1",
    300: "C2.2",
}
# SSVF services (RecordType 144) of types 3, 4 and 5 carry a sub-type from lists V2.A/B/C.
SERVICE_SUBTYPE_LISTS = {3: "V2.A", 4: "V2.B", 5: "V2.C"}
# Exit.SubsidyInformation's list depends on HousingAssessment (HOPWA W5).
SUBSIDY_INFORMATION_LISTS = {1: "W5.A", 2: "W5.B"}

# The generated specification gives every living-situation column HUD's combined list 3.12; each
# data element has its own list in FY2026 (prior living situation 3.917, current living situation
# 4.12, destination 3.12).
ELEMENT_LISTS = {
    ("Enrollment", "LivingSituation"): "3.917",
    ("CurrentLivingSituation", "CurrentLivingSituation"): "4.12",
}

# Codes HUD retired from a list in FY2026 that older records still legitimately carry (a project
# funded by ESG-CV stays so). They are kept as they are and reported as warnings, never refused.
RETIRED_CODES: dict[str, dict[int, str]] = {
    "2.06.1": {47: "HUD: ESG - CV", 48: "HUD: HOPWA - CV"},
}


def _empty(value: Any) -> bool:
    return value is None or value == ""


@dataclass(frozen=True)
class _ColumnRule:
    col: Column
    nullable: bool
    max_length: int | None
    non_negative: bool
    codes: frozenset | None
    list_id: str
    excluded: frozenset
    retired: Mapping[int, str]
    parent: str | None
    trigger: Any


@dataclass(frozen=True)
class _FileRules:
    columns: tuple[_ColumnRule, ...]
    date_order: tuple[tuple[str, str, str], ...]  # (first, second, level)
    dynamic: Callable[[Mapping[str, Any]], Iterator[tuple[Column, str]]] | None


def _codes(list_id: str) -> frozenset | None:
    codes = LISTS.get(list_id)
    return frozenset(codes.values) if codes is not None else None


def _compile(hud_file: HudFile) -> _FileRules:
    file = hud_file.name
    rules = []
    for col in hud_file.columns:
        list_id = ELEMENT_LISTS.get((file, col.name), col.code_list)
        parent, trigger = col.null_unless if col.null_unless else (None, None)
        rules.append(
            _ColumnRule(
                col=col,
                nullable=col.nullable,
                max_length=col.max_length,
                non_negative=col.type == "M+",
                codes=_codes(list_id) if list_id else None,
                list_id=list_id,
                excluded=frozenset(col.excluded),
                retired=RETIRED_CODES.get(list_id, {}),
                parent=parent,
                trigger=trigger,
            )
        )
    order = tuple((a, b, ERROR) for a, b in DATE_ORDER.get(file, [])) + tuple(
        (a, b, WARNING) for a, b in SOFT_DATE_ORDER.get(file, [])
    )
    return _FileRules(columns=tuple(rules), date_order=order, dynamic=_DYNAMIC.get(file))


_CACHE: dict[str, tuple[HudFile, _FileRules]] = {}


def _rules(hud_file: HudFile) -> _FileRules:
    cached = _CACHE.get(hud_file.name)
    if cached is not None and cached[0] is hud_file:
        return cached[1]
    rules = _compile(hud_file)
    _CACHE[hud_file.name] = (hud_file, rules)
    return rules


# Lists chosen by another field of the same record: (column, list id) pairs to check.
def _services_lists(values: Mapping[str, Any]) -> Iterator[tuple[Column, str]]:
    cols = FILES["Services"].by_name
    record_type = values.get("RecordType")
    list_id = SERVICE_TYPE_LISTS.get(record_type)  # type: ignore[arg-type]
    if list_id and "TypeProvided" in values:
        yield cols["TypeProvided"], list_id
    if record_type == 144 and "SubTypeProvided" in values:
        sub_list = SERVICE_SUBTYPE_LISTS.get(values.get("TypeProvided"))  # type: ignore[arg-type]
        if sub_list:
            yield cols["SubTypeProvided"], sub_list


def _disability_lists(values: Mapping[str, Any]) -> Iterator[tuple[Column, str]]:
    if "DisabilityResponse" in values:
        yield (
            FILES["Disabilities"].by_name["DisabilityResponse"],
            "4.10.2" if values.get("DisabilityType") == 10 else "1.8",
        )


def _exit_lists(values: Mapping[str, Any]) -> Iterator[tuple[Column, str]]:
    list_id = SUBSIDY_INFORMATION_LISTS.get(values.get("HousingAssessment"))  # type: ignore[arg-type]
    if list_id and "SubsidyInformation" in values:
        yield FILES["Exit"].by_name["SubsidyInformation"], list_id


_DYNAMIC: dict[str, Callable[[Mapping[str, Any]], Iterator[tuple[Column, str]]]] = {
    "Services": _services_lists,
    "Disabilities": _disability_lists,
    "Exit": _exit_lists,
}


def row_problems(
    hud_file: HudFile, values: Mapping[str, Any], *, today: dt.date | None = None
) -> Iterator[Problem]:
    """Check one record given as {HUD column name: Python value}.

    Columns absent from ``values`` are not checked (a form may show only some fields); a present
    column holding None or "" is empty.
    """
    file = hud_file.name
    rules = _rules(hud_file)

    def problem(col: Column, rule: str, message: str, level: str = ERROR) -> Problem:
        return Problem(file, col.name, col.field, values.get(col.name), rule, level, message)

    for r in rules.columns:
        name = r.col.name
        if name not in values:
            continue
        value = values[name]
        if value is None or value == "":
            if not r.nullable:
                yield problem(r.col, "required", f"{name} is required.")
            continue
        if r.max_length is not None and isinstance(value, str) and len(value) > r.max_length:
            yield problem(r.col, "length", f"{name} is longer than {r.max_length} characters.")
        if r.non_negative and isinstance(value, int | Decimal) and value < 0:
            yield problem(r.col, "non_negative", f"{name} may not be negative.")
        if r.codes is not None and value not in r.codes:
            if value in r.retired:
                yield problem(
                    r.col,
                    "retired_code",
                    f"{name} {value} ({r.retired[value]}) was retired from HUD list {r.list_id} "
                    "in FY2026; kept as it is.",
                    level=WARNING,
                )
            else:
                yield problem(r.col, "code_list", f"{name} {value!r} is not a code of HUD list {r.list_id}.")
        elif value in r.excluded:
            yield problem(r.col, "list_restriction", f"{name} may not be {value} for this data element.")
        if r.parent is not None and r.parent in values and values[r.parent] != r.trigger:
            yield problem(
                r.col, "dependent", f"{name} must be empty unless {r.parent} is {r.trigger}.", level=WARNING
            )

    if rules.dynamic is not None:
        for col, list_id in rules.dynamic(values):
            value = values.get(col.name)
            if not _empty(value) and list_id in LISTS and value not in LISTS[list_id]:
                yield problem(col, "code_list", f"{col.name} {value!r} is not a code of HUD list {list_id}.")

    for first, second, level in rules.date_order:
        a, b = values.get(first), values.get(second)
        if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
            yield problem(hud_file.by_name[second], "date_order", f"{second} is before {first}.", level)

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
    if hud_file.name not in ("Services", "Disabilities", "Exit"):
        problems = [p for p in problems if p.rule != "code_list"]
    else:
        # Only the lists chosen by another field are cross-field; the column's own list is the
        # model field's choices.
        dynamic = {col.name for col, _ in _DYNAMIC[hud_file.name](instance_values(instance))}
        problems = [p for p in problems if p.rule != "code_list" or p.column in dynamic]
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
