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
        ("page.html", b"<html><script>alert(1)</script></html>", "cannot be uploaded"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "cannot be uploaded",
        ),
        ("page.txt", b"<html><script>alert(1)</script></html>", ""),
    ],
)
def test_it_refuses_files_outside_the_allow_list(client, owner, head, name, content, message):
    client.force_login(owner)
    response = _upload(client, head, name, content)
    if not message:  # HTML inside a .txt file is plain text to Hearth: kept, and served as bytes
        assert response.status_code == 302
        served = client.get(reverse("enrollments:file_download", args=[ClientFile.objects.get().pk]))
        assert served["Content-Type"] == "application/octet-stream"
        assert served["X-Content-Type-Options"] == "nosniff"
        assert served["Content-Disposition"].startswith("attachment")
        return
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ClientFile.objects.exists()


def test_it_refuses_a_file_over_the_size_limit(client, owner, head, settings):
    settings.HEARTH_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(owner)
    response = _upload(client, head, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert "larger than 1 MB" in response.content.decode()
    assert not ClientFile.objects.exists()


def test_it_stops_keeping_an_oversized_file_while_it_arrives(
    client, owner, head, settings, media, monkeypatch
):
    from hearth.enrollments import services

    settings.HEARTH_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(owner)
    seen = []
    real = services.file_upload

    def spy(**kwargs):
        seen.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(services, "file_upload", spy)
    response = _upload(client, head, "big.pdf", PDF + b"0" * (3 * 1024 * 1024))
    assert response.status_code == 200
    assert "larger than 1 MB" in response.content.decode()
    assert seen == []  # dropped by the upload handler: the service never received it
    assert not any(p.is_file() for p in Path(media).rglob("*"))


def test_it_still_checks_the_csrf_token_on_uploads(owner, head):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    response = strict.post(
        reverse("enrollments:files", args=[head.pk]), {"file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert response.status_code == 403
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


def test_it_has_no_public_url_for_media(client, owner, head, settings):
    record = file_upload(
        actor=owner, client=head.client, enrollment=head, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    client.force_login(owner)
    # Signed in, so deny-by-default's redirect cannot hide a route that would serve the file.
    for url in (settings.MEDIA_URL + record.file.name, "/" + record.file.name, "/media/" + record.file.name):
        assert client.get(url).status_code == 404


def test_it_keeps_media_outside_the_web_root():
    # The configured values (the autouse fixture points this test run's MEDIA_ROOT elsewhere).
    from hearth import settings as configured

    media = Path(configured.MEDIA_ROOT).resolve()
    for served in [Path(configured.STATIC_ROOT), *map(Path, configured.STATICFILES_DIRS)]:
        served = served.resolve()
        assert not media.is_relative_to(served) and not served.is_relative_to(media)


def docx_bytes(*, macros: bool = False, word: bool = True) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if word:
            archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00")
    return buffer.getvalue()


def test_it_accepts_a_word_document(client, owner, head):
    client.force_login(owner)
    assert _upload(client, head, "lease.docx", docx_bytes()).status_code == 302
    assert ClientFile.objects.get().content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (docx_bytes(word=False), "not a DOCX"),
        (b"PK\x03\x04 not really a zip", "not a DOCX"),
        (docx_bytes(macros=True), "macros"),
    ],
)
def test_it_refuses_a_zip_or_macro_document_named_docx(client, owner, head, content, message):
    client.force_login(owner)
    response = _upload(client, head, "lease.docx", content)
    assert message in response.content.decode()
    assert not ClientFile.objects.exists()


def test_it_never_serves_a_stored_file_as_a_type_the_browser_would_render(client, owner, head):
    record = file_upload(
        actor=owner, client=head.client, enrollment=head, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    # A record changed outside the upload check (an import, the admin) claims an HTML type.
    ClientFile.objects.filter(pk=record.pk).update(content_type="text/html")
    client.force_login(owner)
    response = client.get(reverse("enrollments:file_download", args=[record.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
