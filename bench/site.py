"""The migrated demo site, kept between runs while the code that builds it is unchanged.

Migrating and loading the demo site is the slowest fixed cost of a run (about 75 s
of the quick mode). After the first run, a copy is kept: a PostgreSQL template
database ``peersupport_bench_site`` (its comment holds the key) and
``bench/.data/site.sqlite3`` (with ``site.key``). The key is a hash of every tracked
Python file outside ``tests/`` and ``bench/`` as it is in the working tree, so any
change to a model, a migration or the demo content builds the site afresh.
``--fresh-site`` ignores the copy.
"""

import hashlib
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PG_SITE = "peersupport_bench_site"


def code_key():
    """A hash of the app code that migrations and the demo content depend on."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", "*.py"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    digest = hashlib.sha256()
    for name in sorted(filter(None, listed.split("\0"))):
        if name.startswith(("tests/", "bench/")) or not (ROOT / name).exists():
            continue
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def _psql(sql, database="postgres"):
    return subprocess.run(
        ["su", "postgres", "-c", f'psql -d {database} -tAc "{sql}"'],
        check=True,
        capture_output=True,
        text=True,
        cwd="/",
    ).stdout.strip()


def _su(command):
    subprocess.run(["su", "postgres", "-c", command], check=True, capture_output=True, cwd="/")


def restore(database, target, key):
    """Copy the kept site into ``target`` (a database name or SQLite path); True if kept."""
    if database == "sqlite":
        kept, kept_key = DATA / "site.sqlite3", DATA / "site.key"
        if not kept.exists() or not kept_key.exists() or kept_key.read_text() != key:
            return False
        shutil.copyfile(kept, target)
        return True
    query = (
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{PG_SITE}'"  # noqa: S608 - a constant
    )
    comment = _psql(query)
    if comment != key:
        return False
    _su(f"dropdb --if-exists {target}")
    _su(f"createdb -O peersupport -T {PG_SITE} {target}")
    return True


def keep(database, source, key):
    """Keep ``source`` (just migrated, demo loaded, no generated pages) for later runs."""
    if database == "sqlite":
        shutil.copyfile(source, DATA / "site.sqlite3")
        (DATA / "site.key").write_text(key)
        return
    _su(f"dropdb --if-exists {PG_SITE}")
    _su(f"createdb -O peersupport -T {source} {PG_SITE}")
    _psql(f"COMMENT ON DATABASE {PG_SITE} IS '{key}'")
