"""Coordinated entry in Chromium: an outreach worker assesses two people on a phone and sees them
placed on the community queue; the housing program posts an opening; the matcher refers the
best-ranked person; the program declines (first without a reason, which is refused) and the person
is back on the queue; the next person is referred and accepted, and the program lands on the new
enrollment's project start. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hearth.accounts.models import Role
from hearth.testing import factories
from tests.browser.conftest import DESKTOP, PHONE, no_sideways_scroll, screenshot, sign_in_signing_agreement

PASSWORD = "Hearth-walk-2026"


@pytest.fixture
def coc(transactional_db):
    from hearth.coordinated_entry.tests.helpers import ensure_questionnaire
    from hearth.enrollments.services.consent import RoiInput, roi_create

    ensure_questionnaire()
    access = factories.OrganizationFactory(organization_name="Downtown Access Center")
    ce = factories.ProjectFactory(
        organization=access, project_name="Downtown CES Access Point", project_type=14
    )
    homes = factories.OrganizationFactory(organization_name="Home Partners")
    psh = factories.ProjectFactory(organization=homes, project_name="Home Partners PSH", project_type=3)
    for project in (ce, psh):
        factories.ProjectCoCFactory(project=project, coc_code="CA-600")
    users = {}
    for username, org in (("olive", access), ("hank", homes)):
        user = factories.UserFactory(username=username, organization=org, role=Role.CASE_MANAGER)
        user.set_password(PASSWORD)
        user.save()
        users[username] = user
    today = dt.date.today()
    people = {}
    for first, last in (("Ana", "Reyes"), ("Ben", "Okafor")):
        client = factories.ClientFactory(first_name=first, last_name=last, owner_organization=access)
        enrollment = factories.EnrollmentFactory(
            client=client, project=ce, entry_date=today - dt.timedelta(days=20)
        )
        people[first] = (client, enrollment)
    # Ben agreed to share his record with the housing programs; Ana did not.
    roi_create(
        actor=users["olive"], client=people["Ben"][0],
        data=RoiInput(permission=True, start_date=today, end_date=today + dt.timedelta(days=365),
                      documentation="verbal", coc_code="", organizations=[homes]),
    )  # fmt: skip
    return {"users": users, "people": people, "psh": psh}


def shot(page, name: str) -> None:
    screenshot(page, f"coordinated-entry-{name}")


def assess(page, base: str, enrollment_id: int, location: str, yes: int) -> None:
    page.goto(f"{base}/enrollments/{enrollment_id}/")
    page.get_by_role("link", name="Coordinated entry").click()
    page.get_by_label(re.compile("Assessment location")).fill(location)
    boxes = page.locator('input[type="checkbox"][name^="q_"]')
    for i in range(yes):
        boxes.nth(i).check()
    page.get_by_role("button", name="Save assessment").click()
    page.get_by_text("Assessment saved and placed on the community queue.").wait_for()


@pytest.mark.browser
def test_it_walks_assess_queue_open_refer_decline_refer_accept(live_server, chromium, coc):
    from hearth.coordinated_entry.models import QueueEntry, Referral
    from hearth.enrollments.models import Enrollment, Event

    base = live_server.url
    phone = chromium.new_context(viewport=PHONE).new_page()
    desktop = chromium.new_context(viewport=DESKTOP).new_page()
    for page in (phone, desktop):
        page.set_default_timeout(30_000)

    # The outreach worker assesses both people in the street, on a phone.
    sign_in_signing_agreement(phone, base, "olive", PASSWORD)
    assess(phone, base, coc["people"]["Ana"][1].pk, "5th and Main", yes=5)
    assess(phone, base, coc["people"]["Ben"][1].pk, "Pershing Square", yes=2)
    rows = phone.locator("table tbody tr")
    assert "Ana Reyes" in rows.nth(0).inner_text() and "Ben Okafor" in rows.nth(1).inner_text()
    no_sideways_scroll(phone)
    shot(phone, "01-queue-phone")

    # The housing program posts an opening.
    sign_in_signing_agreement(desktop, base, "hank", PASSWORD)
    desktop.goto(f"{base}/coordinated-entry/openings/")
    desktop.get_by_role("link", name="Post an opening").click()
    desktop.get_by_label("Program").select_option(label="Home Partners PSH")
    desktop.get_by_label("Unit or voucher").fill("Unit 4B, one bedroom")
    desktop.get_by_label(re.compile("Kind of opening")).select_option(
        label="Referral to PSH project resource opening"
    )
    shot(desktop, "02-post-opening")
    desktop.get_by_role("button", name="Post opening").click()
    desktop.get_by_role("heading", name=re.compile("Unit 4B")).wait_for()
    opening_url = desktop.url
    # Hank's agency may not see the people on the queue: none is proposed to him.
    assert "Ana Reyes" not in desktop.content()

    # The matcher refers the best-ranked person.
    phone.goto(opening_url)
    shot(phone, "03-proposals-phone")
    phone.get_by_role("button", name="Refer Ana Reyes").click()
    phone.get_by_text("Referral sent to the program.").wait_for()

    # The program declines: without a reason it is refused, then with HUD's reason.
    desktop.goto(f"{base}/coordinated-entry/referrals/")
    shot(desktop, "04-referral-inbox")
    desktop.get_by_role("link", name=re.compile("not shared with your agency")).click()
    desktop.get_by_role("button", name="Decline").click()
    desktop.get_by_text("Choose the HUD reason for declining.").first.wait_for()
    shot(desktop, "05-decline-needs-a-reason")
    desktop.get_by_label("Unsuccessful referral: provider rejected").check()
    desktop.get_by_role("button", name="Decline").click()
    desktop.get_by_text("Referral declined. The person is back on the community queue.").wait_for()
    assert QueueEntry.objects.get(client=coc["people"]["Ana"][0]).status == "waiting"

    # The next person is referred and accepted; the program lands on the project start.
    phone.goto(opening_url)
    ben_row = phone.get_by_role("row", name=re.compile("Ben Okafor"))
    ben_row.get_by_text("Add a note").click()
    ben_row.get_by_label("Note to the receiving program").fill(
        "Uses a wheelchair: needs a ground-floor unit."
    )
    phone.get_by_role("button", name="Refer Ben Okafor").click()
    phone.get_by_text("Referral sent to the program.").wait_for()
    desktop.goto(f"{base}/coordinated-entry/referrals/")
    desktop.get_by_role("link", name="Ben Okafor").click()
    # Ben's record is shared with the program, so the matcher's note is shown with it.
    desktop.get_by_text("Uses a wheelchair: needs a ground-floor unit.").wait_for()
    shot(desktop, "06-referral")
    desktop.get_by_role("button", name="Accept and enroll").click()
    desktop.get_by_text("Referral accepted and the person enrolled.").wait_for()
    assert re.search(r"/enrollments/\d+/assessments/start/$", desktop.url)
    shot(desktop, "07-enrolled-project-start")

    ben, ana = coc["people"]["Ben"][0], coc["people"]["Ana"][0]
    assert Enrollment.objects.filter(client=ben, project=coc["psh"]).exists()
    results = sorted(Event.objects.filter(event=14).values_list("client_id", "referral_result"))
    assert results == sorted([(ana.pk, 3), (ben.pk, 1)])
    assert Referral.objects.filter(status="accepted").count() == 1
    assert QueueEntry.objects.get(client=ben).status == "housed"
