"""Production settings: deploy checks pass, and a missing secret stops start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k3J9-vQ2x_Lm8!pR4tZ7wB1nC6yH0sD5fG2jK9aE3uI8oP4qW7",
    "ALLOWED_HOSTS": "peersupporthub.example.org",
    "DATABASE_URL": "sqlite:////tmp/peer-support-production-check.sqlite3",
}


def manage(*args, env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issues():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_has_no_debug_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY)"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "strict-origin-when-cross-origin",
    ]
