"""Hardening fixtures: hypothesis profiles and the demo site built once per module.

Hypothesis runs few examples by default so the suite stays fast; under CI
(``CI=true``) it is derandomized, so a failure there reproduces anywhere with
``HYPOTHESIS_PROFILE=ci``. ``HYPOTHESIS_PROFILE=thorough`` runs many more.
"""

import io
import os

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from cms.hooks import reset_registries

COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    "database": None,
}
hypothesis_settings.register_profile("default", max_examples=25, **COMMON)
hypothesis_settings.register_profile(
    "ci", max_examples=25, derandomize=True, print_blob=True, **COMMON
)
hypothesis_settings.register_profile("thorough", max_examples=500, **COMMON)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "default")
)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module and rolled back after it.

    Tests that use it also take ``db``: their own transaction nests inside this one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        reset_registries()
        debug, settings.DEBUG = settings.DEBUG, True  # the loader refuses without DEBUG
        try:
            call_command("load_demo_data", stdout=io.StringIO())
        finally:
            settings.DEBUG = debug
        cache.clear()
        yield
        transaction.set_rollback(True)
    reset_registries()
