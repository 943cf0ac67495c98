"""Search first and duplicate clean-up in Chromium: a case manager on a 390-pixel phone finds a
client by nickname and adds a new one only after seeing the likely match; an HMIS administrator
reviews a pair, merges it and undoes the merge. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.testing import factories
from tests.browser.conftest import DESKTOP, PHONE, no_sideways_scroll, screenshot, sign_in_signing_agreement

PASSWORD = "Hearth-search-2026"


@pytest.fixture
def cast(transactional_db):
    org = factories.OrganizationFactory(organization_name="Eastside Outreach")
    project = factories.ProjectFactory(
        organization=org, project_name="Eastside Street Outreach", project_type=4
    )
    jesus = factories.ClientFactory(
        first_name="Jesús", last_name="Hernández", dob=dt.date(1975, 3, 9), owner_organization=org
    )
    factories.EnrollmentFactory(client=jesus, project=project)
    worker = factories.UserFactory(username="robin", organization=org, role=Role.CASE_MANAGER)
    admin = factories.UserFactory(
        username="hmisadmin", organization=None, role=Role.HMIS_ADMIN, is_staff=True
    )
    for user in (worker, admin):
        user.set_password(PASSWORD)
        user.save()
    return {"jesus": jesus, "worker": worker, "admin": admin, "org": org}


def sign_in(page, base: str, username: str) -> None:
    sign_in_signing_agreement(page, base, username, PASSWORD)


@pytest.mark.browser
def test_it_searches_and_adds_a_client_on_a_phone(live_server, chromium, cast):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(45_000)
    sign_in(page, live_server.url, "robin")

    page.goto(f"{live_server.url}/clients/")
    page.get_by_label("Search", exact=True).fill("Chuy Hernandez 03/09/1975")
    page.get_by_role("button", name="Search", exact=True).click()
    result = page.get_by_role("link", name=re.compile("Hernández, Jesús"))
    result.wait_for()
    assert "/clients/?" not in page.url and "Chuy" not in page.url  # nothing identifying in the URL
    reasons = page.get_by_role("list", name="Why it matched")
    assert "nickname" in reasons.inner_text()
    no_sideways_scroll(page)
    screenshot(page, "clients-phone-search")

    # Adding him again shows the existing record before anything is saved.
    page.goto(f"{live_server.url}/clients/new/")
    page.get_by_label("First name").fill("Chuy")
    page.get_by_label("Last name").fill("Hernandez")
    page.locator('input[name="dob"]').fill("1975-03-09")
    page.locator('select[name="ssn_quality"]').select_option("99")
    page.get_by_label("Hispanic/Latina/e/o").check()
    page.get_by_role("button", name="Check for existing records").click()
    page.get_by_role("heading", name=re.compile("may be this person")).wait_for()
    assert page.get_by_role("link", name=re.compile("Hernández, Jesús")).is_visible()
    no_sideways_scroll(page)
    screenshot(page, "clients-phone-new-check")

    # A different person: confirmed after the check, then saved.
    page.get_by_label("First name").fill("Maribel")
    page.get_by_label("Last name").fill("Quintero")
    page.locator('input[name="dob"]').fill("1988-11-02")
    page.get_by_role("button", name="Check again").click()
    page.get_by_role("heading", name="No existing record matched").wait_for()
    page.get_by_role("button", name="Create the record").click()
    page.wait_for_url(re.compile(r"/clients/\d+/$"))
    page.get_by_role("heading", name="Quintero, Maribel").wait_for()
    no_sideways_scroll(page)
    screenshot(page, "clients-phone-profile")
    context.close()


@pytest.mark.browser
def test_it_merges_a_pair_and_undoes_it(live_server, chromium, cast):
    from hearth.clients.models import Client, DuplicatePair

    jesus = cast["jesus"]
    chuy = factories.ClientFactory(
        first_name="Chuy", last_name="Hernandez", dob=dt.date(1975, 3, 9), ssn="123456789", ssn_data_quality=1
    )
    a, b = sorted((jesus, chuy), key=lambda c: c.pk)
    pair = DuplicatePair.objects.create(
        client_a=a,
        client_b=b,
        match_probability=0.996,
        evidence={"dob": "date of birth matches"},
        found_at=timezone.now(),
    )
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(45_000)
    sign_in(page, live_server.url, "hmisadmin")

    page.goto(f"{live_server.url}/clients/duplicates/")
    page.get_by_role("link", name=f"Review pair {pair.pk}").click()
    page.get_by_text("suggested dominant").first.wait_for()
    page.locator(f"#dominant-{jesus.pk}").check()
    page.get_by_role("button", name="Preview the merge").click()
    page.get_by_role("heading", name="Profile, field by field").wait_for()
    screenshot(page, "clients-merge-preview")
    page.get_by_role("button", name="Merge the records").click()
    page.wait_for_url(re.compile(rf"/clients/{jesus.pk}/$"))
    assert Client.all_objects.get(pk=chuy.pk).merged_into_id == jesus.pk

    page.goto(f"{live_server.url}/clients/merges/")
    page.get_by_role("link", name=re.compile(r"#\d+")).first.click()
    page.get_by_role("button", name="Undo this merge").click()
    page.wait_for_url(re.compile(rf"/clients/{jesus.pk}/$"))
    assert Client.objects.filter(pk=chuy.pk).exists()
    context.close()
