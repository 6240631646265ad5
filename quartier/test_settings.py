"""Test overrides, all in one place (STYLE.md 26)."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 50)
os.environ.setdefault("HTTPS", "false")

from quartier.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# The personas sign in without a second factor; tests of the requirement set it.
REQUIRE_2FA_ROLES: list[str] = []

# Tasks run at once, inside the test, against the real database.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The limits of the public forms count in memory, emptied before every test
# (quartier/conftest.py); quartier/site/tests checks the database cache itself.
# Public pages are rendered afresh for every request in tests, which compare a page
# before and after a change within milliseconds; quartier/lib/tests/test_page_cache.py
# turns the copies on.
PAGE_CACHE_SECONDS = 0
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
