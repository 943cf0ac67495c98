"""Helpers the client views share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from hearth.accounts.net import client_ip
from hearth.clients.access import can_edit_clients

__all__ = ["client_ip", "require_editor", "require_hmis_admin"]


def require_editor(request: HttpRequest) -> None:
    if not can_edit_clients(request.user):
        raise PermissionDenied("Your role may not add or change client records.")


def require_hmis_admin(request: HttpRequest) -> None:
    user: Any = request.user
    if not (user.is_authenticated and user.is_hmis_admin):
        raise PermissionDenied("Only HMIS administrators review duplicates and merge records.")
