"""The Markdown tables of a benchmark run (``bench.run`` writes them with the JSON)."""

import statistics


def spread(rounds, key):
    values = [r[key] for r in rounds]
    return statistics.median(values), min(values), max(values)


def fmt(triple, digits=1):
    mid, low, high = triple
    return f"{mid:.{digits}f} ({low:.{digits}f}–{high:.{digits}f})"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]


def measured(report):
    """(database, size result) for every size of every case, in run order."""
    return [(case, size) for case in report["cases"] for size in case["sizes"]]


def backends(report):
    return [
        (case, size, name, result)
        for case, size in measured(report)
        for name, result in size["backends"].items()
    ]


def indexing_section(report):
    rows = []
    for case, size in measured(report):
        engine = next((b for b in size["backends"].values() if b.get("index")), None)
        publish = {
            name.split("/")[1]: f"{result['publish']['median_s'] * 1000:.0f}"
            for name, result in size["backends"].items()
        }
        per_commit = size.get("rebuild_per_commit")
        drift = {k: v for b in size["backends"].values() for k, v in b["drift"].items() if v}
        rows.append(
            [
                case["database"],
                f"{size['n']:,}",
                f"{size['pages_per_s']:.0f}",
                f"{size['rebuild']['docs_per_s']:.0f}"
                + (f" ({per_commit['docs_per_s']:.0f})" if per_commit else ""),
                f"{size['rebuild']['seconds']:.1f}",
                f"{engine['index']['docs_per_s']:.0f}" if engine else "",
                " / ".join(f"{k} {v}" for k, v in publish.items()),
                ", ".join(f"{k} {v}" for k, v in drift.items()) or "none",
            ]
        )
    return [
        "## Generation and indexing",
        "",
        "Pages/s: bulk creation of new pages (with sessions, occurrences, topics). Catalogue "
        "docs/s: `search.sync.rebuild_database` from the apps' sources as `catalogue_index "
        "rebuild` runs it (chunks of 500 documents, a transaction each; older results: in "
        "brackets, a commit per document). "
        "Engine docs/s: `Engine.rebuild()` (new index, bulk, alias swap). Publish → "
        "searchable: median ms from `save_revision().publish()` to the API finding the page.",
        "",
        *table(
            [
                "Database",
                "N",
                "pages/s",
                "catalogue docs/s",
                "catalogue s",
                "engine docs/s",
                "publish → searchable ms",
                "drift",
            ],
            rows,
        ),
    ]


def finder_section(report):
    rows = []
    for _case, size, name, result in backends(report):
        rounds = result["in_process"]["rounds"]
        took = result["in_process"].get("took")
        took_text = ""
        if took:
            took_text = (
                f"{statistics.median(t['p50'] for t in took.values()):.0f} / "
                f"{max(t['p95'] for t in took.values()):.0f}"
            )
        rows.append(
            [
                name,
                f"{size['n']:,}",
                fmt(spread(rounds, "p50")),
                fmt(spread(rounds, "p95")),
                fmt(spread(rounds, "p99")),
                fmt(spread(rounds, "qps"), 0),
                took_text,
            ]
        )
    lines = [
        "## Finder API in-process (Django test Client), whole query mix",
        "",
        "Median over rounds (min–max across rounds), milliseconds; q/s is sequential.",
        "",
        *table(
            ["Backend", "N", "p50 ms", "p95 ms", "p99 ms", "q/s", "engine `took` p50 / p95 ms"],
            rows,
        ),
    ]
    http = [(size, name, r["http"]) for _c, size, name, r in backends(report) if r.get("http")]
    if http:
        lines += ["", "## Finder API over HTTP (gunicorn, 2 workers, sequential client)", ""]
        lines += table(
            ["Backend", "N", "p50 ms", "p95 ms", "p99 ms", "q/s"],
            [
                [
                    name,
                    f"{size['n']:,}",
                    *(fmt(spread(h["rounds"], key)) for key in ("p50", "p95", "p99")),
                    fmt(spread(h["rounds"], "qps"), 0),
                ]
                for size, name, h in http
            ],
        )
    columns = backends(report)
    categories = list(columns[0][3]["in_process"]["categories"])
    rows = []
    for category in categories:
        cells = []
        for _c, _s, _n, result in columns:
            stats = result["in_process"]["categories"][category]
            took = result["in_process"].get("took", {}).get(category)
            cell = f"{stats['p50']:.0f} / {stats['p95']:.0f}"
            cells.append(cell + (f" (took {took['p50']:.0f})" if took else ""))
        rows.append([category, *cells])
    lines += ["", "## Finder p50 / p95 ms by query type (all rounds pooled)", ""]
    lines += table(["Query", *(f"{n} N={s['n']:,}" for _c, s, n, _r in columns)], rows)
    return lines


