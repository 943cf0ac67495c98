"""The access sweep: every route of the resolver whose parameters name a protected record is asked
for, GET and POST, with the keys of another agency's records, and must refuse: 403 or 404 for a
signed-in case manager of agency A (and an audit row saying who was refused what), the sign-in page
for an anonymous visitor or for a user whose account has since gone inactive or been locked.

Agency B's cast: a client with an enrollment, a case note, an uploaded file, a release of
information, a signed form, a client household member, a coordinated entry assessment, a referral
to one of B's housing openings, a support ticket and a report run. Routes are listed from the resolver, not by hand, so a new route joins
the sweep; a route whose integer parameter is not in hearth.audit.route_objects fails it (that
table says which record a parameter is the key of). The API's routes are swept from its OpenAPI schema in test_api_access_sweep.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.audit.models import AuditEvent
from hearth.audit.route_objects import NOT_RECORDS, record_for
from hearth.coordinated_entry.services import opening_post, refer
from hearth.coordinated_entry.tests.helpers import place_on_queue
from hearth.enrollments.models import FormQuestion, FormTemplate
from hearth.enrollments.services.casefile import file_upload, note_add
from hearth.enrollments.services.consent import RoiInput, form_sign, roi_create
from hearth.enrollments.services.households import global_household_create, global_member_add
from hearth.reports.services import report_run_create
from hearth.reports.tests.helpers import ce_assessment
from hearth.support.models import Ticket
from hearth.support.services import ticket_open
from hearth.testing import factories
from tests.urlwalk import all_routes, fill_route, route_parameters

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Walking these would end the sweep's own session.
SKIP_NAMES = {"accounts:logout"}
# Records anyone signed in may look up: a project's public description is CoC-wide (its client
# lists are filtered by the sharing rules, which the roster tests prove), form templates are the
# CoC's blank forms.
SHARED_RECORDS = {"projects.project", "enrollments.formtemplate", "coordinated_entry.opening"}
CONVERTER_SAMPLES = {"str": "sample", "slug": "sample", "path": "sample", "uuid": "00000000-0000-0000-0000-000000000001"}  # fmt: skip


@pytest.fixture
def agency_b(client_record, owner, project, settings, tmp_path) -> dict[str, Any]:
    """Agency B's records, made through the services as its own staff would."""
    settings.MEDIA_ROOT = tmp_path / "media"
    enrollment = client_record.enrollment_set.get()
    note = note_add(actor=owner, client=client_record, enrollment=enrollment, body="Met at the shelter.")
    upload = SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")
    document = file_upload(actor=owner, client=client_record, upload=upload, description="ID")
    today = timezone.localdate()
    roi = roi_create(
        actor=owner,
        client=client_record,
        data=RoiInput(
            permission=True, start_date=today, end_date=today + dt.timedelta(days=365),
            documentation="verbal", coc_code="CA-600", organizations=[project.organization],
        ),
    )  # fmt: skip
    assessment = ce_assessment(enrollment, today)
    template = FormTemplate.objects.create(name="House rules", kind="consent", introduction="No smoking.")
    agree = FormQuestion.objects.create(template=template, position=1, label="I agree", kind="agree")
    submission = form_sign(
        actor=owner, template=template, client=client_record, answers={agree.pk: True},
        signer_name="Signer", method="typed",
    )  # fmt: skip
    relative = factories.ClientFactory(owner_organization=project.organization)
    factories.EnrollmentFactory(client=relative, project=project)
    household = global_household_create(actor=owner, head=client_record)
    member = global_member_add(actor=owner, household=household, client=relative, relationship=2)
    ticket = ticket_open(
        category=Ticket._meta.get_field("category").choices[0][0], subject="Locked out", body="Please help.",
        first_name=owner.first_name or "Owner", last_name=owner.last_name or "User", email=owner.email or "o@b.example",
        requester=owner,
    )  # fmt: skip
    analyst = factories.UserFactory(
        username="analyst-b", organization=owner.organization, role=Role.REPORT_ANALYST
    )
    run = report_run_create(
        user=analyst, kind="apr", start_date=today - dt.timedelta(days=365), end_date=today,
        projects=[project], background=False,
    )  # fmt: skip
    housing = factories.ProjectFactory(organization=owner.organization, project_name="B PSH", project_type=3)
    opening = opening_post(actor=owner, project=housing, description="Unit 1", event_type=14)
    referral = refer(actor=owner, opening=opening, entry=place_on_queue(owner, client_record))
    records = {
        "clients.client": client_record,
        "coordinated_entry.opening": opening,
        "coordinated_entry.referral": referral,
        "enrollments.enrollment": enrollment,
        "enrollments.casenote": note,
        "enrollments.clientfile": document,
        "enrollments.releaseofinformation": roi,
        "enrollments.assessment": assessment,
        "enrollments.formsubmission": submission,
        "enrollments.globalhouseholdmember": member,
        "support.ticket": ticket,
        "reports.reportrun": run,
        "accounts.user": owner,
        "projects.project": project,
    }
    return {label: obj.pk for label, obj in records.items()}


