"""Files uploaded to a client's record, kept under MEDIA_ROOT (outside the web root) and served only
by a view that checks the reader's access first."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models


def client_file_storage() -> Storage:
    # Without a location the storage follows settings.MEDIA_ROOT, even when a test changes it.
    # MEDIA_ROOT is outside the web root and no URL serves it: the download view does.
    return FileSystemStorage()


def stored_name(instance: Any, filename: str) -> str:
    # A random name: the original file name may identify the client and never reaches the disk.
    token = uuid.uuid4().hex
    return f"client-files/{token[:2]}/{token}"


class ClientFile(models.Model):
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="files")
    enrollment = models.ForeignKey(
        "enrollments.Enrollment", on_delete=models.PROTECT, null=True, blank=True, related_name="files"
    )
    organization = models.ForeignKey(
        "projects.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    file = models.FileField(storage=client_file_storage, upload_to=stored_name, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(max_length=200, blank=True)
    confidential = models.BooleanField(
        default=False, help_text="Only staff of the uploading agency (and HMIS administrators) may open it."
    )

    class Meta:
        db_table = "enrollments_client_file"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"File {self.pk}"
