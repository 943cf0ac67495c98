"""Shared steps for the accounts and support tests."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from hearth.accounts.models import AgreementSignature, User
from hearth.accounts.services.agreement import current_agreement
from hearth.core import clock
from hearth.testing.factories import DEFAULT_PASSWORD

IP = "203.0.113.7"


def sign_agreement(user: User) -> None:
    agreement = current_agreement()
    assert agreement is not None
    AgreementSignature.objects.create(user=user, agreement=agreement, signed_at=clock.now())


def sign_in(client: Any, username: str, password: str = DEFAULT_PASSWORD, ip: str = IP, **extra: Any) -> Any:
    return client.post(
        "/accounts/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def links_in_last_email(to: str | None = None) -> list[str]:
    messages = [m for m in mail.outbox if to is None or to in m.to]
    assert messages, "no email was sent"
    return re.findall(r"https?://\S+", str(messages[-1].body))


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)
