"""Playwright on Debian's Chromium for the browser tests (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread for as long as the browser is open (the
# rest of the session); the tests' database reads are synchronous code, which Django would
# otherwise refuse inside a running loop. Not a deployment setting: `check --deploy` flags it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def pass_two_factor(page, username: str) -> None:
    """Enter the authenticator code when the sign-in asks for one (administrators always meet it;
    a first sign-in sets the app up). The code is worked out from the device's key, as the app would;
    a code already used in this 30-second step is refused, so the next step's code is entered then
    (django-otp accepts one step of drift)."""
    if "/sign-in/code/" not in page.url:
        return
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username).order_by("-confirmed", "-pk").first()
    assert device is not None, f"no authenticator device for {username}"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t is not None and totp.t() <= device.last_t:
        totp.time += device.step * (device.last_t - totp.t() + 1)
    page.get_by_label("6-digit code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def sign_in_signing_agreement(page, base: str, username: str, password: str) -> None:
    """Sign in as a user who may meet the user agreement on a first sign-in, and sign it."""
    import re

    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    pass_two_factor(page, username)
    if "agreement" in page.url:
        page.locator('form input[type="checkbox"]').check()
        page.get_by_role("button", name=re.compile("Sign the agreement")).click()
        page.wait_for_load_state()


def no_sideways_scroll(page) -> None:
    """A phone user never scrolls the whole page sideways (WCAG 1.4.10 reflow)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"
