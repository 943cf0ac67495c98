"""The case file: notes, uploaded files and staff assignment."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hearth.core import clock
from hearth.enrollments import conf, selectors
from hearth.enrollments.models import CaseAssignment, CaseNote, ClientFile, Enrollment
from hearth.enrollments.services.common import (
    audit,
    error,
    require_client_access,
    require_project_access,
    save_plain,
)

# The file types staff may upload, with the bytes each must start with (the extension alone proves
# nothing). Plain text has no signature; it must be UTF-8 without NUL bytes instead.
ALLOWED_UPLOADS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".txt": ("text/plain", ()),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}
IMAGE_TYPES = {"image/png", "image/jpeg"}


def _check_enrollment(client: Any, enrollment: Enrollment | None) -> None:
    if enrollment is not None and enrollment.client_id != client.pk:
        raise error("enrollment", "The enrollment belongs to another client.")


def note_add(
    *,
    actor: Any,
    client: Any,
    body: str,
    enrollment: Enrollment | None = None,
    confidential: bool = False,
    clock_: clock.Clock | None = None,
) -> CaseNote:
    require_client_access(actor, [client.pk])
    _check_enrollment(client, enrollment)
    if enrollment is not None:
        require_project_access(actor, enrollment.project)
    body = body.strip()
    if not body:
        raise error("body", "Write the note.")
    with transaction.atomic():
        note = save_plain(
            CaseNote(
                client=client,
                enrollment=enrollment,
                organization_id=actor.organization_id,
                author=actor,
                created_at=clock.now(clock_),
                body=body,
                confidential=confidential,
            )
        )
        audit(actor, "create", note, client_id=client.pk, enrollment=enrollment.pk if enrollment else None)
    return note


def _check_docx(upload: UploadedFile) -> None:
    """A DOCX is a ZIP holding a Word document part; any other ZIP (or a macro-enabled document
    renamed .docx) is refused. Only the ZIP's directory is read, nothing is decompressed."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise error("file", "The file's content is not a DOCX file.") from None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise error("file", "The file's content is not a DOCX file.")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise error("file", "Documents with macros cannot be uploaded.")


def _sniff(upload: UploadedFile) -> tuple[str, str]:
    """(content type, extension) of an allowed upload, or a ValidationError saying why not."""
    name = upload.name or ""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in ALLOWED_UPLOADS:
        allowed = ", ".join(sorted(e.lstrip(".").upper() for e in ALLOWED_UPLOADS))
        raise error("file", f"Files of this type cannot be uploaded. Allowed: {allowed}.")
    limit = conf.upload_max_bytes()
    if upload.size is None or upload.size > limit:
        raise error("file", f"The file is larger than {limit // (1024 * 1024)} MB.")
    if upload.size == 0:
        raise error("file", "The file is empty.")
    content_type, signatures = ALLOWED_UPLOADS[ext]
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if signatures and not any(head.startswith(s) for s in signatures):
        raise error("file", f"The file's content is not a {ext.lstrip('.').upper()} file.")
    if content_type == "text/plain":
        data = upload.read()
        upload.seek(0)
        if b"\x00" in data:
            raise error("file", "The file's content is not plain text.")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise error("file", "Plain text files must be UTF-8.") from None
    if ext == ".docx":
        _check_docx(upload)
    if content_type in IMAGE_TYPES:
        from PIL import Image

        try:
            with Image.open(io.BytesIO(upload.read())) as image:
                image.verify()
        except Exception:
            raise error("file", "The image is damaged or not an image.") from None
        finally:
            upload.seek(0)
    return content_type, ext


def file_upload(
    *,
    actor: Any,
    client: Any,
    upload: UploadedFile,
    enrollment: Enrollment | None = None,
    description: str = "",
    confidential: bool = False,
    clock_: clock.Clock | None = None,
) -> ClientFile:
    """Keep an uploaded document on the client's record (allow-listed types, size-limited)."""
    require_client_access(actor, [client.pk])
    _check_enrollment(client, enrollment)
    if enrollment is not None:
        require_project_access(actor, enrollment.project)
    content_type, _ext = _sniff(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    original = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:255]
    with transaction.atomic():
        record = ClientFile(
            client=client,
            enrollment=enrollment,
            organization_id=actor.organization_id,
            uploaded_by=actor,
            uploaded_at=clock.now(clock_),
            original_name=original,
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            description=description.strip()[:200],
            confidential=confidential,
        )
        record.file.save("upload", upload, save=False)
        try:
            record.full_clean()
            record.save()
            audit(actor, "create", record, client_id=client.pk, content_type=content_type, size=record.size)
        except Exception:
            record.file.delete(save=False)  # nothing half-written: no stray file on disk
            raise
    return record


def case_assign(
    *, actor: Any, enrollment: Enrollment, staff: Any, clock_: clock.Clock | None = None
) -> list[CaseAssignment]:
    """Make ``staff`` (someone at the program's agency) responsible for the enrollment's household.

    The annual assessment and its due-soon warning belong to the household, so every active member
    is handed over together; otherwise the former worker would keep the warning through a child.
    """
    require_project_access(actor, enrollment.project)
    if staff.organization_id != enrollment.project.organization_id or not staff.is_active:
        raise PermissionDenied("Assign someone who works at this program's agency.")
    moment = clock.now(clock_)
    members = selectors.household_members(enrollment, clock.local_today(clock_))
    chosen = [m.enrollment for m in members if m.active or m.enrollment.pk == enrollment.pk]
    assignments = []
    with transaction.atomic():
        for member in chosen:
            assignment, _ = CaseAssignment.objects.update_or_create(
                enrollment=member, defaults={"staff": staff, "assigned_at": moment}
            )
            audit(actor, "update", member, client_id=member.client_id, assigned_staff=staff.pk)
            assignments.append(assignment)
    return assignments
