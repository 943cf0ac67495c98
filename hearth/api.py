"""Hearth's JSON API (OpenAPI schema at /api/openapi.json, docs at /api/docs).

Every endpoint needs a signed-in session (the same rules as the web pages); each app adds its
routers here.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

api = NinjaAPI(title="Hearth HMIS API", version="1", auth=django_auth, urls_namespace="api")


class Me(Schema):
    username: str
    role: str
    organization: str | None


@api.get("/me", response=Me, summary="The signed-in user")
def me(request: HttpRequest) -> Any:
    user: Any = request.user
    return {
        "username": user.username,
        "role": user.role,
        "organization": str(user.organization) if user.organization_id else None,
    }


from hearth.clients.api import router as clients_router  # noqa: E402
from hearth.coordinated_entry.api import router as ce_router  # noqa: E402

api.add_router("/clients", clients_router)
api.add_router("/ce", ce_router)
