"""Refusals are audited: the record asked for, the user, the path; and the row outlives the
request's own rollback."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.http import Http404
from django.test import override_settings
from django.urls import path

from hearth.audit.models import AuditEvent
from hearth.audit.refusals import note_refusal
from hearth.clients.access import client_for_user
from hearth.testing import factories


def refused(**filters):
    return AuditEvent.objects.filter(action=AuditEvent.Action.REFUSED, **filters)


def _refuse_inside_a_transaction(request, pk):
    # A view whose work is rolled back by the refusal it raises, as under ATOMIC_REQUESTS.
    with transaction.atomic():
        factories.OrganizationFactory(organization_name="Rolled Back Agency")
        client_for_user(request.user, pk)
    raise AssertionError("unreachable")


urlpatterns = [path("rollback/<int:pk>/", _refuse_inside_a_transaction, name="rollback")]


def test_it_audits_a_refused_client_with_the_user_the_record_and_the_path(client, outsider, client_record):
    client.force_login(outsider)
    response = client.get(f"/clients/{client_record.pk}/?tab=notes")
    assert response.status_code == 404
    event = refused(actor=outsider).get()
    assert (event.object_type, event.object_id, event.client_id) == (
        "clients.client",
        str(client_record.pk),
        client_record.pk,
    )
    assert event.detail["path"] == f"/clients/{client_record.pk}/"
    assert event.detail["status"] == 404 and event.detail["route"] == "clients:profile"


def test_it_names_the_client_behind_a_refused_enrollment(client, outsider, client_record):
    enrollment = client_record.enrollment_set.get()
    client.force_login(outsider)
    assert client.get(f"/enrollments/{enrollment.pk}/").status_code == 404
    assert refused(
        actor=outsider, object_type="enrollments.enrollment", object_id=str(enrollment.pk)
    ).exists()


def test_it_writes_nothing_for_a_record_the_user_may_see(client, owner, client_record):
    client.force_login(owner)
    assert client.get(f"/clients/{client_record.pk}/").status_code == 200
    assert not refused().exists()


def test_it_writes_nothing_for_an_anonymous_visitor(client, client_record):
    assert client.get(f"/clients/{client_record.pk}/").status_code == 302
    assert not refused().exists()


def test_it_audits_a_refusal_by_role_without_a_record(client, owner):
    client.force_login(owner)
    assert client.get("/audit/").status_code == 403
    event = refused(actor=owner).get()
    assert event.object_type == "" and event.detail["route"] == "audit:search"


@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF=__name__)
def test_it_keeps_the_refusal_when_the_request_rolls_back(client, outsider, client_record):
    client.force_login(outsider)
    assert client.get(f"/rollback/{client_record.pk}/").status_code == 404
    assert refused(actor=outsider, object_id=str(client_record.pk)).exists()
    assert not factories.OrganizationFactory._meta.model.objects.filter(
        organization_name="Rolled Back Agency"
    ).exists()


def test_it_drops_a_refusal_noted_outside_a_request(outsider, client_record):
    note_refusal("clients.client", client_record.pk)
    with pytest.raises(Http404):
        client_for_user(outsider, client_record.pk)
    assert not refused().exists()


def test_the_audit_search_filters_refusals(client, admin_user, outsider, client_record):
    client.force_login(outsider)
    client.get(f"/clients/{client_record.pk}/")
    client.force_login(admin_user)
    response = client.get("/audit/?action=refused")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Refused access" in page and "outsider" in page
    assert "Maria" not in page and "Lopez" not in page