def pages_section(report):
    columns = backends(report)
    names = list(columns[0][3]["page_queries"])
    rows = [
        [
            name,
            *(
                f"{r['page_queries'][name]['queries']} ({r['page_queries'][name]['bytes'] / 1024:.0f} KB)"
                for _c, _s, _n, r in columns
            ),
        ]
        for name in names
    ]
    lines = [
        "## SQL queries per page (Django test client, warm), and HTML size",
        "",
        *table(["Page", *(f"{n} N={s['n']:,}" for _c, s, n, _r in columns)], rows),
    ]
    for _case, size, name, result in columns:
        if result.get("wrk") and "skipped" not in result["wrk"]:
            loads = result["wrk"]
            concurrencies = list(next(iter(loads.values())))
            lines += [
                "",
                f"## Pages under `wrk`: {name}, N={size['n']:,} (gunicorn, 2 workers, "
                "production settings)",
                "",
                "Requests/s and p95 ms at each number of connections; errors are socket "
                "errors plus non-2xx replies.",
                "",
                *table(
                    ["Page", *(f"c={c} req/s · p95 ms" for c in concurrencies), "errors"],
                    [
                        [
                            page,
                            *(
                                f"{by_c[c]['rps']:.0f} · {by_c[c]['p95_ms']:.0f}"
                                for c in concurrencies
                            ),
                            sum(r["socket_errors"] + r["non_2xx"] for r in by_c.values()),
                        ]
                        for page, by_c in loads.items()
                    ],
                ),
            ]
        if result.get("lighthouse") and "skipped" not in result["lighthouse"]:
            lines += [
                "",
                f"## Lighthouse 12 (mobile, simulated throttling): {name}, N={size['n']:,}",
                "",
                *table(
                    [
                        "Page",
                        "performance",
                        "accessibility",
                        "best practices",
                        "LCP ms",
                        "TBT ms",
                        "CLS",
                        "audits below 100",
                    ],
                    [
                        [page, *lighthouse_cells(scores)]
                        for page, scores in result["lighthouse"].items()
                    ],
                ),  # fmt: skip
            ]
    return lines


def lighthouse_cells(scores):
    if "error" in scores:
        return ["Lighthouse failed twice", "", "", "", "", "", scores["error"]]
    return [
        scores["performance"],
        scores["accessibility"],
        scores["best-practices"],
        f"{scores['lcp_ms']:.0f}",
        f"{scores['tbt_ms']:.0f}",
        f"{scores['cls']:.3f}",
        ", ".join(scores["failed"]) or "none",
    ]


def speed_up(base_stats, ours):
    """``ours p50 ms``, ``speed-up`` cells for one backend's category stats (or blanks)."""
    if not ours:
        return ["", ""]
    return [f"{ours['p50']:.0f}", f"{base_stats['p50'] / ours['p50']:.1f}×"]


def baseline_section(report):
    rows = []
    for case, size in measured(report):
        base = size.get("baseline")
        if not base:
            continue
        backends = size["backends"]
        ours = {
            backend: backends.get(f"{case['database']}/{backend}", {})
            .get("in_process", {})
            .get("categories", {})
            for backend in ("database", "engine")
        }
        for category, stats in base["categories"].items():
            rows.append(
                [
                    case["database"],
                    f"{size['n']:,}",
                    f"{base['pages']:,}",
                    category,
                    base["query_counts"][category],
                    f"{stats['p50']:.0f} / {stats['p95']:.0f}",
                    *speed_up(stats, ours["database"].get(category)),
                    *speed_up(stats, ours["engine"].get(category)),
                ]
            )
    if not rows:
        return []
    return [
        "## Stock Wagtail baseline and our speed-up",
        "",
        "Baseline: `CoursePage.objects.live().public().search()` (Wagtail database backend) "
        "over the same generated course pages, bounding box on indexed session lat/lon, "
        "`prefetch_related`, haversine in Python; called directly (no view, no JSON). Ours: "
        "the whole API request over every kind on the same database, with the database "
        "backend and (where it ran) the engine, as production runs it. "
        "Speed-up = baseline p50 / ours p50.",
        "",
        *table(
            [
                "Database",
                "N",
                "course pages",
                "Query",
                "SQL queries",
                "baseline p50 / p95 ms",
                "ours, database p50 ms",
                "speed-up",
                "ours, engine p50 ms",
                "speed-up",
            ],
            rows,
        ),
    ]


def markdown(report):
    facts = report["facts"]
    dirty = " (dirty)" if facts["dirty"] else ""
    lines = [
        f"# Benchmark {facts['date']} at {facts['commit']}{dirty}",
        "",
        "Machine: "
        + ", ".join(f"{k} {v}" for k, v in facts.items() if k not in ("date", "commit")),
        "",
        *indexing_section(report),
        "",
        *finder_section(report),
        "",
        *pages_section(report),
        "",
        *baseline_section(report),
    ]
    return "\n".join(lines).rstrip() + "\n"
