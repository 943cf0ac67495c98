"""In Chromium on a 390-pixel phone: an HMIS administrator uploads an export with an error,
chooses to quarantine, reads the result page, and downloads an export. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from hearth.accounts.models import Role
from hearth.hmis_csv.tests.builders import basic, row, write_export
from hearth.testing import factories

# Playwright's sync API keeps an event loop running in this thread; the test's own database reads
# are synchronous, which Django would otherwise refuse inside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "Hearth-csv-2026"
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def admin(transactional_db):
    user = factories.UserFactory(username="csvadmin", organization=None, role=Role.HMIS_ADMIN, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(page, base: str) -> None:
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Username").fill("csvadmin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "agreement" in page.url:  # a first sign-in signs the user agreement
        page.locator('form input[type="checkbox"]').check()
        page.get_by_role("button", name=re.compile("Sign the agreement")).click()
        page.wait_for_load_state()


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


@pytest.mark.browser
def test_an_administrator_imports_with_quarantine_and_exports_on_a_phone(
    live_server, chromium, admin, tmp_path
):
    files = basic()
    files["Client"].append(row("Client", PersonalID="C2", VeteranStatus="5"))
    upload = write_export(tmp_path / "x", files, zip_name="export.zip")
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    _sign_in(page, live_server.url)

    page.get_by_role("link", name="HMIS CSV").click()
    page.get_by_label("HMIS CSV export (.zip)").set_input_files(str(upload))
    page.get_by_label("Load the valid records and quarantine the rest").check()
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Records per file").wait_for()
    assert "Loaded: 8 new" in page.get_by_role("status").first.inner_text()
    report = page.get_by_role("table").last.inner_text()
    assert "VeteranStatus" in report and "quarantined" in report
    _no_sideways_scroll(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "hmis-csv-phone-import.png"), full_page=True)

    page.goto(f"{live_server.url}/hmis-csv/export/")
    page.get_by_label("Start date").fill("2023-10-01")
    page.get_by_label("End date").fill("2024-09-30")
    _no_sideways_scroll(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export").click()
    assert download.value.suggested_filename.startswith("hmis-csv-20231001-20240930-")
    context.close()
