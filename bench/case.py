"""One database in its own process: ``python -m bench.case <json spec>``.

``DATABASE_URL`` is set by ``bench.run``. The process migrates, loads the demo site,
then grows the pages through the spec's sizes (1k, then 9k more, …) and at each N
rebuilds the catalogue, measures the finder per backend, the pages and indexing.
Settings are ``cms.settings.test`` (DEBUG off, local-memory cache, immediate tasks);
the pages under load are served with ``cms.settings.production`` (``bench.server``).
"""

import json
import os
import sys
import time


def setup_site():
    """Migrate and load the demo site (its tree holds the generated pages)."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    # load_demo_data refuses without DEBUG (it must never run in production).
    with override_settings(DEBUG=True), open(os.devnull, "w") as quiet:
        call_command("load_demo_data", stdout=quiet)
    return {"migrate_s": migrated - began, "demo_s": time.perf_counter() - migrated}


def use_backend(name):
    from django.conf import settings

    from search.backends.base import clear_backend_cache

    path = {
        "engine": "search.backends.engine.EngineBackend",
        "database": "search.backends.database.DatabaseBackend",
    }[name]
    settings.PEER_SUPPORT_SEARCH["BACKEND"] = path
    clear_backend_cache()
    return path


def database_version(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SHOW server_version"
            if connection.vendor == "postgresql"
            else "SELECT sqlite_version()"
        )
        return cursor.fetchone()[0]


def measure_size(spec, n, done, first_pages):
    """Grow to ``n`` items and measure everything at that size."""
    from django.db import connection

    from wagtail.models import Page

    from bench import finder, generate, indexing, pages, server

    counts, seconds, first = generate.generate(done, n, seed=spec.get("seed", generate.SEED))
    for kind, pk in first.items():
        first_pages.setdefault(kind, Page.objects.get(pk=pk).specific.url)
    result = {
        "n": n,
        "generated": counts,
        "generate_s": seconds,
        "pages_per_s": (n - done) / seconds,
    }
    if n <= spec.get("rebuild_per_commit_max", 0):
        docs, secs = indexing.rebuild_catalogue(one_transaction=False)
        result["rebuild_per_commit"] = {"docs": docs, "seconds": secs, "docs_per_s": docs / secs}
    docs, secs = indexing.rebuild_catalogue()
    result["rebuild"] = {"docs": docs, "seconds": secs, "docs_per_s": docs / secs}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    urls = pages.page_urls(first_pages)
    result["backends"] = {}
    for backend in spec["backends"]:
        path = use_backend(backend)
        engine = backend == "engine"
        out = {}
        if engine:
            docs, secs = indexing.build_engine_index()
            out["index"] = {"docs": docs, "seconds": secs, "docs_per_s": docs / secs}
        out["drift"] = indexing.drift()
        out["in_process"] = finder.run_in_process(
            rounds=spec["rounds"], iterations=spec["iterations"], engine=engine
        )
        out["page_queries"] = pages.query_counts(urls)
        out["publish"] = indexing.publish_to_searchable(samples=spec.get("publish_samples", 5))
        if spec.get("http") or spec.get("wrk") or spec.get("lighthouse"):
            with server.gunicorn(path) as base:
                if spec.get("http"):
                    out["http"] = finder.run_http(
                        base, rounds=spec["rounds"], iterations=spec["iterations"]
                    )
                if spec.get("wrk") and backend == spec["backends"][-1]:
                    out["wrk"] = pages.under_load(
                        base, urls, spec["wrk"]["concurrency"], spec["wrk"]["seconds"]
                    )
                if spec.get("lighthouse") and backend == spec["backends"][-1]:
                    out["lighthouse"] = pages.lighthouse(base, urls)
        result["backends"][f"{connection.vendor}/{backend}"] = out
    if n <= spec.get("baseline_max", 0):
        from bench import baseline

        use_backend("database")
        result["baseline"] = baseline.run(rounds=spec["rounds"], iterations=spec["iterations"])
    result["urls"] = urls
    return result


def main(spec):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.db import connection

    from bench import server

    out = {"database": connection.vendor, "db_version": database_version(connection)}
    out.update(setup_site())
    if spec.get("wrk") or spec.get("lighthouse") or spec.get("http"):
        out["collectstatic_s"] = server.collect_static()
    out["sizes"] = []
    done, first_pages = 0, {}
    for n in spec["sizes"]:
        print(f"bench: {out['database']} N={n:,} …", file=sys.stderr, flush=True)
        began = time.perf_counter()
        out["sizes"].append(measure_size(spec, n, done, first_pages))
        print(
            f"bench: {out['database']} N={n:,} measured in {time.perf_counter() - began:.0f}s",
            file=sys.stderr,
            flush=True,
        )
        done = n
        with open(spec["output"], "w") as handle:  # partial results survive a later failure
            json.dump(out, handle, indent=1, default=str)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
