"""Hardening fixtures: hypothesis profiles and the demo site built once per module.

Hypothesis runs few examples by default so the suite stays fast; under CI
(``CI=true``) it is derandomized, so a failure there reproduces anywhere with
``HYPOTHESIS_PROFILE=ci``. ``HYPOTHESIS_PROFILE=thorough`` runs many more.
"""

import io
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from cms.hooks import reset_registries
from tests.conftest import require_service

from . import throwaway_postgres

ROOT = Path(__file__).resolve().parents[2]

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


@pytest.fixture(scope="session")
def demo_postgres():
    """A throwaway PostgreSQL cluster whose database ``site`` holds the migrated demo site.

    Built once per run by ``manage.py migrate`` and ``load_demo_data`` in a child
    process; servers started by the tests use ``site_env(...)``.
    """
    require_service(
        throwaway_postgres.available(), "PostgreSQL 15 server binaries (apt-get install postgresql)"
    )
    cluster = throwaway_postgres.ThrowawayPostgres().initialise().start()
    try:
        cluster.create_database("site")
        env = site_env(cluster.url("site"), DJANGO_SETTINGS_MODULE="cms.settings.dev")
        for command in (["migrate", "--noinput", "-v0"], ["load_demo_data"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT, env=env, check=True, capture_output=True, timeout=900,
            )  # fmt: skip
        yield cluster
    finally:
        cluster.destroy()


def site_env(database_url, **extra):
    """The environment of a site process on ``database_url`` (test settings, DEBUG off)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "SEARCH_BACKEND": "search.backends.database.DatabaseBackend",
        "OPENSEARCH_URL": "",  # never index into a node other runs use
        **extra,
    }


@contextmanager
def gunicorn(env, workers=2):
    """A gunicorn serving the site on a free loopback port; yields its base URL and process."""
    port = throwaway_postgres.free_port()
    # Its log goes to a file: an unread pipe fills up during an outage's many error
    # lines, and a worker blocked writing to it can neither answer nor stop.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            if not throwaway_postgres.wait_until(
                lambda: _answers(base) or process.poll() is not None, 120
            ):
                pytest.fail("gunicorn did not answer within 120 s")
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"gunicorn exited: {log.read().decode(errors='replace')[-3000:]}")
            yield base, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _answers(base):
    try:
        with urllib.request.urlopen(base + "/", timeout=10):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def fetch(url, timeout=15):
    """(status, body) for a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
