"""The site under gunicorn as production runs it, for measurements over HTTP.

``cms.settings.production`` with DEBUG off, a random secret from the environment,
collected static files served by whitenoise from the same process, 2 workers, bound
to the loopback interface only. The catalogue backend is chosen per server.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

STATIC_ROOT = Path(settings.BASE_DIR) / "bench" / ".data" / "static"


def production_env(backend_path):
    """Environment for a production-settings process against the bench database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no redirect to HTTPS, no HSTS for 127.0.0.1.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(STATIC_ROOT),
        "SEARCH_BACKEND": backend_path,
    }


def collect_static():
    """``collectstatic`` with the production (hashed, compressed) storage; returns seconds."""
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=production_env(""),
        cwd=settings.BASE_DIR,
        check=True,
    )
    return time.perf_counter() - began


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(backend_path, workers=2):
    """Yield the base URL of a production-settings gunicorn serving the bench database."""
    port = free_port()
    server = subprocess.Popen(
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "cms.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        env=production_env(backend_path),
        cwd=settings.BASE_DIR,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/", timeout=10) as reply:  # noqa: S310
                    reply.read()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("gunicorn exited") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
