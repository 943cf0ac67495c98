import pytest
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.coordinated_entry import services
from hearth.coordinated_entry.models import QueueStatus, ReferralStatus
from hearth.coordinated_entry.tests.helpers import housing_program, place_on_queue, share_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def opening(partner, partner_agency):
    return services.opening_post(
        actor=partner, project=housing_program(partner_agency), description="Unit 4B", event_type=14
    )


def test_it_lists_the_queue_in_order_and_audits_whom_it_showed(client, owner, client_record):
    entry = place_on_queue(owner, client_record, yes=2)
    client.force_login(owner)
    body = client.get("/api/ce/queue").json()
    assert [(p["entry_id"], p["rank"], p["score"]) for p in body] == [(entry.pk, 1, entry.score)]
    assert AuditEvent.objects.get(actor=owner, detail__what="ce_queue", detail__via="api").detail[
        "client_ids"
    ] == [client_record.pk]


def test_it_hides_the_queue_from_an_outsider(client, owner, outsider, client_record):
    place_on_queue(owner, client_record)
    client.force_login(outsider)
    assert client.get("/api/ce/queue").json() == []


def test_it_answers_a_bad_population_with_400_naming_the_field(client, owner):
    client.force_login(owner)
    response = client.get("/api/ce/queue", {"population": "martians"})
    assert response.status_code == 400 and response.json()["detail"].startswith("population:")


def test_it_refers_declines_refers_again_and_accepts(
    client, owner, partner, partner_agency, client_record, opening
):
    entry = place_on_queue(owner, client_record)
    client.force_login(owner)
    assert [p["entry_id"] for p in client.get(f"/api/ce/openings/{opening.pk}/proposals").json()] == [
        entry.pk
    ]
    made = client.post(
        f"/api/ce/openings/{opening.pk}/referrals",
        {"entry_id": entry.pk, "note": "Prefers mornings"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["note"] == "Prefers mornings"
    referral_id = made.json()["id"]
    client.force_login(partner)
    # The receiving agency does not see who it is, nor the note about them, until a release covers it.
    listed = client.get("/api/ce/referrals").json()[0]
    assert listed["client_id"] is None and listed["note"] is None
    no_reason = client.post(
        f"/api/ce/referrals/{referral_id}/decline", {"reason": 1}, content_type="application/json"
    )
    assert no_reason.status_code == 400 and no_reason.json()["detail"].startswith("reason:")
    declined = client.post(
        f"/api/ce/referrals/{referral_id}/decline", {"reason": 2}, content_type="application/json"
    )
    assert declined.json()["status"] == ReferralStatus.DECLINED
    entry.refresh_from_db()
    assert entry.status == QueueStatus.WAITING
    client.force_login(owner)
    again = client.post(
        f"/api/ce/openings/{opening.pk}/referrals", {"entry_id": entry.pk}, content_type="application/json"
    )
    share_with(owner, client_record, partner_agency, timezone.localdate())
    client.force_login(partner)
    accepted = client.post(
        f"/api/ce/referrals/{again.json()['id']}/accept", {}, content_type="application/json"
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == ReferralStatus.ACCEPTED and accepted.json()["enrollment_id"]
    second = client.post(
        f"/api/ce/referrals/{again.json()['id']}/accept", {}, content_type="application/json"
    )
    assert second.status_code == 400 and second.json()["detail"].startswith("opening:")


def test_it_refuses_a_person_the_matcher_may_not_see(client, owner, outsider, client_record, opening):
    entry = place_on_queue(owner, client_record)
    client.force_login(outsider)
    response = client.post(
        f"/api/ce/openings/{opening.pk}/referrals", {"entry_id": entry.pk}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["detail"].startswith("entry_id:")


def test_it_refuses_an_answer_from_the_referring_agency(client, owner, client_record, opening):
    entry = place_on_queue(owner, client_record)
    referral = services.refer(actor=owner, opening=opening, entry=entry)
    client.force_login(owner)
    response = client.post(
        f"/api/ce/referrals/{referral.pk}/decline", {"reason": 2}, content_type="application/json"
    )
    assert response.status_code == 403
