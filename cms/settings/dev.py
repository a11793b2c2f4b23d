"""Local development: DEBUG on, demo content, console email, plain HTTP."""

import contextlib
import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-not-for-production")

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
DEMO_CONTENT_ALLOWED = True

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
