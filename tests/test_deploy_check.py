"""``hearth check --deploy`` is clean with production settings read from the environment."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

HEARTH = Path(sys.executable).parent / "hearth"


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    # Only the environment a deployment would have: none of the test run's switches.
    test_only = {
        "HEARTH_TESTING",
        "DEBUG",
        "HEARTH_INSECURE_HTTP",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
    }
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(
        DJANGO_SETTINGS_MODULE="hearth.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="hmis.example.org",
        HEARTH_VAR_DIR=str(tmp_path),
    )
    env.update(overrides)
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HEARTH), "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        env=env,
        check=False,
    )


def test_it_is_clean_with_production_settings(tmp_path):
    result = check_deploy(production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_warns_when_debug_is_left_on(tmp_path):
    result = check_deploy(production_env(tmp_path, DEBUG="1"))
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def test_it_warns_about_a_short_secret_key(tmp_path):
    result = check_deploy(production_env(tmp_path, SECRET_KEY="short"))
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
