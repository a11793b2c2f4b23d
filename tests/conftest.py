"""Shared fixtures. Services a test needs are found from the environment.

Under CI (``CI=true``) a missing service fails the run; elsewhere the tests that
need it skip with a message naming what to install.
"""

import os

import pytest


def require_service(available, message):
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs this service: {message}")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
