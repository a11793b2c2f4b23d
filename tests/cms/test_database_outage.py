"""With the database unreachable, pages answer 503 and still show crisis signposting.

A real server process (gunicorn) is started against a PostgreSQL address where nothing
listens: the database is, as far as Django can tell, stopped.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_without_database():
    port, dead_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://nobody:nothing@127.0.0.1:{dead_port}/gone",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited: {process.stderr.read().decode()[:3000]}")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@pytest.mark.parametrize("path", ["/", "/guidance/", "/no-such-page/"])
def test_pages_answer_503_with_crisis_lines(server_without_database, path):
    status, html, headers = fetch(server_without_database + path)
    assert status == 503
    assert "Samaritans" in html and "116 123" in html
    assert "85258" in html
    assert "999" in html
    assert headers.get("Retry-After") == "60"
    assert "Content-Security-Policy" in headers
    assert "Traceback" not in html
