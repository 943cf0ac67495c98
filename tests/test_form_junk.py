"""Junk in every web form: each form Hearth serves, found by opening every page of the URL
resolver (with real records of the demo data in its parameters), is posted with hypothesis-drawn
junk in its fields (very long text, control characters, wrong types, impossible dates, numbers out
of range). Whatever the junk, the answer is never a server error: a form re-shown with messages
next to the fields, a 4xx, or a redirect when the junk happened to be acceptable. New pages and new
fields join the test by themselves.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import pytest
from django.apps import apps
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from hearth.accounts.models import Role
from hearth.audit.route_objects import record_for
from hearth.clients.access import clients_for_user
from hearth.core.demo import generate
from hearth.enrollments.models import Enrollment
from hearth.testing import factories
from tests.urlwalk import all_routes, fill_route

# Posting these would end the session or the account under test, not validate input.
SKIPPED_ACTIONS = re.compile(r"sign-out|logout|/close/|/deactivate|/delete|/undo|keepalive")

JUNK = st.one_of(
    st.text(min_size=3000, max_size=20_000),  # very long
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs"]), min_size=1, max_size=40),
    st.sampled_from(
        ["\x00", "a\x00b", "\u202e\u0000", "\ud7ff", "\r\n\t", "%00", "' OR 1=1 --", '=HYPERLINK("x")']
    ),
    st.sampled_from(["0000-00-00", "9999-12-31", "0001-01-01", "2024-02-30", "31/31/1990", "yesterday"]),
    st.sampled_from(["-1", "1e309", "99999999999999999999999", "NaN", "0x10", "1.5", "", " "]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
)


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields with their shown values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._current: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                multipart = (a.get("enctype") or "").lower() == "multipart/form-data"
                self._current = {"action": a.get("action") or "", "fields": {}, "multipart": multipart}
                self.forms.append(self._current)
            else:
                self._current = None
        elif self._current is not None and tag in ("input", "select", "textarea", "button") and a.get("name"):
            if tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self._current["fields"].setdefault(a["name"], None)
                return
            if tag == "input" and a.get("type") == "file":
                return
            self._current["fields"][a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def _fill(route: str, name: str, user: Any) -> str | None:
    """The route with each record parameter set to a record ``user`` may open, or None."""

    def pick(converter: str, parameter: str) -> str:
        label = record_for(name, parameter)
        if label is None:
            raise LookupError(parameter)
        if label == "clients.client":
            obj = clients_for_user(user).filter(enrollment__project__organization=user.organization).first()
        elif label == "enrollments.enrollment":
            obj = Enrollment.objects.filter(project__organization=user.organization).order_by("pk").first()
        else:
            obj = apps.get_model(label).objects.order_by("pk").first()
        if obj is None:
            raise LookupError(label)
        return str(obj.pk)

    try:
        return fill_route(route, pick)
    except LookupError:
        return None


@pytest.fixture
def world(db):
    generate(clients=40, seed=5)
    agency = Enrollment.objects.order_by("pk").first().project.organization
    users = [
        factories.UserFactory(username="junk-cm", organization=agency, role=Role.CASE_MANAGER),
        factories.UserFactory(username="junk-aa", organization=agency, role=Role.AGENCY_ADMIN),
        factories.UserFactory(username="junk-hmis", organization=None, role=Role.HMIS_ADMIN, is_staff=True),
    ]
    return users


def test_it_never_answers_junk_in_a_form_with_a_server_error(client, world):
    client.raise_request_exception = False  # a server error is an answer to record, like any other
    fuzzed: set[str] = set()
    failures: list[str] = []
    for user in world:
        for route, name in all_routes():
            path = _fill(route, name, user)
            if path is None:
                continue
            client.force_login(user)
            page = client.get(path)
            if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(page.content.decode("utf-8", "replace"))
            for form in parser.forms:
                action = form["action"] or path
                if SKIPPED_ACTIONS.search(action) or not action.startswith("/"):
                    continue
                names = [n for n in form["fields"] if n not in ("csrfmiddlewaretoken",)]
                if not names:
                    continue
                fuzzed.add(f"{action} {sorted(names)}")
                _fuzz(client, user, action, form, names, failures)
    assert sorted(set(failures)) == []
    # Enough forms were reached for the test to mean something (the demo data opens most pages).
    assert len(fuzzed) >= 30, sorted(fuzzed)


def _fuzz(
    client: Any, user: Any, action: str, form: dict[str, Any], names: list[str], failures: list[str]
) -> None:
    shown = form["fields"]

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # no shrinking: the field names are the finding, and time is bounded
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def post_junk(data: st.DataObject) -> None:
        chosen = data.draw(st.sets(st.sampled_from(names), min_size=1, max_size=len(names)))
        body = {n: (v if v is not None else "") for n, v in shown.items() if v is not None or n in chosen}
        for n in chosen:
            body[n] = data.draw(JUNK)
        client.force_login(user)
        if form["multipart"]:
            response = client.post(action, body)
        else:  # as a browser sends a form without files
            response = client.post(action, urlencode(body), content_type="application/x-www-form-urlencoded")
        if response.status_code >= 500:
            failures.append(f"{action}: {response.status_code} with junk in {sorted(chosen)}")
            raise AssertionError  # let hypothesis find the smallest junk; the failure is recorded

    with contextlib.suppress(AssertionError):  # recorded in ``failures``
        post_junk()