def _swept_paths(ids: dict[str, int]) -> tuple[list[tuple[str, str, set[str]]], list[str]]:
    """(path, route name, labels of its records) for each route naming one of B's records, and the
    routes whose integer parameters name no known record."""
    paths, unknown = [], []
    for route, name in all_routes():
        parameters = route_parameters(route)
        if name in SKIP_NAMES or not any(conv == "int" for conv, _ in parameters):
            continue
        keys = [p for conv, p in parameters if conv == "int" and f"{name}:{p}" not in NOT_RECORDS]
        if any(record_for(name, p) is None for p in keys):
            unknown.append(f"{name} {route}")
            continue
        picked: set[str] = set()

        def value(conv: str, param: str, *, name: str = name, picked: set[str] = picked) -> Any:
            if conv != "int":
                return CONVERTER_SAMPLES.get(conv, "sample")
            if f"{name}:{param}" in NOT_RECORDS:
                return 0
            label = record_for(name, param)
            picked.add(label or "")
            return ids.get(label or "", 999_999)  # a record B has none of: any answer but 200 is right

        path = fill_route(route, value)
        if picked & set(ids):
            paths.append((path, name, picked))
    return paths, unknown


def _requests(client: Any, paths: list[tuple[str, str, set[str]]]):
    for path, name, labels in paths:
        for method in ("get", "post"):
            yield method, path, name, labels, getattr(client, method)(path)


def test_every_int_parameter_of_every_route_names_a_known_record(agency_b):
    _paths, unknown = _swept_paths(agency_b)
    assert unknown == [], "add these parameters to hearth.audit.route_objects.RECORD_PARAMETERS"


def test_it_refuses_agency_bs_records_to_a_case_manager_of_agency_a_and_audits_each_refusal(
    client, outsider, agency_b
):
    client.force_login(outsider)
    paths, _ = _swept_paths(agency_b)
    leaks, unaudited = [], []
    for method, path, name, labels, response in _requests(client, paths):
        if labels <= SHARED_RECORDS:
            continue
        if response.status_code == 405:
            continue  # the other method is the route's; it is swept too
        if response.status_code not in (403, 404):
            leaks.append(f"{method.upper()} {path} ({name}): {response.status_code}")
            continue
        refused = AuditEvent.objects.filter(
            actor=outsider, action=AuditEvent.Action.REFUSED, detail__path=path
        )
        if not refused.exists():
            unaudited.append(f"{method.upper()} {path} ({name})")
    assert len(paths) > 30, "the sweep reached the routes of B's records"
    assert leaks == []
    assert unaudited == []


def test_it_shows_agency_b_the_same_records(client, owner, agency_b):
    # The sweep means something only if the records it asks for are there for their owner.
    client.force_login(owner)
    opened = [
        path for path, name, labels in _swept_paths(agency_b)[0]
        if labels == {"clients.client"} and client.get(path).status_code == 200
    ]  # fmt: skip
    assert len(opened) >= 3


@pytest.mark.parametrize("standing", ["anonymous", "inactive", "locked"])
def test_it_sends_a_visitor_without_a_standing_session_to_sign_in(
    client, outsider, owner, agency_b, standing
):
    if standing != "anonymous":
        user = owner  # B's own staff: only the account's standing stops them
        client.force_login(user)
        if standing == "inactive":
            type(user).objects.filter(pk=user.pk).update(is_active=False)
        else:
            type(user).objects.filter(pk=user.pk).update(locked_at=timezone.now())
    paths, _ = _swept_paths(agency_b)
    served = []
    for method, path, name, _labels, response in _requests(client, paths):
        if response.status_code in (302, 301):
            if "/accounts/sign-in/" not in response["Location"] and not response["Location"].startswith(
                "/admin/login"
            ):
                served.append(f"{method.upper()} {path} ({name}): to {response['Location']}")
        elif response.status_code not in (401, 403, 404, 405):
            served.append(f"{method.upper()} {path} ({name}): {response.status_code}")
    assert served == []
