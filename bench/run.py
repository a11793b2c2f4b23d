"""Entry point: ``python -m bench.run [--quick] [--sizes 1000,10000] [--databases …]``.

Starts PostgreSQL (``tools/services/postgres.sh``) and a private OpenSearch node
(``tools/opensearch/opensearch.sh`` with its own state dir), runs each database in a
fresh process (``bench.case``), writes ``bench/results/<date>-<commit>.{md,json}`` and prints
the Markdown. Stops the OpenSearch node it started.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from bench import site
from bench.report import markdown

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / ".data"
RESULTS = BENCH / "results"
OS_STATE = ROOT / ".services" / "opensearch-bench"
PG_DB = "peersupport_bench"
# The names of ``bench.pages.page_urls`` (checked here, before anything runs).
PAGE_NAMES = ("home", "finder", "finder near", "course", "network", "event")
QUICK_LIGHTHOUSE_PAGES = "finder,course,network"


def sh(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs).stdout


def start_postgres():
    out = sh(str(ROOT / "tools/services/postgres.sh"), "start")
    url = [line for line in out.splitlines() if line.startswith("postgres")][-1].strip()
    sh("su", "postgres", "-c", f"dropdb --if-exists {PG_DB}")
    sh("su", "postgres", "-c", f"createdb -O peersupport {PG_DB}")
    return re.sub(r"/[^/]+$", f"/{PG_DB}", url)


def start_opensearch():
    env = {**os.environ, "OPENSEARCH_STATE_DIR": str(OS_STATE)}
    script = str(ROOT / "tools/opensearch/opensearch.sh")
    running = subprocess.run([script, "status"], env=env, capture_output=True).returncode == 0
    url = sh(script, "start", "--cluster-name", "bench", env=env).strip().splitlines()[-1]
    return url, (not running)


def stop_opensearch():
    env = {**os.environ, "OPENSEARCH_STATE_DIR": str(OS_STATE)}
    subprocess.run([str(ROOT / "tools/opensearch/opensearch.sh"), "stop"], env=env, check=False)


def run_case(database_url, spec, extra_env):
    """One database, all sizes, in a fresh process (``bench.case``); returns its JSON."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_ALIAS": "bench-catalogue",
        # Index builds on a loaded machine outlast the site's 2 s engine timeout.
        "SEARCH_TIMEOUT_SECONDS": "30",
        **extra_env,
    }
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        output = handle.name
    spec = {**spec, "output": output}
    label = f"{database_url.split(':')[0]} {spec.get('backends', 'demo site')}"
    print(f"bench: {label} …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    code = subprocess.run(
        [sys.executable, "-m", "bench.case", json.dumps(spec)], env=env, cwd=ROOT
    ).returncode
    print(f"bench: {label} ended in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    text = Path(output).read_text()
    if not text:
        raise SystemExit(f"bench: {label} failed (exit {code}) before its first size")
    # The sizes measured before a failure are kept, and the failure said.
    return {**json.loads(text), **({"failed": f"exit {code}"} if code else {})}


def machine_facts(cases, engine_url, load_at_start):
    import django

    import wagtail

    facts = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": sh("git", "rev-parse", "--short", "HEAD", cwd=ROOT).strip(),
        "dirty": bool(sh("git", "status", "--porcelain", cwd=ROOT).strip()),
        "cores": os.cpu_count(),
        "load_avg_start": tuple(round(x, 1) for x in load_at_start),
        "load_avg_end": tuple(round(x, 1) for x in os.getloadavg()),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "platform": platform.platform(),
    }
    for case in cases:
        facts[f"{case['database']}_version"] = case.get("db_version")
    if engine_url:
        from urllib.request import urlopen

        with urlopen(engine_url, timeout=10) as reply:  # noqa: S310
            facts["opensearch"] = json.load(reply)["version"]["number"]
    return facts


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N=1k, PostgreSQL only, shorter")
    parser.add_argument("--sizes", default="1000,10000", help="grown in order in one database")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--no-engine", action="store_true")
    parser.add_argument("--http", action="store_true", help="finder mix over HTTP too")
    parser.add_argument("--baseline-max", type=int, default=10000, help="0: no stock baseline")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=3)
    parser.add_argument("--concurrency", default="1,4,16", help="wrk connections")
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--no-wrk", action="store_true")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument(
        "--lighthouse-pages", default="", help="comma-separated page names; default: all"
    )
    parser.add_argument("--publish-samples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261125, help="same seed, same pages")
    parser.add_argument("--tag", default="", help="appended to the result file names")
    parser.add_argument(
        "--fresh-site", action="store_true", help="migrate and load the demo site anew"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.databases, args.rounds, args.iterations = "1000", "postgres", 2, 2
        args.concurrency, args.wrk_seconds, args.publish_samples = "8", 2, 3
        # Lighthouse takes about 15 s a page: the three page templates with most on them.
        args.lighthouse_pages = args.lighthouse_pages or QUICK_LIGHTHOUSE_PAGES
    unknown = set(filter(None, args.lighthouse_pages.split(","))) - set(PAGE_NAMES)
    if unknown:
        parser.error(
            f"--lighthouse-pages: no page {', '.join(sorted(unknown))}; pages: {', '.join(PAGE_NAMES)}"
        )
    return args


def case_spec(args, lighthouse):
    return {
        "sizes": [int(n) for n in args.sizes.split(",")],
        "rounds": args.rounds,
        "iterations": args.iterations,
        "http": args.http,
        "baseline_max": args.baseline_max,
        "publish_samples": args.publish_samples,
        "seed": args.seed,
        "wrk": None
        if args.no_wrk
        else {
            "concurrency": [int(c) for c in args.concurrency.split(",")],
            "seconds": args.wrk_seconds,
        },
        "lighthouse": lighthouse and not args.no_lighthouse,
        "lighthouse_pages": [name for name in args.lighthouse_pages.split(",") if name],
    }


def main(argv=None):
    args = parse(argv)
    load_at_start, began = os.getloadavg(), time.perf_counter()
    databases = args.databases.split(",")
    DATA.mkdir(exist_ok=True)
    RESULTS.mkdir(exist_ok=True)

    pg_url = start_postgres() if "postgres" in databases else None
    key = site.code_key()
    targets = {
        "sqlite": (DATA / "bench.sqlite3", f"sqlite:///{DATA / 'bench.sqlite3'}"),
        "postgres": (PG_DB, pg_url),
    }
    engine_url = None
    cases = []
    # The engine node boots (about 10-20 s) while the demo sites are built or restored.
    with ThreadPoolExecutor(max_workers=1) as pool:
        engine = pool.submit(start_opensearch) if pg_url and not args.no_engine else None
        try:
            setups = {}
            for database in databases:
                target, url = targets[database]
                if args.fresh_site or not site.restore(database, target, key):
                    if database == "sqlite":
                        target.unlink(missing_ok=True)
                    setups[database] = run_case(url, {"setup_only": True}, {})
                    site.keep(database, target, key)
            if engine:
                engine_url = engine.result()[0]
            for database in databases:
                _target, url = targets[database]
                backends = ["database"]
                extra = {}
                if database == "postgres" and engine_url:
                    backends.append("engine")
                    extra = {"OPENSEARCH_URL": engine_url}
                # Lighthouse once, for the last database (the production-like one).
                spec = {**case_spec(args, database == databases[-1]), "backends": backends}
                case = run_case(url, spec, extra)
                case.update(setups.get(database) or {"site_reused": True})
                cases.append(case)
            report = {"facts": machine_facts(cases, engine_url, load_at_start), "cases": cases}
            report["facts"]["run_s"] = round(time.perf_counter() - began)
        finally:
            # Waits for a node still booting, so it is never left running.
            if engine and not engine.exception() and engine.result()[1]:
                stop_opensearch()
    stamp = f"{datetime.now(UTC):%Y-%m-%d}-{report['facts']['commit']}"
    if args.tag:
        stamp += f"-{args.tag}"
    text = markdown(report)
    (RESULTS / f"{stamp}.json").write_text(json.dumps(report, indent=1, default=str))
    (RESULTS / f"{stamp}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
