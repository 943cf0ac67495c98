"""The Coordinated Entry matcher: refers people on the queue to openings, and edits nothing else."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hearth.accounts.models import Role
from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import Referral
from hearth.coordinated_entry.tests.helpers import housing_program, place_on_queue
from hearth.core import clock
from hearth.enrollments.models import Event
from hearth.enrollments.services.consent import RoiInput, roi_create, roi_revoke
from hearth.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def matcher(owner_agency):
    return factories.UserFactory(username="matcher", organization=owner_agency, role=Role.CE_MATCHER)


@pytest.fixture
def opening(partner, partner_agency):
    return services.opening_post(
        actor=partner, project=housing_program(partner_agency), description="Unit 7", event_type=14
    )


def test_it_lets_a_matcher_see_the_queue_and_refer(client, owner, matcher, client_record, opening):
    entry = place_on_queue(owner, client_record)
    client.force_login(matcher)
    assert "Maria Lopez" in client.get(reverse("coordinated_entry:queue")).content.decode()
    page = client.get(reverse("coordinated_entry:opening", args=[opening.pk])).content.decode()
    assert "Refer Maria Lopez" in page

    response = client.post(
        reverse("coordinated_entry:opening_refer", args=[opening.pk]),
        {"entry": entry.pk, "note": "Call first."},
    )

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.referred_by == matcher and referral.note == "Call first."


def test_it_keeps_a_matcher_from_editing_client_records_or_posting_openings(client, matcher, client_record):
    client.force_login(matcher)
    assert client.get(reverse("clients:edit", args=[client_record.pk])).status_code in (403, 404)
    assert client.get(reverse("coordinated_entry:opening_new")).status_code == 403


def test_it_refuses_a_referral_from_a_read_only_user_and_writes_nothing(
    owner, owner_agency, client_record, opening
):
    reader = factories.UserFactory(username="reader", organization=owner_agency, role=Role.READ_ONLY)
    entry = place_on_queue(owner, client_record)
    events = Event.objects.count()
    with pytest.raises(PermissionDenied):
        services.refer(actor=reader, opening=opening, entry=entry)
    assert not Referral.objects.exists() and Event.objects.count() == events


def test_it_lets_only_an_hmis_administrator_give_the_matcher_role(client, admin_user, owner_agency, owner):
    agency_admin = factories.UserFactory(username="boss", organization=owner_agency, role=Role.AGENCY_ADMIN)
    client.force_login(agency_admin)
    token = client.get(f"/accounts/users/{owner.pk}/").context["role_edit_token"]
    client.post(f"/accounts/users/{owner.pk}/role/", {"role": Role.CE_MATCHER, "edit_token": token})
    owner.refresh_from_db()
    assert owner.role == Role.CASE_MANAGER
    client.force_login(admin_user)
    token = client.get(f"/accounts/users/{owner.pk}/").context["role_edit_token"]
    client.post(f"/accounts/users/{owner.pk}/role/", {"role": Role.CE_MATCHER, "edit_token": token})
    owner.refresh_from_db()
    assert owner.role == Role.CE_MATCHER


def test_it_shows_a_matcher_of_another_agency_only_people_under_a_coc_wide_release(
    client, owner, partner_agency, client_record, opening
):
    # The CoC's matchers work at the agency running its CE project; that agency sees a person
    # assessed elsewhere only while the person's release covers every agency of the CoC.
    ce_project = factories.ProjectFactory(organization=partner_agency, project_name="CES", project_type=14)
    factories.ProjectCoCFactory(project=ce_project, coc_code="CA-600")
    cocs_matcher = factories.UserFactory(username="ces", organization=partner_agency, role=Role.CE_MATCHER)
    entry = place_on_queue(owner, client_record)
    client.force_login(cocs_matcher)
    queue = reverse("coordinated_entry:queue")
    assert "Maria Lopez" not in client.get(queue).content.decode()

    today = clock.local_today()
    roi = roi_create(
        actor=owner,
        client=client_record,
        data=RoiInput(
            permission=True, start_date=today, end_date=today + dt.timedelta(days=365),
            documentation="verbal", coc_code="CA-600", organizations=[],
        ),
    )  # fmt: skip
    assert "Maria Lopez" in client.get(queue).content.decode()
    page = client.get(reverse("coordinated_entry:opening", args=[opening.pk])).content.decode()
    assert "Refer Maria Lopez" in page

    roi_revoke(actor=owner, roi=roi)
    assert "Maria Lopez" not in client.get(queue).content.decode()
    refused = client.post(reverse("coordinated_entry:opening_refer", args=[opening.pk]), {"entry": entry.pk})
    assert refused.status_code == 400
    assert "This person is not waiting on the queue." in refused.content.decode()
    assert not Referral.objects.exists()
