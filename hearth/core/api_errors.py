"""The error bodies every API operation may answer with, so the OpenAPI schema documents them.

django-ninja answers a refused sign-in (401), a failed CSRF check (403) and a malformed body
(422) itself, and the views raise ``HttpError`` (400) for input they cannot read; each of these
is ``{"detail": ...}``. Listing them in each operation's ``response`` keeps the schema true to
what clients actually receive.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorMessage(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: list[dict[str, Any]]


ERROR_RESPONSES: dict[int, type[Schema]] = {
    400: ErrorMessage,
    401: ErrorMessage,
    403: ErrorMessage,
    422: ValidationErrors,
}
