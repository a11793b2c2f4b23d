"""Finder latency: a fixed query mix through ``GET /api/v1/search``.

In-process with Django's test ``Client`` (the whole view, serialisation and backend, no
network), and optionally over HTTP against gunicorn. For the engine backend the
engine's own ``took`` is captured by wrapping the engine client's ``search``.
"""

import math
import statistics
import time
from urllib.parse import urlencode

# name, parameters. Districts are real ones from cms/data (Manchester, Leeds, Bristol).
QUERY_MIX = [
    ("text", {"q": "anxiety"}),
    ("text", {"q": "peer support group"}),
    ("text+topic", {"q": "recovery", "topic": "anxiety"}),
    ("text+topic", {"q": "walk", "topic": ["carers", "loneliness"]}),
    ("near 10mi", {"near": "M1", "radius": 10, "sort": "distance"}),
    ("near 25mi", {"near": "LS1", "radius": 25, "sort": "distance"}),
    ("near 50mi", {"near": "BS1", "radius": 50, "sort": "distance"}),
    ("near 25mi+text", {"q": "group", "near": "M1", "radius": 25, "sort": "distance"}),
    ("facets only", {}),
    ("facets only", {"kind": "course"}),
    ("deep page", {"page": 40, "page_size": 20}),
]
CATEGORIES = list(dict.fromkeys(name for name, _ in QUERY_MIX))


def query_string(params):
    return "/api/v1/search?" + urlencode(params, doseq=True)


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise(samples_ms):
    return {
        "n": len(samples_ms),
        "p50": percentile(samples_ms, 50),
        "p95": percentile(samples_ms, 95),
        "p99": percentile(samples_ms, 99),
        "mean": statistics.fmean(samples_ms),
    }


class TookRecorder:
    """Wraps the engine client's ``search`` so each reply's ``took`` (ms) is kept."""

    def __init__(self):
        self.took = []
        self._client = None

    def __enter__(self):
        from search.backends.engine import get_engine

        self._client = get_engine().client
        original = self._client.search

        def search(index, body):
            reply = original(index, body)
            self.took.append(reply.get("took", 0))
            return reply

        self._client.search = search
        return self

    def __exit__(self, *exc):
        del self._client.search  # back to the class's method


def run_in_process(rounds=5, iterations=4, engine=False):
    """``rounds`` × (``iterations`` passes over the mix); per round and per category."""
    from django.test import Client

    client = Client()
    for _name, params in QUERY_MIX:  # warm caches, geocoder, connections
        response = client.get(query_string(params))
        assert response.status_code == 200, (params, response.content[:300])
    per_round = []
    by_category = {name: [] for name in CATEGORIES}
    took_by_category = {name: [] for name in CATEGORIES}
    for _ in range(rounds):
        samples = []
        start = time.perf_counter()
        for _ in range(iterations):
            for name, params in QUERY_MIX:
                url = query_string(params)
                recorder = TookRecorder() if engine else None
                if recorder:
                    recorder.__enter__()
                t0 = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - t0) * 1000
                if recorder:
                    recorder.__exit__()
                    took_by_category[name].append(sum(recorder.took))
                assert response.status_code == 200
                assert not response.json().get("degraded"), "engine fell back to the database"
                samples.append(elapsed)
                by_category[name].append(elapsed)
        wall = time.perf_counter() - start
        per_round.append({**summarise(samples), "qps": len(samples) / wall})
    result = {
        "rounds": per_round,
        "categories": {name: summarise(v) for name, v in by_category.items()},
    }
    if engine:
        result["took"] = {name: summarise(v) for name, v in took_by_category.items() if v}
    return result


def run_http(base_url, rounds=3, iterations=3):
    """The same mix over HTTP, sequential, one keep-alive-less request at a time."""
    from urllib.request import urlopen

    for _name, params in QUERY_MIX:
        with urlopen(base_url + query_string(params), timeout=30) as reply:  # noqa: S310
            reply.read()
    per_round = []
    for _ in range(rounds):
        samples = []
        start = time.perf_counter()
        for _ in range(iterations):
            for _name, params in QUERY_MIX:
                t0 = time.perf_counter()
                with urlopen(base_url + query_string(params), timeout=30) as reply:  # noqa: S310
                    reply.read()
                samples.append((time.perf_counter() - t0) * 1000)
        per_round.append(
            {**summarise(samples), "qps": len(samples) / (time.perf_counter() - start)}
        )
    return {"rounds": per_round}
