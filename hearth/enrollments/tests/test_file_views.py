"""Files: allow-listed types, a size limit, stored outside the web root, served after a check."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearth.enrollments.models import ClientFile
from hearth.enrollments.services import RoiInput, file_upload, roi_create
from hearth.enrollments.tests.conftest import enroll

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def head(owner, project, family, frozen):
    return enroll(owner, project, dt.date(2025, 6, 1), family[0])[0]


def _upload(client, enrollment, name, content, **extra):
    return client.post(
        reverse("enrollments:files", args=[enrollment.pk]),
        {"file": SimpleUploadedFile(name, content), "description": "ID card", **extra},
    )


def test_it_stores_an_allowed_file_under_media_root_with_a_random_name(client, owner, head, media):
    client.force_login(owner)
    response = _upload(client, head, "Ana_Reyes_ID.pdf", PDF)
    assert response.status_code == 302
    record = ClientFile.objects.get()
    assert record.original_name == "Ana_Reyes_ID.pdf"
    assert record.content_type == "application/pdf"
    path = Path(record.file.path)
    assert path.is_relative_to(media)
    assert "Ana" not in str(path) and path.read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ...", "cannot be uploaded"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a PDF"),
        ("picture.png", b"\x89PNG\r\n\x1a\nbroken", "damaged"),
        ("notes.txt", b"\xff\xfe\x00bad", "plain text"),
    ],
)
def test_it_refuses_files_outside_the_allow_list(client, owner, head, name, content, message):
    client.force_login(owner)
    response = _upload(client, head, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ClientFile.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(client, owner, head, settings):
    settings.HEARTH_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(owner)
    response = _upload(client, head, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert "larger than 1 MB" in response.content.decode()
    assert not ClientFile.objects.exists()


def test_it_accepts_a_real_image(client, owner, head):
    client.force_login(owner)
    assert _upload(client, head, "photo.png", png_bytes()).status_code == 302


def test_it_serves_the_file_to_the_owner_as_an_attachment(client, owner, head):
    record = file_upload(
        actor=owner, client=head.client, enrollment=head, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    client.force_login(owner)
    response = client.get(reverse("enrollments:file_download", args=[record.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "private, no-store"


def test_it_never_serves_a_file_to_an_agency_without_access(client, owner, partner, outsider, head):
    record = file_upload(
        actor=owner, client=head.client, enrollment=head, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    for user in (partner, outsider):
        client.force_login(user)
        assert client.get(reverse("enrollments:file_download", args=[record.pk])).status_code == 404


def test_it_keeps_confidential_files_within_the_uploading_agency(
    client, owner, partner, partner_agency, head
):
    roi_create(
        actor=owner,
        client=head.client,
        data=RoiInput(
            permission=True,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 1, 1),
            documentation="signed_paper",
            organizations=[partner_agency],
        ),
    )
    open_file = file_upload(actor=owner, client=head.client, upload=SimpleUploadedFile("open.pdf", PDF))
    secret = file_upload(
        actor=owner, client=head.client, upload=SimpleUploadedFile("secret.pdf", PDF), confidential=True
    )
    client.force_login(partner)
    assert client.get(reverse("enrollments:file_download", args=[open_file.pk])).status_code == 200
    assert client.get(reverse("enrollments:file_download", args=[secret.pk])).status_code == 404


def test_it_has_no_public_url_for_media(client):
    assert client.get("/files/client-files/anything").status_code in (302, 404)
