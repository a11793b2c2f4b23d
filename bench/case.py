"""One benchmark case in its own process: ``python -m bench.case <json spec>``.

The spec names the database (``DATABASE_URL`` is already set by ``bench.run``), N, the
backends to measure on it and where to write the JSON result. Settings are
``cms.settings.test`` (DEBUG off, local-memory cache, immediate tasks).
"""

import json
import os
import sys
import time


def main(spec):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench import finder, generate
    from search.backends.base import clear_backend_cache

    out = {"n": spec["n"], "database": connection.vendor, "backends": {}}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        out["db_version"] = cursor.fetchone()[0]
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    out["migrate_s"] = time.perf_counter() - t0
    out["generate_s"] = generate.generate(spec["n"], seed=spec.get("seed", generate.SEED))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    for backend in spec["backends"]:
        engine = backend == "engine"
        settings.PEER_SUPPORT_SEARCH["BACKEND"] = (
            "search.backends.engine.EngineBackend"
            if engine
            else "search.backends.database.DatabaseBackend"
        )
        clear_backend_cache()
        result = {}
        if engine:
            count, seconds = generate.build_engine_index()
            result["index"] = {"docs": count, "seconds": seconds, "docs_per_s": count / seconds}
        result["in_process"] = finder.run_in_process(
            rounds=spec.get("rounds", 5), iterations=spec.get("iterations", 3), engine=engine
        )
        if spec.get("http"):
            result["http"] = over_http(settings.PEER_SUPPORT_SEARCH["BACKEND"], spec)
        out["backends"][f"{connection.vendor}/{backend}"] = result
    if spec.get("baseline"):
        from bench import baseline

        out["baseline"] = baseline.run(spec["baseline"], rounds=spec.get("rounds", 5))
    with open(spec["output"], "w") as handle:
        json.dump(out, handle, indent=1, default=str)


def over_http(backend_path, spec):
    """Serve with gunicorn (2 workers) on a free port and run the mix over HTTP."""
    import socket
    import subprocess
    import urllib.request

    from bench import finder

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SEARCH_BACKEND": backend_path}
    server = subprocess.Popen(
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "cms.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/api/v1/search?q=x", timeout=5).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.3)
        return finder.run_http(
            base, rounds=spec.get("rounds", 5), iterations=spec.get("iterations", 3)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
