"""Public pages at scale: SQL queries per page, throughput under ``wrk``, Lighthouse.

The same pages at every N: the home page, the finder without and with ``near``, the
first generated course and event, and the London network page; a static file served by
whitenoise from the same gunicorn is the ceiling.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.request import urlopen

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

BENCH = Path(settings.BASE_DIR) / "bench"
WRK_SCRIPT = BENCH / "wrk_report.lua"
LIGHTHOUSE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def page_urls(first_pages):
    """``{name: path}`` for the measured pages; ``first_pages`` from the generator."""
    from networks.models import NetworkPage

    london = NetworkPage.objects.get(region__name="London")
    return {
        "home": "/",
        "finder": "/search/?q=peer+support",
        "finder near": "/search/?near=LS1&radius=25&sort=distance",
        "course": first_pages["course"],
        "network": london.url,
        "event": first_pages["event"],
    }


def static_url():
    """A real hashed stylesheet URL from the collected manifest (the ceiling)."""
    manifest = json.loads((BENCH / ".data" / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def query_counts(urls):
    """SQL queries per page through Django's test client (second request: warm caches)."""
    from django.test import Client

    client = Client()
    counts = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[name] = {"queries": len(queries), "bytes": len(response.content)}
    return counts


def wrk(url, connections, seconds):
    """One ``wrk`` run; requests/s and latency percentiles (ms) from its Lua report."""
    threads = min(connections, 2)
    # A long timeout: a slow page counts as slow, not as a socket error.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    out = subprocess.run(
        [*command, "-s", str(WRK_SCRIPT), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    report = json.loads(out[out.index("{") :])
    report["rps"] = report["requests"] / (report["duration_us"] / 1e6)
    for key in ("p50", "p95", "p99", "mean"):
        report[f"{key}_ms"] = report.pop(f"{key}_us") / 1000
    return report


def under_load(base_url, urls, concurrencies, seconds):
    """``{page: {concurrency: wrk report}}``, the static file first."""
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed (tools/services/apt-install.sh wrk)"}
    targets = {"static file": static_url(), **urls}
    results = {}
    for name, path in targets.items():
        for _ in range(4):  # warm both workers (a 1 s wrk run did the same, slower)
            with urlopen(base_url + path, timeout=60) as reply:  # noqa: S310 - loopback
                reply.read()
        results[name] = {c: wrk(base_url + path, c, seconds) for c in concurrencies}
    return results


def lighthouse_report(url, env, attempts=2):
    """Lighthouse's JSON report for one page, or ``{"error": …}`` after ``attempts`` tries.

    Lighthouse now and then loses its Chrome on a loaded machine; one page's failure
    is recorded, and the other pages are still measured.
    """
    for _attempt in range(attempts):
        with tempfile.TemporaryDirectory() as folder:
            report_path = Path(folder) / "report.json"
            done = subprocess.run(
                [
                    str(LIGHTHOUSE),
                    url,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report_path}",
                    "--only-categories=performance,accessibility,best-practices",
                    # Screenshots and the back/forward-cache check (a second navigation)
                    # feed no score: skipping them saves seconds a page.
                    "--disable-full-page-screenshot",
                    "--skip-audits=screenshot-thumbnails,final-screenshot,bf-cache",
                    f"--chrome-flags={CHROME_FLAGS}",
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=180,
            )
            if done.returncode == 0:
                return json.loads(report_path.read_text())
    return {"error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1][:300]}


def lighthouse(base_url, urls):
    """Performance, accessibility and best-practices scores (0–100) per page."""
    if not LIGHTHOUSE.exists() or not shutil.which("chromium"):
        return {"skipped": "npm install (Lighthouse) and Debian chromium are needed"}
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium")}
    scores = {}
    for name, path in urls.items():
        report = lighthouse_report(base_url + path, env)
        if "error" in report:
            scores[name] = report
            continue
        audits = report["audits"]
        scores[name] = {
            **{
                key: round(category["score"] * 100)
                for key, category in report["categories"].items()
            },
            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "failed": sorted(
                key
                for category in report["categories"].values()
                for ref in category["auditRefs"]
                if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
                for key in [ref["id"]]
            ),
        }
    return scores
