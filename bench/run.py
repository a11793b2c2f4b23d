"""Entry point: ``python -m bench.run [--quick] [--sizes 1000,10000] [--http]``.

Starts PostgreSQL (``tools/services/postgres.sh``) and a private OpenSearch node
(``tools/opensearch/opensearch.sh`` with its own state dir), runs each case in a fresh
process (``bench.case``), writes ``bench/results/<date>-<commit>.{md,json}`` and prints
the Markdown. Stops the OpenSearch node it started.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / ".data"
RESULTS = BENCH / "results"
OS_STATE = ROOT / ".services" / "opensearch-bench"
PG_DB = "peersupport_bench"


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
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_ALIAS": "bench-catalogue",
        **extra_env,
    }
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        output = handle.name
    spec = {**spec, "output": output}
    label = f"{database_url.split(':')[0]} N={spec['n']} {spec['backends']}"
    print(f"bench: {label} …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.case", json.dumps(spec)], env=env, cwd=ROOT, check=True
    )
    print(f"bench: {label} done in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    return json.loads(Path(output).read_text())


def machine_facts(cases, engine_url):
    import django

    import wagtail

    facts = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": sh("git", "rev-parse", "--short", "HEAD", cwd=ROOT).strip(),
        "dirty": bool(sh("git", "status", "--porcelain", cwd=ROOT).strip()),
        "cores": os.cpu_count(),
        "load_avg": os.getloadavg(),
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


def spread(rounds, key):
    values = [r[key] for r in rounds]
    return statistics.median(values), min(values), max(values)


def fmt(triple, digits=1):
    mid, low, high = triple
    return f"{mid:.{digits}f} ({low:.{digits}f}–{high:.{digits}f})"


def markdown(report):
    facts = report["facts"]
    lines = [
        f"# Finder benchmark {facts['date']} at {facts['commit']}{' (dirty)' if facts['dirty'] else ''}",
        "",
        "Machine: "
        + ", ".join(f"{k} {v}" for k, v in facts.items() if k not in ("date", "commit")),
        "",
        "## Finder API in-process (Django test Client), whole query mix",
        "",
        "Median over rounds (min–max across rounds), milliseconds; q/s is sequential.",
        "",
        "| Backend | N | p50 ms | p95 ms | p99 ms | q/s | engine `took` p50 / p95 ms | index docs/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for case in report["cases"]:
        for name, result in case["backends"].items():
            rounds = result["in_process"]["rounds"]
            took = result["in_process"].get("took")
            took_text = ""
            if took:
                all_took = list(took.values())
                took_text = f"{statistics.median(t['p50'] for t in all_took):.0f} / {max(t['p95'] for t in all_took):.0f}"
            index = result.get("index")
            lines.append(
                f"| {name} | {case['n']:,} | {fmt(spread(rounds, 'p50'))} | {fmt(spread(rounds, 'p95'))} "
                f"| {fmt(spread(rounds, 'p99'))} | {fmt(spread(rounds, 'qps'), 0)} | {took_text} "
                f"| {index['docs_per_s']:.0f} |"
                if index
                else f"| {name} | {case['n']:,} | {fmt(spread(rounds, 'p50'))} | {fmt(spread(rounds, 'p95'))} "
                f"| {fmt(spread(rounds, 'p99'))} | {fmt(spread(rounds, 'qps'), 0)} | {took_text} | |"
            )
    http_rows = [
        (case, name, result["http"])
        for case in report["cases"]
        for name, result in case["backends"].items()
        if result.get("http")
    ]
    if http_rows:
        lines += [
            "",
            "## Finder API over HTTP (gunicorn, 2 workers, sequential client)",
            "",
            "| Backend | N | p50 ms | p95 ms | p99 ms | q/s |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for case, name, http in http_rows:
            r = http["rounds"]
            lines.append(
                f"| {name} | {case['n']:,} | {fmt(spread(r, 'p50'))} | {fmt(spread(r, 'p95'))} "
                f"| {fmt(spread(r, 'p99'))} | {fmt(spread(r, 'qps'), 0)} |"
            )
    lines += ["", "## p50 / p95 ms by query type (all rounds pooled)", ""]
    columns = [(case, name) for case in report["cases"] for name in case["backends"]]
    categories = list(columns[0][0]["backends"][columns[0][1]]["in_process"]["categories"])
    lines.append("| Query | " + " | ".join(f"{n} N={c['n']:,}" for c, n in columns) + " |")
    lines.append("|---|" + "---:|" * len(columns))
    for cat in categories:
        cells = []
        for case, name in columns:
            s = case["backends"][name]["in_process"]["categories"][cat]
            took = case["backends"][name]["in_process"].get("took", {}).get(cat)
            cell = f"{s['p50']:.0f} / {s['p95']:.0f}"
            if took:
                cell += f" (took {took['p50']:.0f})"
            cells.append(cell)
        lines.append(f"| {cat} | " + " | ".join(cells) + " |")
    baselines = [case for case in report["cases"] if case.get("baseline")]
    if baselines:
        lines += [
            "",
            "## Stock Wagtail baseline (real CoursePages) and our speed-up",
            "",
            "Baseline: `CoursePage.objects.live().public().search()` (Wagtail database backend), "
            "bounding box on indexed session lat/lon, `prefetch_related`, haversine in Python; "
            "called directly (no view, no JSON). Ours: the whole API request on the same "
            "database, catalogue of N entries. Speed-up = baseline p50 / ours p50.",
            "",
            "| Database | Pages | Query | SQL queries | baseline p50 / p95 ms | ours p50 ms (N) | speed-up |",
            "|---|---:|---|---:|---:|---:|---:|",
        ]
        for case in baselines:
            base = case["baseline"]
            ours = case["backends"][f"{case['database']}/database"]["in_process"]["categories"]
            for cat, s in base["categories"].items():
                lines.append(
                    f"| {case['database']} | {base['pages']:,} | {cat} | {base['query_counts'][cat]} "
                    f"| {s['p50']:.0f} / {s['p95']:.0f} | {ours[cat]['p50']:.0f} ({case['n']:,}) "
                    f"| {s['p50'] / ours[cat]['p50']:.1f}× |"
                )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N=1k only, fewer rounds")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--no-engine", action="store_true")
    parser.add_argument("--http", action="store_true", help="also over HTTP (gunicorn -w 2)")
    parser.add_argument("--baseline-pages", type=int, default=1000, help="0 to skip")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=3)
    parser.add_argument("--tag", default="", help="appended to the result file names")
    args = parser.parse_args(argv)
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    rounds = 3 if args.quick else args.rounds
    databases = args.databases.split(",")
    DATA.mkdir(exist_ok=True)
    RESULTS.mkdir(exist_ok=True)

    engine_url, started_engine = None, False
    pg_url = start_postgres() if "postgres" in databases else None
    if not args.no_engine and pg_url:
        engine_url, started_engine = start_opensearch()
    cases = []
    try:
        for database in databases:
            if database == "sqlite":
                path = DATA / "bench.sqlite3"
                path.unlink(missing_ok=True)
                url, backends, extra = f"sqlite:///{path}", ["database"], {}
            else:
                url, backends = pg_url, ["database"] + (["engine"] if engine_url else [])
                extra = {"OPENSEARCH_URL": engine_url} if engine_url else {}
            for i, n in enumerate(sizes):
                spec = {
                    "n": n,
                    "backends": backends,
                    "rounds": rounds,
                    "iterations": args.iterations,
                    "http": args.http,
                    # Real pages once per database, in the first (smallest) case.
                    "baseline": args.baseline_pages if i == 0 else 0,
                }
                cases.append(run_case(url, spec, extra))
        report = {"facts": machine_facts(cases, engine_url), "cases": cases}
    finally:
        if started_engine:
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
