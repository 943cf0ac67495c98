"""Refuse web and API input that carries a NUL character, naming where it was.

PostgreSQL cannot store NUL in text (the query fails and the page answers 500) and SQLite stores it
silently, so one check at the door covers every form, search box and API route alike. Uploaded
files are not checked (binary files legitimately contain NUL bytes), nor multipart form fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

NUL = "\x00"


def _json_locations(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if NUL in value:
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in str(key):
                yield f"{path}.{key!r}" if path else repr(key)
            yield from _json_locations(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_locations(item, f"{path}[{index}]")


def nul_location(request: HttpRequest) -> str | None:
    """Where the first NUL is, e.g. "query parameter 'q'", or None when there is none."""
    if NUL in request.path:
        return "the address"
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            return f"query parameter '{key.replace(NUL, '')}'"
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if content_type == "application/json":
            try:
                data = json.loads(request.body or b"null")
            except ValueError:
                return None  # malformed JSON is the API's to answer
            for location in _json_locations(data, ""):
                return f"field '{location.replace(NUL, '')}'"
        elif content_type == "application/x-www-form-urlencoded":
            # Multipart bodies are left to the view: reading them here would fix the upload handlers
            # before the document views install their size limit.
            for key, values in request.POST.lists():
                if NUL in key or any(NUL in v for v in values):
                    return f"field '{key.replace(NUL, '')}'"
    return None


class RejectNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        location = nul_location(request)
        if location is None:
            return self.get_response(request)
        message = f"The {location} contains a NUL character (\\x00), which Hearth cannot store. Remove it and try again."
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
