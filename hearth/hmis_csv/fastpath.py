"""A compiled check for the common case: a FY2026 row with nothing wrong in it.

Most rows of a real export are clean. Reading each one through the general path (every cell by
type, then every rule of hearth.hud.validation.row_problems over a dictionary) costs tens of
microseconds a row, which at ten million rows is most of an import. So for each file the importer
generates, once, a Python function specialised to that file's columns: straight-line code that
reads each cell, checks it against the same rules (length, code list and restrictions, type,
required, dependents, the lists chosen by another field, date order, SSN form, references), and
returns the row ready for the database.

The compiled check only ever *accepts*. On any doubt (a value it does not recognise at once, a rule
that would give even a warning) it returns None and the row goes through the general path, which
decides and reports. So the general path stays the one definition of the rules, and the compiled
check needs only to never accept a row the general path would complain about
(hearth/hmis_csv/tests/test_fastpath.py checks exactly that, on the shared exports and on
mutated rows).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from hearth.hmis_csv.keys import KeyMap
from hearth.hmis_csv.plan import AUTO_NOW, FilePlan
from hearth.hud.codelists import LISTS
from hearth.hud.validation import (
    DATE_ORDER,
    ELEMENT_LISTS,
    RETIRED_CODES,
    SERVICE_SUBTYPE_LISTS,
    SERVICE_TYPE_LISTS,
    SOFT_DATE_ORDER,
    SSN_FORM,
    SUBSIDY_INFORMATION_LISTS,
)

MONEY = re.compile(r"^-?(?:0|[1-9]\d{0,9})(?:\.\d{1,2})?$").match

FastRow = Callable[[list[str]], "tuple[list[Any], Any] | None"]


def _codes(list_id: str, excluded: tuple[int, ...]) -> dict[str, Any] | None:
    codes = LISTS.get(list_id)
    if codes is None:
        return None
    retired = RETIRED_CODES.get(list_id, {})
    return {str(c): c for c in codes.values if c not in excluded and c not in retired}


class UtcText:
    """Local "YYYY-MM-DD hh:mm:ss" to the UTC text SQLite stores.

    Exports repeat timestamps (DateCreated is often DateUpdated), so recent answers are kept, and
    the zone's offset is worked out once per hour.
    """

    def __init__(self, zone: ZoneInfo, *, local: bool = False) -> None:
        self.zone = zone
        self.local = local  # PostgreSQL reads the local text itself
        self.offsets: dict[str, dt.timedelta] = {}
        self.seen: dict[str, str] = {}

    def __call__(self, moment: dt.datetime, text: str) -> str:
        if self.local:
            return self._keep(text, text)
        hour = text[:13]
        offset = self.offsets.get(hour)
        if offset is None:
            offset = moment.replace(minute=0, second=0, tzinfo=self.zone).utcoffset() or dt.timedelta(0)
            # The hour of a clock change has two offsets: convert that moment the general way.
            later = moment.replace(minute=59, second=59, tzinfo=self.zone).utcoffset()
            if later != offset:
                return str(moment.replace(tzinfo=self.zone).astimezone(dt.UTC).replace(tzinfo=None))
            self.offsets[hour] = offset
        return self._keep(text, str(moment - offset))

    def _keep(self, text: str, stored: str) -> str:
        if len(self.seen) > 200_000:
            self.seen.clear()
        self.seen[text] = stored
        return stored


def _pg_default(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return _pg_escape(str(value))


def _pg_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def compile_fast(
    plan: FilePlan,
    positions: list[int],
    *,
    vendor: str,
    data_source_id: int,
    keys: dict[str, KeyMap],
    export_id: str,
    today: dt.date,
    zone: ZoneInfo,
    now: dt.datetime,
) -> FastRow:
    """The compiled check of one file (columns at ``positions`` of the row; -1 when absent)."""
    hud_file = plan.hud_file
    file = hud_file.name
    pg = vendor == "postgresql"
    utc_text = UtcText(zone, local=pg)
    ns: dict[str, Any] = {
        "fromiso_date": dt.date.fromisoformat,
        "fromiso_dt": dt.datetime.fromisoformat,
        "MONEY": MONEY,
        "SSN": SSN_FORM.match,
        "TODAY": today,
        "EXPORT_ID": export_id,
        "utc_text": utc_text,
        "UTC_SEEN": utc_text.seen,
        "esc": _pg_escape,
    }
    body: list[str] = []
    emit = body.append
    names = [c.name for c in hud_file.columns]
    empty = "'\\\\N'" if pg else "None"  # how an empty value is written
    for i, col in enumerate(hud_file.columns):
        x, v, y = f"x{i}", f"v{i}", f"y{i}"
        p = positions[i]
        if p < 0:
            if not col.nullable:
                return _never
            emit(f"{x} = None")
            emit(f"{y} = {empty}")
            continue
        emit(f"{v} = cells[{p}]")
        emit(f"if {v}:")
        typ = col.type
        list_id = ELEMENT_LISTS.get((file, col.name), col.code_list)
        codes = _codes(list_id, col.excluded) if list_id else None
        if codes is not None:
            ns[f"C{i}"] = codes
        if col.references or i == 0 or typ.startswith("S"):
            emit(f"    if len({v}) > {col.max_length or 32}: return None")
            # A NUL byte is removed, with a warning, by the general path.
            emit(f"    if '\\x00' in {v}: return None")
            emit(f"    {x} = {v}")
            if codes is not None:
                emit(f"    if {v} not in C{i}: return None")
            if col.references:
                target = keys[col.references]
                ns[f"K{i}"], ns[f"P{i}"] = target.index, target.pk
                emit(f"    o{i} = K{i}.get({v})")
                emit(f"    if o{i} is None: return None")
                emit(f"    {y} = {'str(' if pg else '('}P{i}[o{i}])")
            elif pg:
                emit(
                    f"    {y} = esc({v}) if ('\\\\' in {v} or '\\t' in {v} or '\\n' in {v} or '\\r' in {v}) else {v}"
                )
            else:
                emit(f"    {y} = {v}")
        elif typ == "I":
            if codes is not None:
                emit(f"    {x} = C{i}.get({v})")
                emit(f"    if {x} is None: return None")
            else:
                emit(f"    if not ({v}.isdigit() and {v}.isascii() and len({v}) < 10): return None")
                emit(f"    {x} = int({v})")
            emit(f"    {y} = {v if pg else x}")
        elif typ == "D":
            emit(f"    if len({v}) != 10 or {v}[4] != '-' or {v}[7] != '-': return None")
            emit("    try:")
            emit(f"        {x} = fromiso_date({v})")
            emit("    except ValueError:")
            emit("        return None")
            emit(f"    {y} = {v}")
        elif typ == "T":
            emit(
                f"    if len({v}) != 19 or {v}[10] != ' ' or {v}[4] != '-' or {v}[7] != '-' "
                f"or {v}[13] != ':' or {v}[16] != ':': return None"
            )
            # A timestamp seen before in this file is known good (and its database form known).
            emit(f"    {y} = UTC_SEEN.get({v})")
            emit(f"    if {y} is None:")
            emit("        try:")
            emit(f"            d{i} = fromiso_dt({v})")
            emit("        except ValueError:")
            emit("            return None")
            emit(f"        {y} = utc_text(d{i}, {v})")
            emit(f"    {x} = {v}")
        elif typ in ("M", "M+"):
            emit(f"    if not MONEY({v}): return None")
            if typ == "M+":
                emit(f"    if {v}[0] == '-': return None")
            emit(f"    {x} = {v}")
            emit(f"    {y} = {v}")
        else:
            return _never
        emit("else:")
        if not col.nullable:
            emit("    return None")
        else:
            emit(f"    {x} = None")
            emit(f"    {y} = {empty}")
    index = {n: i for i, n in enumerate(names)}
    # Dependents: empty unless the parent holds the triggering value (a warning otherwise).
    for i, col in enumerate(hud_file.columns):
        if col.null_unless and col.null_unless[0] in index:
            parent, trigger = col.null_unless
            emit(f"if x{i} is not None and x{index[parent]} != {trigger!r}: return None")
    body.extend(_dynamic_lists(file, index, ns))
    for first, second in DATE_ORDER.get(file, []) + SOFT_DATE_ORDER.get(file, []):
        a, b = index[first], index[second]
        emit(f"if x{a} is not None and x{b} is not None and x{b} < x{a}: return None")
    if file == "Client":
        s, d = index["SSN"], index["DOB"]
        emit(f"if x{s} is not None and not SSN(x{s}): return None")
        emit(f"if x{d} is not None and x{d} > TODAY: return None")
    if plan.export_id_index is not None:
        emit(f"if x{plan.export_id_index} != EXPORT_ID: return None")
    values = ", ".join(f"x{i}" for i in range(len(names)))
    stored = ", ".join(f"y{s.index}" for s in plan.stored)
    extras = [now if default is AUTO_NOW else default for _, _, default in plan.extra]
    if pg:
        ns["TAIL"] = "".join("\t" + _pg_default(d) for d in extras) + "\n"
        emit(f"return [{values}], '{data_source_id}\\t' + '\\t'.join(({stored},)) + TAIL")
    else:
        ns["EXTRA"] = tuple(extras)
        emit(f"return [{values}], ({data_source_id}, {stored}, *EXTRA)")
    source = "def fast(cells):\n" + "\n".join("    " + line for line in body) + "\n"
    exec(compile(source, f"<fast row check of {file}>", "exec"), ns)  # noqa: S102 - code built above
    fast: FastRow = ns["fast"]
    fast.source = source  # type: ignore[attr-defined]
    return fast


def _never(cells: list[str]) -> None:
    return None


def _dynamic_lists(file: str, index: dict[str, int], ns: dict[str, Any]) -> list[str]:
    """The checks of hearth.hud.validation's lists chosen by another field."""
    lines = []

    def allowed(list_id: str) -> frozenset:
        return frozenset(LISTS[list_id].values) if list_id in LISTS else frozenset()

    if file == "Services":
        ns["TYPE_LISTS"] = {k: allowed(v) for k, v in SERVICE_TYPE_LISTS.items() if v in LISTS}
        ns["SUB_LISTS"] = {k: allowed(v) for k, v in SERVICE_SUBTYPE_LISTS.items() if v in LISTS}
        r, t, s = index["RecordType"], index["TypeProvided"], index["SubTypeProvided"]
        lines += [
            f"a = TYPE_LISTS.get(x{r})",
            f"if x{t} is not None and a is not None and x{t} not in a: return None",
            f"if x{r} == 144 and x{s} is not None:",
            f"    a = SUB_LISTS.get(x{t})",
            f"    if a is not None and x{s} not in a: return None",
        ]
    elif file == "Disabilities":
        ns["RESPONSE_10"], ns["RESPONSE"] = allowed("4.10.2"), allowed("1.8")
        k, r = index["DisabilityType"], index["DisabilityResponse"]
        lines.append(
            f"if x{r} is not None and x{r} not in (RESPONSE_10 if x{k} == 10 else RESPONSE): return None"
        )
    elif file == "Exit":
        ns["SUBSIDY_LISTS"] = {k: allowed(v) for k, v in SUBSIDY_INFORMATION_LISTS.items() if v in LISTS}
        h, s = index["HousingAssessment"], index["SubsidyInformation"]
        lines += [
            f"a = SUBSIDY_LISTS.get(x{h})",
            f"if x{s} is not None and a is not None and x{s} not in a: return None",
        ]
    return lines
