"""The System Performance Measures in Chromium: a report analyst asks for the CoC's SPM, reads each
measure against the previous year (table and chart), opens the persons behind a figure (only her
agency's are listed) and downloads the report; then reads it on a phone. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hearth.accounts.models import Role
from hearth.testing import factories
from tests.browser.conftest import PHONE, no_sideways_scroll, screenshot, sign_in_signing_agreement

PASSWORD = "Hearth-walk-2026"


@pytest.fixture
def coc(transactional_db, settings):
    # Computed in the request that asks for it: the test database on SQLite is one in-memory file
    # shared by the server's threads, which a background run writing its progress would lock.
    settings.HEARTH_REPORT_RUNNER = "inline"
    from hearth.reports.tests.helpers import enroll, person

    hope = factories.OrganizationFactory(organization_name="Hope Shelter Agency")
    other = factories.OrganizationFactory(organization_name="Harbor Agency")
    shelter = factories.ProjectFactory(organization=hope, project_name="Hope Night Shelter", project_type=0)
    harbor = factories.ProjectFactory(organization=other, project_name="Harbor TH", project_type=2)
    for project in (shelter, harbor):
        factories.ProjectCoCFactory(project=project, coc_code="CA-600")
    for i, (entry, leave) in enumerate(
        (
            (dt.date(2024, 2, 1), None),
            (dt.date(2024, 3, 1), dt.date(2024, 5, 1)),
            (dt.date(2023, 3, 1), dt.date(2023, 6, 1)),
        )
    ):
        client = person(
            dt.date(1980 + i, 1, 1), owner_organization=hope, first_name=f"Hope{i}", last_name="Guest"
        )
        enroll(client, shelter, entry, household=f"H{i}", exit_on=leave)
    enroll(
        person(dt.date(1990, 1, 1), owner_organization=other, first_name="Harbor", last_name="Resident"),
        harbor,
        dt.date(2024, 6, 1),
        household="T0",
    )
    analyst = factories.UserFactory(username="rita", organization=hope, role=Role.REPORT_ANALYST)
    analyst.set_password(PASSWORD)
    analyst.save()
    return analyst


@pytest.mark.browser
def test_it_walks_request_read_compare_drill_and_download(live_server, chromium, coc):
    base = live_server.url
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    sign_in_signing_agreement(page, base, "rita", PASSWORD)
    page.goto(f"{base}/reports/")
    page.get_by_role("link", name="System Performance Measures (SPM)").click()
    assert page.locator('select[name="projects"]').count() == 0  # the whole CoC, no choice
    page.get_by_label("Start date").fill("2024-01-01")
    page.get_by_label("End date").fill("2024-12-31")
    page.get_by_label("Continuum of Care").select_option("CA-600")
    screenshot(page, "spm-01-request")
    page.get_by_role("button", name="Run the report").click()
    page.get_by_role("heading", name=re.compile("^3.2: Sheltered persons")).wait_for(timeout=60_000)
    row = page.locator("#t-3\\.2 tbody tr").first
    assert row.locator("td").all_inner_texts() == ["1", "3", "2"]  # previous, current, difference
    chart = page.locator('#t-3\\.2 img[src$="/charts/3.2.svg"]')
    assert "Previous FY: Unduplicated total sheltered homeless persons 1" in (
        chart.get_attribute("alt") or ""
    )
    chart.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
    screenshot(page, "spm-02-measures")

    # The persons behind the current year's count: Rita's agency's two, the other counted only.
    row.locator("td a").first.click()
    page.get_by_text("3 clients behind this figure; 1 of them is not shown").wait_for()
    assert page.locator("tbody tr").count() == 2
    assert "Harbor" not in page.content()
    screenshot(page, "spm-03-drilldown")

    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("All tables as CSV files")).click()
    assert download.value.suggested_filename.startswith("spm-2024-01-01-2024-12-31-run")

    phone = chromium.new_context(viewport=PHONE).new_page()
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    phone.get_by_role("heading", name=re.compile("^1a: Length of time")).wait_for()
    no_sideways_scroll(phone)
    screenshot(phone, "spm-04-phone")
    # The pages' charts are images the server draws from the database: let every request finish
    # before the test's database is torn down (SQLite locks a table a request is still reading).
    for each in (page, phone):
        each.wait_for_load_state("networkidle")
        each.context.close()
