"""The installed ``hearth`` console command is the project's manage.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

HEARTH = Path(sys.executable).parent / "hearth"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HEARTH), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        env=env or {**os.environ, "DJANGO_SETTINGS_MODULE": "hearth.settings"},
        check=False,
    )


def test_it_runs_django_checks_through_the_hearth_command():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_lists_hearths_own_commands():
    result = run("help")
    assert result.returncode == 0, result.stderr
    assert "generate_demo_data" in result.stdout
    assert "[core]" in result.stdout


def test_it_fails_with_a_message_for_an_unknown_command():
    result = run("no_such_command")
    assert result.returncode != 0
    assert "Unknown command" in result.stderr
