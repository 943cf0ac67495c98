"""The client's IP address, for the audit trail and the per-IP rate limit."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address the trusted proxies saw (HEARTH_TRUSTED_PROXY_COUNT of them).

    X-Forwarded-For is only believed as far as the number of proxies the deployment says it runs;
    otherwise a client could name any address and dodge the per-IP limit.
    """
    proxies = int(getattr(settings, "HEARTH_TRUSTED_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
