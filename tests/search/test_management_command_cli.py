"""The catalogue commands run from the shell as operators run them (with system checks)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def migrated_env(tmp_path_factory):
    database = tmp_path_factory.mktemp("cli") / "cli.sqlite3"
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("OPENSEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    migrate = manage(env, "migrate", "--noinput", "-v0")
    assert migrate.returncode == 0, migrate.stderr
    return env


@pytest.mark.parametrize("action", ["check", "drain", "rebuild"])
def test_catalogue_index_runs_from_the_command_line(action, migrated_env):
    result = manage(migrated_env, "catalogue_index", action)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
