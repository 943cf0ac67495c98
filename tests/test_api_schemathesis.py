"""The API fuzzed from its own OpenAPI schema (schemathesis): every operation, signed in as a case
manager whose agency has a client on the CE queue and an opening, gets generated requests; none may
answer with a server error, a status code the schema does not document, or a body that breaks the
schema. Bounded by ``max_examples`` per operation so the suite stays quick."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client as WebClient
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hearth.api import api
from hearth.coordinated_entry import services
from hearth.coordinated_entry.tests.helpers import housing_program, place_on_queue

# The schema itself is for signed-in users only, so it is read from the API object, not over HTTP.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def signed_in(transactional_db, owner, client_record, project):
    # Committed data (transactional_db): the WSGI application closes the connection after each request.
    place_on_queue(owner, client_record)
    services.opening_post(
        actor=owner, project=housing_program(project.organization), description="Unit", event_type=14
    )
    web = WebClient()
    web.force_login(owner)
    web.get("/")  # sets the CSRF cookie the API's session authentication checks on writes
    cookies = {name: morsel.value for name, morsel in web.cookies.items()}
    return {"cookies": cookies, "headers": {"X-CSRFToken": cookies.get("csrftoken", "")}}


@schema.parametrize()
@settings(
    max_examples=30, deadline=None, phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)  # fmt: skip
def test_it_answers_every_operation_within_its_schema(case, signed_in):
    response = case.call_and_validate(
        cookies=signed_in["cookies"], headers=signed_in["headers"], checks=CHECKS
    )
    # Fuzzing means something only past the door: signed in, and writes past the CSRF check.
    assert response.status_code != 401
    assert "CSRF" not in response.text
