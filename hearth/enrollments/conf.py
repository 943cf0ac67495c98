"""Case-management settings, with their defaults (each may be set in hearth.settings / the environment)."""

from __future__ import annotations

from django.conf import settings


def shelter_auto_exit_nights() -> int:
    """Nights without a bed night after which a night-by-night shelter stay ends (CoC default)."""
    return int(getattr(settings, "HEARTH_SHELTER_AUTO_EXIT_NIGHTS", 3))


def upload_max_bytes() -> int:
    return int(getattr(settings, "HEARTH_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def annual_due_soon_days() -> int:
    """How long before an annual assessment window opens that assigned staff are warned."""
    return int(getattr(settings, "HEARTH_ANNUAL_DUE_SOON_DAYS", 14))
