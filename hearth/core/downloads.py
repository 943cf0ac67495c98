"""Serving uploaded files so that none of them can ever render as a page.

An upload is whatever bytes someone sent: an HTML or SVG file served inline from our origin would
run its script with the signed-in user's session. So every uploaded file goes out as an attachment,
with a content type we choose (never the upload's claimed one), ``nosniff`` so the browser does not
guess a different one, and a sandboxing Content-Security-Policy in case it is opened anyway.
"""

from __future__ import annotations

import re
import unicodedata
from typing import IO

from django.http import FileResponse, HttpResponseBase

# Types a browser shows without running anything from the file; all else is plain bytes to save.
SAFE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
FALLBACK_TYPE = "application/octet-stream"
# Opened directly, the file gets a unique opaque origin and may load nothing.
DOWNLOAD_CSP = "default-src 'none'; sandbox"
FILENAME_MAX = 150


def safe_content_type(claimed: str | None) -> str:
    base = (claimed or "").split(";", 1)[0].strip().lower()
    return base if base in SAFE_TYPES else FALLBACK_TYPE


def safe_filename(name: str | None, *, default: str = "download") -> str:
    """The last path part of ``name``, without control characters, quotes or separators."""
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    text = re.sub(r'["\';:<>|*?]', "_", text).strip(" .")
    if not text:
        return default
    if len(text) > FILENAME_MAX:
        stem, dot, ext = text.rpartition(".")
        text = (
            (stem[: FILENAME_MAX - len(ext) - 1] + dot + ext)
            if dot and len(ext) <= 10
            else text[:FILENAME_MAX]
        )
    return text


def harden_download(response: HttpResponseBase) -> HttpResponseBase:
    """The headers every served upload carries, whatever else the view set."""
    response["X-Content-Type-Options"] = "nosniff"
    # CSPMiddleware leaves an existing header alone, so this replaces the page policy here.
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response


def upload_response(handle: IO[bytes], *, filename: str | None, claimed_type: str | None) -> FileResponse:
    """A stored upload as an attachment with a safe name and type."""
    response = FileResponse(
        handle,
        content_type=safe_content_type(claimed_type),
        as_attachment=True,
        filename=safe_filename(filename),
    )
    harden_download(response)
    return response
