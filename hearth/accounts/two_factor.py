"""TOTP two-factor sign-in through django-otp's TOTP devices.

A user signs in with a code when they set up an authenticator app themselves, when their role
manages accounts (always), or when an HMIS administrator requires it for their role; the first
sign-in without a device walks them through setting one up.
"""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.models import Role, RolePolicy, User

DEVICE_NAME = "Authenticator app"


# Roles that can open, close, unlock and reset other people's accounts always sign in with a code:
# a stolen password of theirs gives away every account they manage. No policy can turn it off.
ALWAYS_REQUIRED = frozenset({Role.HMIS_ADMIN, Role.AGENCY_ADMIN})


def role_requires_two_factor(role: str) -> bool:
    if role in ALWAYS_REQUIRED:
        return True
    return RolePolicy.objects.filter(role=role, require_two_factor=True).exists()


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_needed(user: User) -> bool:
    return confirmed_device(user) is not None or role_requires_two_factor(user.role)


def unconfirmed_device(user: User) -> TOTPDevice:
    """The device being set up (created on first use, kept until confirmed with a code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def verify(device: TOTPDevice, token: str) -> bool:
    token = "".join(ch for ch in (token or "") if ch.isdigit())
    return bool(token) and device.verify_token(token)


def confirm(device: TOTPDevice, token: str) -> bool:
    if not verify(device, token):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def qr_svg(device: TOTPDevice) -> SafeString:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg") :]
    return mark_safe(svg.replace("<svg", '<svg role="img" aria-label="QR code for the authenticator app"', 1))  # noqa: S308


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, grouped, for users who type it instead of scanning."""
    import base64

    text = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
