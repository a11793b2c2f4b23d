"""Test settings: fast hashing, in-memory cache and mail, immediate tasks."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
DEMO_CONTENT_ALLOWED = True
WAGTAILADMIN_BASE_URL = "http://testserver"

# A stand-in app that plugs in through the hooks alone (tests/plugin_app).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app"]

# Serve static files from the app and frontend folders, as in development, so
# tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
