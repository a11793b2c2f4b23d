"""wrk against gunicorn (2 workers, loopback) on the finder and the busiest pages.

Each page is loaded for a few seconds by a few connections; the test asserts no
socket error, no status outside 2xx/3xx and that each page is the right one.
Throughput and latency are written to bench/results/ (never asserted).
"""

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from tests.conftest import require_service

from .conftest import ROOT, fetch, gunicorn, site_env

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

SECONDS = 3
CONNECTIONS = 8
# (path, text the page must contain)
PAGES = [
    ("/", "Find training near you"),
    ("/courses/", "Find training"),
    ("/courses/?near=LS6&radius=30", "LS6"),
    ("/courses/geojson/", "FeatureCollection"),
    ("/networks/directory/", "Hearing voices"),
    ("/networks/london/", "London"),
    ("/search/?q=peer+support", "peer"),
    ("/api/v1/search?q=peer+support", '"total"'),
    ("/guidance/what-peer-support-is/", "What peer support is"),
]
SUMMARY = (
    'done = function(s, latency, r) io.write(string.format("RESULT %d %d %d %d %d %d\\n", '
    "s.requests, s.duration, s.errors.connect + s.errors.read + s.errors.write + "
    "s.errors.timeout, s.errors.status, latency:percentile(50), latency:percentile(99))) end\n"
)


def wrk(url, script):
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--timeout", "10s",
         "-s", str(script), "--latency", url],
        capture_output=True, text=True, timeout=SECONDS + 60, check=True,
    ).stdout  # fmt: skip
    requests, duration, socket_errors, bad_status, p50, p99 = map(
        int, re.search(r"RESULT (.*)", out).group(1).split()
    )
    return {
        "requests": requests,
        "requests_per_second": round(requests / (duration / 1e6), 1),
        "socket_errors": socket_errors,
        "non_2xx_3xx": bad_status,
        "p50_ms": round(p50 / 1000, 1),
        "p99_ms": round(p99 / 1000, 1),
    }


def write_results(figures):
    stamp = datetime.now(UTC)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    name = ROOT / "bench" / "results" / f"{stamp:%Y-%m-%d}-{commit}-load"
    meta = {"when": stamp.isoformat(timespec="seconds"), "commit": commit, "seconds": SECONDS,
            "connections": CONNECTIONS, "server": "gunicorn, 2 workers, PostgreSQL 15, demo site"}  # fmt: skip
    name.with_suffix(".json").write_text(json.dumps({**meta, "pages": figures}, indent=2) + "\n")
    lines = [
        f"# Load: wrk on gunicorn ({meta['when']}, {commit})", "",
        f"{SECONDS} s per page, {CONNECTIONS} connections, 2 threads; {meta['server']}, "
        "test settings (DEBUG off), database search backend, loopback. Written by "
        "tests/hardening/test_load.py; other suites shared the 2 cores.", "",
        "| page | requests | req/s | p50 ms | p99 ms | socket errors | non-2xx/3xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]  # fmt: skip
    for path, f in figures.items():
        lines.append(
            f"| `{path}` | {f['requests']} | {f['requests_per_second']} | {f['p50_ms']} | "
            f"{f['p99_ms']} | {f['socket_errors']} | {f['non_2xx_3xx']} |"
        )
    name.with_suffix(".md").write_text("\n".join(lines) + "\n")


def test_busiest_pages_under_load(demo_postgres, tmp_path):
    require_service(shutil.which("wrk"), "wrk (tools/services/apt-install.sh wrk)")
    script = tmp_path / "summary.lua"
    script.write_text(SUMMARY)
    figures = {}
    with gunicorn(site_env(demo_postgres.url("site"))) as (base, _):
        for path, expected in PAGES:
            status, body = fetch(base + path)
            assert status == 200 and expected in body, (path, status)
            figures[path] = wrk(base + path, script)
    write_results(figures)
    assert all(f["requests"] > 0 for f in figures.values())
    assert {p: f["socket_errors"] for p, f in figures.items() if f["socket_errors"]} == {}
    assert {p: f["non_2xx_3xx"] for p, f in figures.items() if f["non_2xx_3xx"]} == {}
