"""The password rules, through Django's validate_password (as every password form uses them)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from hearth.accounts.models import PasswordHistory
from hearth.accounts.passwords import temporary_password
from hearth.testing import factories


@pytest.fixture
def user(db):
    return factories.UserFactory(
        username="jdoe", first_name="Jordan", last_name="Doe", email="jordan@example.org"
    )


def messages_for(password, user):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def test_it_accepts_a_good_password(user):
    assert messages_for("maple-street-2931", user) == ""


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("ab1", "too short"),
        ("onlyletterspassword", "letters and digits"),
        ("8675309123", "letters and digits"),
        ("hearth2031x", "system's name"),
        ("MyHEARTH-44", "system's name"),
        ("jdoe-is-2031", "username"),
        ("password1", "too common"),
    ],
)
def test_it_refuses_weak_passwords(user, password, expected):
    assert expected in messages_for(password, user)


def test_it_refuses_the_last_three_passwords(user):
    for password in ("first-pass-101", "second-pass-202", "third-pass-303"):
        user.set_password(password)
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 3
    for password in ("first-pass-101", "second-pass-202", "third-pass-303"):
        assert "not one of your last 3" in messages_for(password, user)
    user.set_password("fourth-pass-404")
    user.save()
    assert messages_for("first-pass-101", user) == ""  # four passwords ago: allowed again
    assert PasswordHistory.objects.filter(user=user).count() == 3


def test_it_refuses_the_current_password_even_without_history(user):
    assert "not one of your last" in messages_for("correct-horse-42", user)


def test_it_follows_the_history_setting(user, settings):
    settings.ACCOUNT_PASSWORD_HISTORY = 1
    for password in ("first-pass-101", "second-pass-202"):
        user.set_password(password)
        user.save()
    assert messages_for("first-pass-101", user) == ""
    assert "last 1" in messages_for("second-pass-202", user)


def test_it_hashes_with_argon2_in_production():
    from hearth import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_it_makes_temporary_passwords_with_letters_and_digits():
    seen = {temporary_password() for _ in range(50)}
    assert len(seen) == 50
    for password in seen:
        assert len(password) == 14
        assert any(c.isdigit() for c in password) and any(c.isalpha() for c in password)


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Summer2026", "too short"),
        ("Summer2026!!", "common word"),
        ("Password2026!", "common word"),
        ("Jordan123456", "your name"),
        ("Doe-Doe-2026-77", ""),
        ("Jordan.2026.2026", "your name"),
    ],
)
def test_it_refuses_a_common_word_or_the_users_name_with_digits(user, password, expected):
    found = messages_for(password, user)
    if expected:
        assert expected in found
    else:
        assert "your name" not in found and "common word" not in found


def test_it_requires_twelve_characters(user):
    assert "at least 12 characters" in messages_for("maple-st-29", user)
    assert messages_for("maple-st-293", user) == ""
