"""The upload size limit, applied while the request is read.

The services refuse an oversized file too, but only once Django has received all of it. This
handler stops keeping a file as soon as it passes the limit, so an oversized upload never fills
the disk or memory; the view then shows the same message the service would.

Views use it with Django's pattern for changing upload handlers: ``csrf_exempt`` on the outer view
that inserts the handler, ``csrf_protect`` on the inner one (the CSRF check reads the body).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from hearth.enrollments import conf

TOO_LARGE_FLAG = "hearth_upload_too_large"


def too_large_message() -> str:
    return f"The file is larger than {conf.upload_max_bytes() // (1024 * 1024)} MB."


class SizeLimitedUploadHandler(FileUploadHandler):
    """Drops a file (and flags the request) once it passes ``limit`` bytes; passes smaller ones on."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            setattr(self.request, TOO_LARGE_FLAG, True)
            raise SkipFile  # Django reads the rest of this file and throws it away
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file


def limit_upload_size(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate a view that receives client documents: the size limit applies while reading."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limiter = SizeLimitedUploadHandler(request, conf.upload_max_bytes())
        request.upload_handlers = [limiter, *request.upload_handlers]
        return protected(request, *args, **kwargs)

    return wrapper


def refuse_if_too_large(request: HttpRequest, form: forms.Form, field: str) -> bool:
    """True (with the size message on ``field``) when the handler dropped an oversized file.

    The form must not be saved then: an optional file left out would otherwise pass unnoticed.
    """
    if not getattr(request, TOO_LARGE_FLAG, False):
        return False
    form.is_valid()  # fill form.errors, then say why the file is missing
    form.errors[field] = form.error_class([too_large_message()])
    return True
