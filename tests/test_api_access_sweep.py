"""The API's half of the access sweep: every operation of the OpenAPI schema whose path names a
record is called with agency B's keys (the cast of test_access_sweep.py) by a case manager of
agency A, and must answer 403 or 404 (400 where the body names no record of A's) and never B's
data; every operation at all refuses an anonymous visitor with 401. Operations are listed from the
schema, so a new endpoint joins the sweep."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hearth.api import api
from hearth.audit.models import AuditEvent
from hearth.audit.route_objects import record_for
from tests.test_access_sweep import SHARED_RECORDS, agency_b  # noqa: F401  (the fixture)

PARAMETER = re.compile(r"{(\w+)}")
# A body every operation accepts (unknown fields are ignored), so the record is looked up rather
# than the body refused first.
BODY = '{"entry_id": 1, "reason": 2, "q": "x"}'


def _operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _filled(path: str, ids: dict[str, int]) -> tuple[str, set[str]] | None:
    labels: set[str] = set()

    def key(match: re.Match[str]) -> str:
        label = record_for("api:", match.group(1))
        assert label is not None, f"{path}: add {match.group(1)} to hearth.audit.route_objects"
        labels.add(label)
        return str(ids.get(label, 999_999))

    filled = PARAMETER.sub(key, path)
    return (filled, labels) if labels else None


def _call(client: Any, method: str, path: str) -> Any:
    if method == "GET":
        return client.get(path)
    return client.generic(method, path, BODY, content_type="application/json")


def test_the_schema_has_operations_that_name_records():
    assert sum(1 for _m, p in _operations() if PARAMETER.search(p)) >= 4


def test_it_refuses_agency_bs_records_to_a_case_manager_of_agency_a(client, outsider, agency_b):  # noqa: F811
    client.force_login(outsider)
    leaks, unaudited = [], []
    for method, path in _operations():
        filled = _filled(path, agency_b)
        if filled is None:
            continue
        url, labels = filled
        response = _call(client, method, url)
        if labels <= SHARED_RECORDS and response.status_code in (200, 400, 403, 422):
            continue  # a CoC-wide record (an opening): what it lists is filtered by the sharing rules
        if response.status_code not in (403, 404):
            leaks.append(f"{method} {url}: {response.status_code}")
        elif not AuditEvent.objects.filter(actor=outsider, action="refused", detail__path=url).exists():
            unaudited.append(f"{method} {url}")
    assert leaks == [] and unaudited == []


def test_it_shows_an_opening_to_an_outsider_without_agency_bs_people(client, outsider, agency_b):  # noqa: F811
    client.force_login(outsider)
    opening = agency_b["coordinated_entry.opening"]
    assert client.get(f"/api/ce/openings/{opening}/proposals").json() == []
    assert client.get("/api/ce/queue").json() == []
    assert client.get("/api/ce/referrals").json() == []


@pytest.mark.django_db
def test_it_refuses_every_operation_to_an_anonymous_visitor(client):
    served = [
        f"{method} {path}: {response.status_code}"
        for method, path in _operations()
        if (response := _call(client, method, PARAMETER.sub("1", path))).status_code != 401
    ]
    assert served == []
