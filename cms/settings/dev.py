"""Local development: DEBUG on, demo content, console email, plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-not-for-production")

from .base import *  # noqa: E402, F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
DEMO_CONTENT_ALLOWED = True

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
