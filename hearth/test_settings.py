"""Settings for the test suite: the production settings with plain HTTP and fast hashing."""

import os

os.environ["HEARTH_TESTING"] = "1"

from hearth.settings import *  # noqa: E402, F403

# Argon2 stays the hasher in production; tests hash thousands of passwords, so use a fast one.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Each test process keeps its own cache (the root conftest empties it around every test).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
