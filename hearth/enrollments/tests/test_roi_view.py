"""Recording and revoking a release of information from the client record."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearth.clients.access import clients_for_user
from hearth.enrollments.models import ClientFile, ReleaseOfInformation


def test_it_records_a_paper_release_with_its_scan(
    client, owner, partner, partner_agency, client_record, frozen, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:roi_new", args=[client_record.pk]),
        {
            "permission": "1",
            "organizations": [partner_agency.pk],
            "start_date": "2025-06-16",
            "end_date": "2026-06-15",
            "documentation": "signed_paper",
            "document": SimpleUploadedFile("release.pdf", b"%PDF-1.4 signed"),
        },
    )
    assert response.status_code == 302
    roi = ReleaseOfInformation.objects.get()
    assert roi.file == ClientFile.objects.get()
    assert clients_for_user(partner).filter(pk=client_record.pk).exists()
    client.post(reverse("enrollments:roi_revoke", args=[client_record.pk, roi.pk]))
    assert not clients_for_user(partner).filter(pk=client_record.pk).exists()


def test_it_refuses_an_end_before_the_start(client, owner, partner_agency, client_record, frozen):
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:roi_new", args=[client_record.pk]),
        {
            "permission": "1",
            "organizations": [partner_agency.pk],
            "start_date": "2025-06-16",
            "end_date": "2025-06-01",
            "documentation": "verbal",
        },
    )
    assert "The end date is before the start date." in response.content.decode()
    assert not ReleaseOfInformation.objects.exists()


def test_it_keeps_no_upload_when_the_release_is_refused(
    client, owner, client_record, frozen, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(owner)
    client.post(
        reverse("enrollments:roi_new", args=[client_record.pk]),
        {
            "permission": "1",
            "start_date": "2025-06-16",
            "end_date": "2026-06-15",
            "documentation": "signed_paper",
            "document": SimpleUploadedFile("release.pdf", b"%PDF-1.4 signed"),
        },
    )
    assert not ReleaseOfInformation.objects.exists()
    assert not ClientFile.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_it_records_no_release_when_its_scan_is_too_large(
    client, owner, partner_agency, client_record, frozen, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.HEARTH_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(owner)
    response = client.post(
        reverse("enrollments:roi_new", args=[client_record.pk]),
        {
            "permission": "1",
            "organizations": [partner_agency.pk],
            "start_date": "2025-06-16",
            "end_date": "2026-06-15",
            "documentation": "signed_paper",
            "document": SimpleUploadedFile("release.pdf", b"%PDF-1.4 " + b"0" * (2 * 1024 * 1024)),
        },
    )
    # The optional scan was dropped as it arrived; the release is not saved without it.
    assert response.status_code == 200
    assert "larger than 1 MB" in response.content.decode()
    assert not ReleaseOfInformation.objects.exists()
    assert not ClientFile.objects.exists()


def test_it_lets_only_a_visible_clients_agency_record_releases(client, outsider, client_record):
    client.force_login(outsider)
    assert client.get(reverse("enrollments:roi_new", args=[client_record.pk])).status_code == 404
