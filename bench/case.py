"""One database in its own process: ``python -m bench.case <json spec>``.

``DATABASE_URL`` is set by ``bench.run``. With ``setup_only`` the process migrates
and loads the demo site (``bench.run`` keeps a copy: ``bench/site.py``); otherwise it
starts from that site and grows the pages through the spec's sizes (1k, then 9k more,
…) and at each N rebuilds the catalogue, measures the finder per backend, the pages
and indexing.
Settings are ``cms.settings.test`` (DEBUG off, local-memory cache, immediate tasks);
the pages under load are served with ``cms.settings.production`` (``bench.server``).
"""

import json
import os
import sys
import time
from contextlib import contextmanager


def setup_site():
    """Migrate and load the demo site (its tree holds the generated pages)."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    from bench import indexing

    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    # load_demo_data refuses without DEBUG (it must never run in production). The
    # engine index is built later, from the whole catalogue.
    with override_settings(DEBUG=True), indexing.engine_off(), open(os.devnull, "w") as quiet:
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


class Phases:
    """Times each step into ``result["phase_s"]`` and says what is running."""

    def __init__(self, label, result):
        self.label, self.times = label, result.setdefault("phase_s", {})

    @contextmanager
    def __call__(self, name):
        print(f"bench: {self.label} {name} …", file=sys.stderr, flush=True)
        began = time.perf_counter()
        yield
        self.times[name] = round(time.perf_counter() - began, 1)


def rate(docs, seconds):
    return {"docs": docs, "seconds": seconds, "docs_per_s": docs / seconds}


def measure_backend(spec, backend, urls, phase):
    from bench import finder, indexing, pages, server

    path = use_backend(backend)
    engine = backend == "engine"
    out = {}
    if engine:
        with phase("engine index"):
            out["index"] = rate(*indexing.build_engine_index())
    with phase(f"{backend}: drift, finder, page queries, publish"):
        out["drift"] = indexing.drift(engine=engine)
        out["in_process"] = finder.run_in_process(
            rounds=spec["rounds"], iterations=spec["iterations"], engine=engine
        )
        out["page_queries"] = pages.query_counts(urls)
        out["publish"] = indexing.publish_to_searchable(samples=spec["publish_samples"])
    # Pages under load and Lighthouse with the last backend (the engine, when there is one).
    last = backend == spec["backends"][-1]
    if not (spec["http"] or (last and (spec["wrk"] or spec["lighthouse"]))):
        return out
    with server.gunicorn(path) as base:
        if spec["http"]:
            with phase(f"{backend}: finder over HTTP"):
                out["http"] = finder.run_http(
                    base, rounds=spec["rounds"], iterations=spec["iterations"]
                )
        if last and spec["wrk"]:
            with phase("pages under wrk"):
                load = spec["wrk"]
                out["wrk"] = pages.under_load(base, urls, load["concurrency"], load["seconds"])
        if last and spec["lighthouse"]:
            with phase("Lighthouse"):
                chosen = spec.get("lighthouse_pages") or urls
                out["lighthouse"] = pages.lighthouse(base, {name: urls[name] for name in chosen})
    return out


def measure_size(spec, n, done, first_pages):
    """Grow to ``n`` items and measure everything at that size."""
    from django.db import connection

    from wagtail.models import Page

    from bench import generate, indexing, pages

    result = {"n": n}
    phase = Phases(f"{connection.vendor} N={n:,}", result)
    with phase("generate"):
        counts, seconds, first = generate.generate(done, n, seed=spec["seed"])
    for kind, pk in first.items():
        first_pages.setdefault(kind, Page.objects.get(pk=pk).specific.url)
    result.update(generated=counts, generate_s=seconds, pages_per_s=(n - done) / seconds)
    with phase("catalogue rebuild"):
        result["rebuild"] = rate(*indexing.rebuild_catalogue())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    urls = pages.page_urls(first_pages)
    result["backends"] = {
        f"{connection.vendor}/{backend}": measure_backend(spec, backend, urls, phase)
        for backend in spec["backends"]
    }
    if n <= spec["baseline_max"]:
        from bench import baseline

        use_backend("database")
        with phase("stock baseline"):
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
    if spec.get("setup_only"):
        print(f"bench: {out['database']} migrate and demo site …", file=sys.stderr, flush=True)
        with open(spec["output"], "w") as handle:
            json.dump(setup_site(), handle)
        return
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
