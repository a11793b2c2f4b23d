"""tools/backup.sh and tools/restore.sh: an encrypted backup restores into a fresh
database and media directory, and the restored site serves the same pages.

PostgreSQL only (pg_dump); it runs on a throwaway cluster of its own.
"""

import os
import re
import subprocess

import pytest

from .conftest import ROOT, fetch, gunicorn, site_env

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

KEY = "correct horse battery staple for tests"
PAGES = [
    "/", "/guidance/", "/guidance/what-peer-support-is/", "/courses/", "/courses/?near=LS6",
    "/networks/", "/networks/directory/", "/networks/london/", "/search/?q=peer+support",
    "/api/v1/search?q=peer", "/networks/directory/geojson/", "/sitemap.xml",
]  # fmt: skip
# Per-response values: CSP nonces and CSRF tokens.
VOLATILE = re.compile(r'(nonce|csrfmiddlewaretoken" value|data-csrf)="[^"]*"')


def run(script, *args, env):
    return subprocess.run(
        [str(ROOT / "tools" / script), *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip


def served(env):
    with gunicorn(env, workers=1) as (base, _):
        return {path: fetch(base + path) for path in PAGES}


def normalised(pages):
    return {path: (status, VOLATILE.sub("", body)) for path, (status, body) in pages.items()}


def test_a_backup_restores_into_a_fresh_database(demo_postgres, tmp_path):
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "leaflet.pdf").write_bytes(b"%PDF-1.4 a leaflet")
    env = {
        **os.environ,
        "DATABASE_URL": demo_postgres.url("site"),
        "BACKUP_KEY": KEY,
        "MEDIA_ROOT": str(media),
    }
    stamp = run("backup.sh", tmp_path / "backups", env=env).stdout.strip()

    files = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert files == [f"peersupport-{stamp}.{ext}" for ext in ("db.enc", "media.enc", "sha256")]
    dump = (tmp_path / "backups" / f"peersupport-{stamp}.db.enc").read_bytes()
    assert dump.startswith(b"Salted__") and b"PGDMP" not in dump  # encrypted at rest
    assert b"What peer support is" not in dump

    demo_postgres.create_database("restored")
    restored_media = tmp_path / "restored-media"
    restore_env = {
        **env,
        "DATABASE_URL": demo_postgres.url("restored"),
        "MEDIA_ROOT": str(restored_media),
    }
    run("restore.sh", tmp_path / "backups", stamp, env=restore_env)
    assert (restored_media / "documents" / "leaflet.pdf").read_bytes() == b"%PDF-1.4 a leaflet"

    original = served(site_env(demo_postgres.url("site")))
    copy = served(site_env(demo_postgres.url("restored")))
    assert all(status == 200 for status, _ in original.values()), {
        p: s for p, (s, _) in original.items()
    }
    assert normalised(copy) == normalised(original)


def test_restore_refuses_a_wrong_key_and_a_database_in_use(demo_postgres, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": demo_postgres.url("site"),
        "BACKUP_KEY": KEY,
        "MEDIA_ROOT": str(tmp_path / "none"),
    }
    stamp = run("backup.sh", tmp_path / "b", env=env).stdout.strip()
    demo_postgres.create_database("wrong_key")
    with pytest.raises(subprocess.CalledProcessError) as wrong:
        run(
            "restore.sh",
            tmp_path / "b",
            stamp,
            env={**env, "BACKUP_KEY": "not it", "DATABASE_URL": demo_postgres.url("wrong_key")},
        )
    assert "wrong BACKUP_KEY" in wrong.value.stderr
    assert (
        demo_postgres.psql(
            "wrong_key", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        )
        == "0\n"
    )
    with pytest.raises(subprocess.CalledProcessError) as in_use:
        run("restore.sh", tmp_path / "b", stamp, env=env)  # into the live database
    assert "already has" in in_use.value.stderr
