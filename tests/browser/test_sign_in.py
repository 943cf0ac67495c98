"""A demo administrator signs in on a live server and sees the home page figures."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from hearth.clients.models import Client
from hearth.core.demo import generate
from hearth.enrollments.models import Enrollment
from hearth.enrollments.selectors import active_enrollments
from hearth.projects.models import Project
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "hearth-demo-2026"


def shown(page, figure: str) -> int:
    return int(page.locator(f'[data-figure="{figure}"]').inner_text().replace(",", ""))


def finish_sign_in_steps(page) -> None:
    """Accept the user agreement if the CoC has one (a step after the password)."""
    if "/sign-in/agreement/" in page.url:
        for box in page.get_by_role("checkbox").all():
            box.check()
        page.locator("main form button[type=submit]").first.click()


def test_it_signs_in_a_demo_administrator_who_sees_the_home_figures(live_server, page, transactional_db):
    generate(clients=150, seed=2)
    with override_settings(DEBUG=True):
        call_command("ensure_demo_users", stdout=open("/dev/null", "w"))  # noqa: SIM115

    page.goto(f"{live_server.url}/")
    assert "/accounts/sign-in/" in page.url
    page.get_by_label("Username").fill("demo-admin")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/sign-in/code/" in page.url, "an administrator always gives a two-factor code"
    printed = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("demo_code", stdout=printed)  # what bin/run tells a visitor to run
    page.get_by_label("6-digit code").fill(printed.getvalue().split()[0])
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    finish_sign_in_steps(page)

    page.get_by_role("heading", name="Home", level=1).wait_for()
    assert shown(page, "clients") == Client.objects.count() == 150
    assert shown(page, "active-enrollments") == active_enrollments(Enrollment.objects.all()).count() > 0
    assert shown(page, "projects") == Project.objects.count()
    agencies = page.get_by_role("table").get_by_role("row")
    assert agencies.count() == 1 + Project.objects.values("organization").distinct().count()
    screenshot(page, "home-admin-desktop")

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.locator('[data-figure="clients"]').is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing overflows a 390px phone"
    screenshot(page, "home-admin-phone")
