"""Merging duplicate records into the dominant one, and undoing the merge."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.clients.merge import MergeError, client_merge, client_unmerge
from hearth.clients.models import Client, ClientAlias, DuplicatePair
from hearth.clients.search import parse_query, search_clients
from hearth.enrollments.models import Enrollment, Exit, Service
from hearth.testing.factories import (
    ClientFactory,
    EnrollmentFactory,
    ExitFactory,
    ProjectFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

IGNORED = {"date_updated"}


def _state(model, pks):
    """Every field of the rows, except the DateUpdated bookkeeping a merge and an undo both set."""
    return {
        pk: {k: v for k, v in model_to_dict(obj).items() if k not in IGNORED}
        | {"date_deleted": obj.date_deleted}
        if hasattr(obj, "date_deleted")
        else model_to_dict(obj)
        for pk, obj in model._base_manager.in_bulk(pks).items()
    }


@pytest.fixture
def people(project):
    dominant = ClientFactory(
        first_name="Jesus",
        last_name="Hernandez",
        dob=dt.date(1975, 3, 9),
        ssn="xxxxx6789",
        ssn_data_quality=2,
        veteran_status=99,
    )
    other = ClientFactory(
        first_name="Chuy",
        last_name="Hernandez",
        middle_name="Antonio",
        dob=dt.date(1975, 3, 9),
        ssn="123456789",
        ssn_data_quality=1,
        veteran_status=1,
    )
    return dominant, other


def test_it_moves_every_row_and_copies_missing_values(admin_user, people, project):
    dominant, other = people
    other_project = ProjectFactory(organization=project.organization)
    enrollment = EnrollmentFactory(client=other, project=other_project)
    service = ServiceFactory(enrollment=enrollment, client=other)
    alias = ClientAlias.objects.create(client=other, first_name="Chucho", created_at=timezone.now())

    merge = client_merge(actor=admin_user, dominant=dominant, others=[other], reference="ticket 12")

    dominant.refresh_from_db()
    assert dominant.ssn == "123456789" and dominant.ssn_data_quality == 1  # full beats partial
    assert dominant.middle_name == "Antonio"
    assert dominant.veteran_status == 1
    assert dominant.first_name == "Jesus"  # the dominant's own name stays
    assert Enrollment.objects.get(pk=enrollment.pk).client_id == dominant.pk
    assert Service.objects.get(pk=service.pk).client_id == dominant.pk
    assert ClientAlias.objects.get(pk=alias.pk).client_id == dominant.pk
    gone = Client.all_objects.get(pk=other.pk)
    assert gone.merged_into_id == dominant.pk and gone.date_deleted is not None
    assert not Client.objects.filter(pk=other.pk).exists()
    assert merge.summary["moved"]["enrollments.enrollment.client"] == 1
    actions = AuditEvent.objects.filter(action=AuditEvent.Action.MERGE)
    assert {e.client_id for e in actions} == {dominant.pk, other.pk}
    assert all("Hernandez" not in str(e.detail) for e in actions)


def test_it_leads_merged_identifiers_to_the_dominant_record(admin_user, people):
    dominant, other = people
    client_merge(actor=admin_user, dominant=dominant, others=[other])
    for text in (other.hud_id, str(other.pk)):
        results = search_clients(user=admin_user, query=parse_query(text))
        assert results[0].client == dominant
        assert results[0].reasons[0] == "Identifier of a record merged into this one"
    # The merged record's own name still finds the dominant one.
    results = search_clients(user=admin_user, query=parse_query("Chuy Hernandez", dob="1975-03-09"))
    assert [r.client for r in results] == [dominant]


def test_it_consolidates_overlapping_enrollments_in_one_project(admin_user, people, project):
    dominant, other = people
    kept = EnrollmentFactory(client=dominant, project=project, entry_date=dt.date(2024, 1, 10))
    ExitFactory(enrollment=kept, exit_date=dt.date(2024, 3, 1))
    twin = EnrollmentFactory(client=other, project=project, entry_date=dt.date(2024, 2, 1))
    twin_exit = ExitFactory(enrollment=twin, exit_date=dt.date(2024, 4, 1))
    nights = [
        ServiceFactory(enrollment=twin, client=other, date_provided=dt.date(2024, 2, d)) for d in (1, 2)
    ]
    later = EnrollmentFactory(client=other, project=project, entry_date=dt.date(2024, 6, 1))

    merge = client_merge(actor=admin_user, dominant=dominant, others=[other])

    assert set(Enrollment.objects.filter(client=dominant).values_list("pk", flat=True)) == {kept.pk, later.pk}
    assert all(Service.objects.get(pk=s.pk).enrollment_id == kept.pk for s in nights)
    assert list(Exit.objects.filter(enrollment=kept).values_list("pk", flat=True)) == [
        twin_exit.pk
    ]  # the later exit
    assert merge.summary["enrollments_consolidated"] == 1


def test_it_undoes_a_merge_exactly(admin_user, people, project):
    dominant, other = people
    kept = EnrollmentFactory(client=dominant, project=project, entry_date=dt.date(2024, 1, 10))
    ExitFactory(enrollment=kept, exit_date=dt.date(2024, 3, 1))
    twin = EnrollmentFactory(client=other, project=project, entry_date=dt.date(2024, 2, 1))
    ExitFactory(enrollment=twin, exit_date=dt.date(2024, 4, 1))
    ServiceFactory(enrollment=twin, client=other)
    ClientAlias.objects.create(client=other, first_name="Chucho", created_at=timezone.now())
    pair = DuplicatePair.objects.create(
        client_a=dominant, client_b=other, match_probability=0.99, found_at=timezone.now()
    )
    tables = [Client, Enrollment, Exit, Service, ClientAlias, DuplicatePair]

    def snapshot():
        return {m: _state(m, list(m._base_manager.values_list("pk", flat=True))) for m in tables}

    before = snapshot()
    merge = client_merge(actor=admin_user, dominant=dominant, others=[other])
    assert snapshot() != before
    client_unmerge(actor=admin_user, merge=merge)
    assert snapshot() == before
    assert DuplicatePair.objects.get(pk=pair.pk).status == DuplicatePair.Status.OPEN
    merge.refresh_from_db()
    assert merge.is_undone
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UNMERGE, client_id=other.pk).exists()
    # Searching works again for both records on their own.
    results = search_clients(user=admin_user, query=parse_query(other.hud_id))
    assert results[0].client == other


def test_it_undoes_a_merge_of_three_records_twice_over(admin_user, people):
    dominant, other = people
    third = ClientFactory(first_name="Jesus", last_name="Hernandes", dob=dt.date(1975, 9, 3))
    merge = client_merge(actor=admin_user, dominant=dominant, others=[other, third])
    client_unmerge(actor=admin_user, merge=merge)
    again = client_merge(actor=admin_user, dominant=other, others=[dominant, third])
    assert Client.objects.filter(pk__in=[dominant.pk, other.pk, third.pk]).count() == 1
    client_unmerge(actor=admin_user, merge=again)
    assert Client.objects.filter(pk__in=[dominant.pk, other.pk, third.pk]).count() == 3


def test_it_refuses_to_undo_before_a_later_merge_is_undone(admin_user, people):
    dominant, other = people
    third = ClientFactory()
    first = client_merge(actor=admin_user, dominant=dominant, others=[other])
    client_merge(actor=admin_user, dominant=third, others=[dominant])
    with pytest.raises(MergeError):
        client_unmerge(actor=admin_user, merge=first)


def test_it_refuses_a_merge_by_a_case_manager(owner, people):
    dominant, other = people
    with pytest.raises(PermissionDenied):
        client_merge(actor=owner, dominant=dominant, others=[other])


def test_it_refuses_to_merge_a_record_already_merged(admin_user, people):
    dominant, other = people
    client_merge(actor=admin_user, dominant=dominant, others=[other])
    with pytest.raises(MergeError):
        client_merge(actor=admin_user, dominant=ClientFactory(), others=[other])
