"""Where the sign-in messages and emails send people for help."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

SIGN_IN_HELP_SLUG = "sign-in-problems"


def help_url(anchor: str = "") -> str:
    url = reverse("support:help_article", args=[SIGN_IN_HELP_SLUG])
    return f"{url}#{anchor}" if anchor else url


def new_ticket_url(category: str) -> str:
    return f"{reverse('support:ticket_new')}?category={category}"


def absolute(path: str, base_url: str | None = None) -> str:
    """An absolute link for an email: the request's site, else HEARTH_BASE_URL."""
    base = (base_url or settings.HEARTH_BASE_URL).rstrip("/")
    return f"{base}{path}"
