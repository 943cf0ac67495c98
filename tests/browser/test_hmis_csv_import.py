"""In Chromium on a 390-pixel phone: an HMIS administrator uploads an export with an error,
chooses to quarantine, reads the result page, and downloads an export. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from hearth.accounts.models import Role
from hearth.hmis_csv.tests.builders import basic, row, write_export
from hearth.testing import factories
from tests.browser.conftest import PHONE, no_sideways_scroll, screenshot, sign_in_signing_agreement

PASSWORD = "Hearth-csv-2026"


@pytest.fixture(autouse=True)
def _hmis_csv_dir(settings, tmp_path):
    """The import runs in the server's own process (a separate worker could not see the test
    database) and writes its report to a temporary folder, never var/."""
    settings.HMIS_CSV_DIR = tmp_path / "hmis_csv"
    settings.HMIS_CSV_RUNNER = "inline"


@pytest.fixture
def admin(transactional_db):
    user = factories.UserFactory(username="csvadmin", organization=None, role=Role.HMIS_ADMIN, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


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
    sign_in_signing_agreement(page, live_server.url, "csvadmin", PASSWORD)

    page.get_by_role("link", name="HMIS CSV").click()
    page.get_by_label("HMIS CSV export (.zip)").set_input_files(str(upload))
    page.get_by_label("Load the valid records and quarantine the rest").check()
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Records per file").wait_for()
    assert "Loaded: 8 new" in page.get_by_role("status").first.inner_text()
    report = page.get_by_role("table").last.inner_text()
    assert "VeteranStatus" in report and "quarantined" in report
    no_sideways_scroll(page)
    screenshot(page, "hmis-csv-phone-import")

    page.goto(f"{live_server.url}/hmis-csv/export/")
    page.get_by_label("Start date").fill("2023-10-01")
    page.get_by_label("End date").fill("2024-09-30")
    no_sideways_scroll(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export").click()
    assert download.value.suggested_filename.startswith("hmis-csv-20231001-20240930-")
    context.close()
