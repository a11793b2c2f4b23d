"""Where a finder request's time goes: ``python -m bench.explain`` against a bench database.

For each request of the mix: wall time through the API, time spent in SQL, the query
count and the slowest queries. Run it with the ``DATABASE_URL`` (and ``SEARCH_BACKEND``)
of a database ``bench.run`` filled; add ``--profile`` for a pyinstrument call tree of
the slowest request type.
"""

import os
import sys
import time


def explain(params):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.finder import query_string

    client = Client()
    url = query_string(params)
    client.get(url)  # warm caches and the geocoder
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        client.get(url)
        wall_ms = (time.perf_counter() - began) * 1000
    sql_ms = sum(float(query["time"]) for query in queries) * 1000
    slowest = sorted(queries, key=lambda query: -float(query["time"]))[:3]
    return wall_ms, sql_ms, len(queries), slowest


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from bench.finder import QUERY_MIX, query_string

    worst = None
    for name, params in QUERY_MIX:
        wall_ms, sql_ms, count, slowest = explain(params)
        print(f"{name:15} {wall_ms:6.0f} ms, SQL {sql_ms:6.0f} ms in {count} queries")
        for query in slowest:
            print(f"    {float(query['time']) * 1000:6.0f} ms  {query['sql'][:110]}")
        if worst is None or wall_ms > worst[0]:
            worst = (wall_ms, params)
    if "--profile" in argv:
        from django.test import Client

        from pyinstrument import Profiler

        client = Client()
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(5):
                client.get(query_string(worst[1]))
        print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main(sys.argv[1:])
