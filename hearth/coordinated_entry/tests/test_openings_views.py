import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.coordinated_entry.models import Opening, OpeningStatus, Population, Referral
from hearth.coordinated_entry.services import opening_post
from hearth.coordinated_entry.tests.helpers import housing_program, place_on_queue
from hearth.enrollments.models import Event
from hearth.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def psh(partner_agency):
    return housing_program(partner_agency)


@pytest.fixture
def opening(partner, psh):
    return opening_post(actor=partner, project=psh, description="Unit 4B", event_type=14)


def test_it_posts_an_opening_for_a_program_of_the_users_agency(client, partner, psh):
    client.force_login(partner)
    response = client.post(
        reverse("coordinated_entry:opening_new"),
        {"project": psh.pk, "description": "Unit 4B", "event_type": "14", "household_type": "any", "population": "veteran"},
    )  # fmt: skip
    opening = Opening.objects.get()
    assert response["Location"] == reverse("coordinated_entry:opening", args=[opening.pk])
    assert (opening.project, opening.event_type, opening.population) == (psh, 14, "veteran")


def test_it_refuses_an_opening_for_another_agencys_program(client, owner, psh):
    client.force_login(owner)
    response = client.post(
        reverse("coordinated_entry:opening_new"),
        {"project": psh.pk, "description": "Unit 4B", "event_type": "14", "household_type": "any", "population": "any"},
    )  # fmt: skip
    assert "project" in response.context["form"].errors
    assert not Opening.objects.exists()


def test_it_refuses_a_referral_type_that_is_no_housing_opening(client, partner, psh):
    client.force_login(partner)
    response = client.post(
        reverse("coordinated_entry:opening_new"),
        {"project": psh.pk, "description": "Unit", "event_type": "2", "household_type": "any", "population": "any"},
    )  # fmt: skip
    assert "event_type" in response.context["form"].errors


def test_it_proposes_the_best_ranked_eligible_people_and_audits_whom_it_showed(
    client, owner, client_record, project, opening
):
    other = factories.ClientFactory(
        first_name="Zed", last_name="Quinn", owner_organization=project.organization
    )
    factories.EnrollmentFactory(client=other, project=project)
    place_on_queue(owner, client_record, yes=1)
    place_on_queue(owner, other, yes=4)
    client.force_login(owner)
    body = client.get(reverse("coordinated_entry:opening", args=[opening.pk])).content.decode()
    assert body.index("Zed Quinn") < body.index("Maria Lopez")
    seen = AuditEvent.objects.get(actor=owner, action="view", object_type="coordinated_entry.opening")
    assert sorted(seen.detail["client_ids"]) == sorted([client_record.pk, other.pk])


def test_it_shows_a_matcher_only_the_people_they_may_see(client, owner, outsider, client_record, opening):
    place_on_queue(owner, client_record)
    client.force_login(outsider)
    body = client.get(reverse("coordinated_entry:opening", args=[opening.pk])).content.decode()
    assert "Maria Lopez" not in body and "Nobody eligible is waiting" in body


def test_it_refers_a_person_as_a_hud_event(client, owner, client_record, opening):
    entry = place_on_queue(owner, client_record)
    client.force_login(owner)
    response = client.post(reverse("coordinated_entry:opening_refer", args=[opening.pk]), {"entry": entry.pk})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert Event.objects.get(pk=referral.event_id).event == 14
    entry.refresh_from_db()
    assert entry.status == "referred"


def test_it_refuses_a_person_who_is_not_eligible_naming_the_person(
    client, owner, partner, client_record, psh
):
    veterans = opening_post(
        actor=partner, project=psh, description="VASH", event_type=17, population=Population.VETERAN
    )
    entry = place_on_queue(owner, client_record)
    client.force_login(owner)
    response = client.post(
        reverse("coordinated_entry:opening_refer", args=[veterans.pk]), {"entry": entry.pk}
    )
    assert response.status_code == 400
    assert "Person: Not eligible: This opening is for veterans." in response.content.decode()
    assert not Referral.objects.exists() and not Event.objects.exists()


def test_it_refuses_a_referral_to_a_closed_opening(client, owner, partner, client_record, opening):
    entry = place_on_queue(owner, client_record)
    client.force_login(partner)
    client.post(reverse("coordinated_entry:opening_close", args=[opening.pk]))
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.CLOSED
    client.force_login(owner)
    response = client.post(reverse("coordinated_entry:opening_refer", args=[opening.pk]), {"entry": entry.pk})
    assert response.status_code == 400
    assert "Opening: This opening is closed." in response.content.decode()
    assert not Referral.objects.exists()


def test_it_refuses_a_person_the_matcher_may_not_see(client, owner, outsider, client_record, opening):
    entry = place_on_queue(owner, client_record)
    client.force_login(outsider)
    response = client.post(reverse("coordinated_entry:opening_refer", args=[opening.pk]), {"entry": entry.pk})
    assert response.status_code == 400
    assert "not waiting on the queue" in response.content.decode()
    assert not Referral.objects.exists()


def test_it_lets_only_the_posting_agency_close_an_opening(client, owner, opening):
    client.force_login(owner)
    assert client.post(reverse("coordinated_entry:opening_close", args=[opening.pk])).status_code == 403
    opening.refresh_from_db()
    assert opening.status == OpeningStatus.OPEN
