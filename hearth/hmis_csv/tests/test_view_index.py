"""The HMIS CSV page: upload an export (HMIS administrators only)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearth.clients.models import Client
from hearth.hmis_csv import runs
from hearth.hmis_csv.models import ImportRun
from hearth.hmis_csv.tests.builders import basic, write_export

pytestmark = pytest.mark.django_db
URL = reverse("hmis_csv:index")


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def test_it_refuses_anyone_but_an_hmis_administrator(client, owner):
    client.force_login(owner)
    assert client.get(URL).status_code == 403
    assert client.post(URL).status_code == 403


def test_it_shows_the_upload_form_and_the_nav_link(client, admin_user):
    client.force_login(admin_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert f'href="{URL}"'.encode() in response.content


def test_it_imports_an_uploaded_zip_in_the_background(
    client, admin_user, tmp_path, django_capture_on_commit_callbacks
):
    target = write_export(tmp_path / "x", basic(), zip_name="export.zip")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {
                "export": SimpleUploadedFile("export.zip", target.read_bytes()),
                "mode": "all_or_nothing",
                "source": "",
            },
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("hmis_csv:run", args=[run.pk])
    assert (run.status, run.committed, run.user) == ("done", True, admin_user)
    assert Client.objects.filter(hud_id="C1").exists()
    # The upload held client data: gone once read; the report stays.
    assert not (runs.run_dir(run) / "upload.zip").exists()
    assert runs.report_path(run).exists()


def test_it_refuses_a_file_that_is_not_a_zip(client, admin_user):
    client.force_login(admin_user)
    response = client.post(URL, {"export": SimpleUploadedFile("x.csv", b"a,b\n"), "mode": "all_or_nothing"})
    assert response.status_code == 200
    assert b"not a .zip" in response.content
    assert not ImportRun.objects.exists()
