"""The export form: a FY2026 zip to download, audited."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.hmis_csv.importer import import_export
from hearth.hmis_csv.tests.builders import basic, write_export
from hearth.hud.spec import FILES

pytestmark = pytest.mark.django_db
URL = reverse("hmis_csv:export")


def test_it_refuses_anyone_but_an_hmis_administrator(client, owner):
    client.force_login(owner)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"start": "2024-01-01", "end": "2024-12-31"}).status_code == 403


def test_it_downloads_a_zip_of_the_24_files_and_audits_it(client, admin_user, tmp_path):
    import_export(write_export(tmp_path / "x", basic()))
    client.force_login(admin_user)
    response = client.post(URL, {"start": "2023-10-01", "end": "2024-09-30", "period_type": "3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(f.filename for f in FILES.values())
    assert b'"C1"' in archive.read("Client.csv")
    event = AuditEvent.objects.get(action="export")
    assert (event.actor, event.ip_address) == (admin_user, "127.0.0.1")


def test_it_says_when_the_end_is_before_the_start(client, admin_user):
    client.force_login(admin_user)
    response = client.post(URL, {"start": "2024-10-01", "end": "2024-09-30", "period_type": "3"})
    assert response.status_code == 200
    assert b"The end date is before the start date." in response.content
    assert not AuditEvent.objects.filter(action="export").exists()
