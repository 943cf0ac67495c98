import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import QueueStatus, ReferralStatus
from hearth.coordinated_entry.tests.helpers import housing_program, place_on_queue, share_with
from hearth.enrollments.models import Enrollment, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(owner, partner, partner_agency, client_record):
    opening = services.opening_post(
        actor=partner, project=housing_program(partner_agency), description="Unit 4B", event_type=14
    )
    entry = place_on_queue(owner, client_record)
    return services.refer(actor=owner, opening=opening, entry=entry)


def test_it_lists_pending_referrals_to_the_agencys_programs(client, partner, referral):
    client.force_login(partner)
    body = client.get(reverse("coordinated_entry:referrals")).content.decode()
    assert "Unit 4B" in body
    # Without a release of information the receiving agency sees that someone was referred, not who.
    assert "Maria Lopez" not in body and "not shared with your agency" in body
    assert AuditEvent.objects.filter(actor=partner, action="view", detail__what="ce_referrals").exists()


def test_it_shows_the_person_once_a_release_covers_the_agency(
    client, owner, partner, partner_agency, client_record, referral
):
    share_with(owner, client_record, partner_agency, timezone.localdate())
    client.force_login(partner)
    body = client.get(reverse("coordinated_entry:referral", args=[referral.pk])).content.decode()
    assert "Maria Lopez" in body
    assert AuditEvent.objects.filter(
        actor=partner, action="view", client_id=client_record.pk, object_type="coordinated_entry.referral"
    ).exists()


def test_it_refuses_a_decline_without_a_reason_naming_the_field(client, partner, referral):
    client.force_login(partner)
    response = client.post(reverse("coordinated_entry:referral_decline", args=[referral.pk]), {})
    assert response.status_code == 400
    assert "Choose the HUD reason for declining." in response.context["decline_form"].errors["reason"]
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_it_declines_with_a_hud_reason_and_puts_the_person_back_on_the_queue(client, partner, referral):
    client.force_login(partner)
    response = client.post(reverse("coordinated_entry:referral_decline", args=[referral.pk]), {"reason": "3"})
    assert response["Location"] == reverse("coordinated_entry:referrals")
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (ReferralStatus.DECLINED, 3)
    assert Event.objects.get(pk=referral.event_id).referral_result == 3
    assert referral.entry.status == QueueStatus.WAITING


def test_it_will_not_accept_a_person_whose_record_the_agency_may_not_see(client, partner, referral):
    client.force_login(partner)
    response = client.post(
        reverse("coordinated_entry:referral_accept", args=[referral.pk]),
        {"entry_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400 and "release of information" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING


def test_it_accepts_enrolls_and_opens_the_project_start(
    client, owner, partner, partner_agency, client_record, referral
):
    share_with(owner, client_record, partner_agency, timezone.localdate())
    client.force_login(partner)
    response = client.post(
        reverse("coordinated_entry:referral_accept", args=[referral.pk]),
        {"entry_date": timezone.localdate().isoformat()},
    )
    enrollment = Enrollment.objects.get(client=client_record, project=referral.opening.project)
    assert response["Location"] == reverse("enrollments:assessment", args=[enrollment.pk, "start"])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.enrollment == enrollment
    assert Event.objects.get(pk=referral.event_id).referral_result == 1


def test_it_refuses_an_answer_from_the_referring_agency(client, owner, referral):
    # The matcher sees the referral but only the receiving program answers it.
    client.force_login(owner)
    body = client.get(reverse("coordinated_entry:referral", args=[referral.pk])).content.decode()
    assert "Accept and enroll" not in body
    assert (
        client.post(
            reverse("coordinated_entry:referral_decline", args=[referral.pk]), {"reason": "2"}
        ).status_code
        == 403
    )


def test_it_hides_a_referral_from_everyone_else(client, outsider, referral):
    client.force_login(outsider)
    assert client.get(reverse("coordinated_entry:referral", args=[referral.pk])).status_code == 404


def test_it_carries_the_matchers_note_and_the_programs_answer(
    client, owner, partner, partner_agency, client_record
):
    opening = services.opening_post(
        actor=partner, project=housing_program(partner_agency), description="Unit 9", event_type=14
    )
    entry = place_on_queue(owner, client_record)
    client.force_login(owner)
    client.post(
        reverse("coordinated_entry:opening_refer", args=[opening.pk]),
        {"entry": entry.pk, "note": "Needs a ground-floor unit."},
    )
    referral = opening.referrals.get()
    assert referral.note == "Needs a ground-floor unit."

    client.force_login(partner)
    page = reverse("coordinated_entry:referral", args=[referral.pk])
    # Until a release covers the program, the note about the person is not shown either.
    assert "ground-floor" not in client.get(page).content.decode()
    share_with(owner, client_record, partner_agency, timezone.localdate())
    assert "ground-floor" in client.get(page).content.decode()
    client.post(
        reverse("coordinated_entry:referral_decline", args=[referral.pk]),
        {"reason": "3", "note": "No ground-floor unit free until March."},
    )
    referral.refresh_from_db()
    assert referral.result_note == "No ground-floor unit free until March."
    client.force_login(owner)
    assert "until March" in client.get(page).content.decode()


def test_it_refuses_a_note_over_the_limit_naming_the_field(client, partner, referral):
    client.force_login(partner)
    response = client.post(
        reverse("coordinated_entry:referral_decline", args=[referral.pk]), {"reason": "3", "note": "x" * 2001}
    )
    assert response.status_code == 400
    assert "note" in response.context["decline_form"].errors
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PENDING and referral.result_note == ""
