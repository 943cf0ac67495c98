"""Program settings: exit steps and the night-by-night automatic exit."""

from django.urls import reverse

from hearth.accounts.models import Role
from hearth.enrollments.models import ExitStep, ProgramSettings
from hearth.testing import factories


def test_it_lets_an_agency_administrator_configure_their_program(client, owner_agency, shelter):
    admin = factories.UserFactory(organization=owner_agency, role=Role.AGENCY_ADMIN)
    client.force_login(admin)
    url = reverse("enrollments:program_settings", args=[shelter.pk])
    client.post(url, {"action": "add_step", "text": "Return the locker key"})
    token = client.get(url).context["edit_token"]
    client.post(url, {"action": "settings", "shelter_auto_exit_nights": "5", "edit_token": token})
    assert list(ExitStep.objects.values_list("text", flat=True)) == ["Return the locker key"]
    assert ProgramSettings.objects.get(project=shelter).shelter_auto_exit_nights == 5
    step = ExitStep.objects.get()
    client.post(url, {"action": "remove_step", "step": step.pk})
    assert not ExitStep.objects.get().active


def test_it_refuses_settings_saved_from_a_stale_form(client, owner_agency, shelter):
    admin = factories.UserFactory(organization=owner_agency, role=Role.AGENCY_ADMIN)
    client.force_login(admin)
    url = reverse("enrollments:program_settings", args=[shelter.pk])
    stale = client.get(url).context["edit_token"]
    fresh = client.get(url).context["edit_token"]
    client.post(url, {"action": "settings", "shelter_auto_exit_nights": "5", "edit_token": fresh})

    refused = client.post(url, {"action": "settings", "shelter_auto_exit_nights": "9", "edit_token": stale})
    unsigned = client.post(url, {"action": "settings", "shelter_auto_exit_nights": "9"})

    assert refused.status_code == unsigned.status_code == 409
    assert "someone else changed this program&#x27;s settings" in refused.content.decode()
    assert ProgramSettings.objects.get(project=shelter).shelter_auto_exit_nights == 5


def test_it_refuses_case_managers_and_other_agencies(client, owner, partner, shelter):
    from hearth.accounts.models import Role as R

    partner.role = R.AGENCY_ADMIN
    partner.save()
    url = reverse("enrollments:program_settings", args=[shelter.pk])
    client.force_login(owner)
    assert client.get(url).status_code == 403
    client.force_login(partner)
    assert client.get(url).status_code == 404
