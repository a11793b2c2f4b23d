"""The benchmark's tables: what a reader sees when a part fails or was not run."""

import json
from pathlib import Path

import pytest

from bench import report, run

QUICK_RESULT = Path(__file__).parents[2] / "bench/results/2026-12-02-9d7b937-quick-clone.json"


@pytest.fixture
def result():
    return json.loads(QUICK_RESULT.read_text())


def only_size(result):
    return result["cases"][0]["sizes"][0]


def section(text, title):
    start = text.index(title)
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_a_lighthouse_page_that_failed_shows_why_and_the_others_still_show(result):
    engine = only_size(result)["backends"]["postgresql/engine"]
    engine["lighthouse"]["course"] = {"error": "Runtime error encountered: no page"}
    table = section(report.markdown(result), "## Lighthouse")
    course_row = next(line for line in table.splitlines() if line.startswith("| course"))
    assert "Lighthouse failed twice" in course_row
    assert "Runtime error encountered: no page" in course_row
    assert any(line.startswith("| network | 100") for line in table.splitlines())


def test_the_speed_up_is_given_for_each_backend_that_ran(result):
    size = only_size(result)
    base = size["baseline"]["categories"]["near 25mi"]["p50"]
    ours = size["backends"]["postgresql/engine"]["in_process"]["categories"]["near 25mi"]["p50"]
    row = next(
        line
        for line in section(report.markdown(result), "## Stock").splitlines()
        if "| near 25mi |" in line
    )
    assert row.rstrip(" |").endswith(f"{base / ours:.1f}×")

    del size["backends"]["postgresql/engine"]
    row = next(
        line
        for line in section(report.markdown(result), "## Stock").splitlines()
        if "| near 25mi |" in line
    )
    assert row.endswith("|  |  |")  # no engine, no engine figures


def test_the_quick_mode_audits_three_pages_and_unknown_pages_are_refused(capsys):
    assert run.parse(["--quick"]).lighthouse_pages == run.QUICK_LIGHTHOUSE_PAGES
    with pytest.raises(SystemExit):
        run.parse(["--lighthouse-pages", "home,basket"])
    assert "no page basket" in capsys.readouterr().err
