"""An uploaded HTML or SVG never renders: every served upload is an inert attachment."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearth.enrollments.models import ClientFile
from hearth.enrollments.services import file_upload
from hearth.enrollments.tests.conftest import enroll

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def head(owner, project, family, frozen):
    return enroll(owner, project, dt.date(2025, 6, 1), family[0])[0]


def _stored(owner, head, name, content, claimed_type):
    """A stored file with a hostile name and claimed type, as a file from an older system would be."""
    record = file_upload(
        actor=owner, client=head.client, enrollment=head, upload=SimpleUploadedFile("upload.txt", content)
    )
    ClientFile.objects.filter(pk=record.pk).update(original_name=name, content_type=claimed_type)
    return record


def _assert_inert(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/octet-stream"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy


@pytest.mark.parametrize(("name", "content"), [("page.html", HTML), ("drawing.svg", SVG)])
def test_it_refuses_an_html_or_svg_upload(client, owner, head, name, content):
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:files", args=[head.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert "cannot be uploaded" in response.content.decode()
    assert not ClientFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "claimed"),
    [
        ("page.html", HTML, "text/html"),
        ("drawing.svg", SVG, "image/svg+xml"),
        ("notes.txt", HTML, "text/plain"),
    ],
)
def test_it_serves_a_stored_markup_file_as_an_inert_attachment(client, owner, head, name, content, claimed):
    record = _stored(owner, head, name, content, claimed)
    client.force_login(owner)
    response = client.get(reverse("enrollments:file_download", args=[record.pk]))
    _assert_inert(response)
    assert f'filename="{name}"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == content


def test_it_strips_path_parts_and_quotes_from_the_download_name(client, owner, head):
    record = _stored(owner, head, '../../x"\r\nSet-Cookie: a=b.html', HTML, "text/html")
    client.force_login(owner)
    response = client.get(reverse("enrollments:file_download", args=[record.pk]))
    _assert_inert(response)
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and ".." not in disposition
    assert disposition == 'attachment; filename="x_Set-Cookie_ a=b.html"'


def test_it_keeps_the_type_of_a_pdf_but_still_sends_it_as_an_attachment(client, owner, head):
    record = file_upload(
        actor=owner, client=head.client, enrollment=head, upload=SimpleUploadedFile("scan.pdf", PDF)
    )
    client.force_login(owner)
    response = client.get(reverse("enrollments:file_download", args=[record.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="scan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
