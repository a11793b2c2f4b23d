"""Where training is: counts by region, authority and recognition, and the CSV."""

import csv
import io

import pytest

from cms.exports import safe_cell
from cms.models import Topic
from courses.coverage import coverage_table

pytestmark = pytest.mark.django_db


def test_counts_by_region_and_recognition(client, courses):
    response = client.get("/courses/coverage/")
    assert response.status_code == 200
    table = response.context["coverage"]
    by_region = {row.region: row.counts for row in table.regions}
    # (accredited, CPD, not accredited) among courses with upcoming in-person sessions.
    assert by_region["Yorkshire and The Humber"] == (1, 1, 0)
    assert by_region["East Midlands"] == (0, 0, 1)
    assert by_region["London"] == (0, 0, 1)
    assert table.online == (0, 0, 1)
    gaps = {row.region: row.missing_topics for row in table.regions}
    assert "Recovery" in gaps["London"]
    authorities = {row.local_authority for row in table.rows}
    assert {"Leeds", "Sheffield", "Nottingham"} <= authorities


def test_topics_with_no_course_in_the_region(client, courses):
    recovery = Topic.objects.get(name="Recovery")
    courses["leeds"].topics.add(recovery)
    courses["leeds"].save()
    gaps = {
        row.region: row.missing_topics
        for row in coverage_table(courses["leeds"].get_parent().specific).regions
    }
    assert "Recovery" not in gaps["Yorkshire and The Humber"]
    assert "Recovery" in gaps["East Midlands"]
    assert "Recovery" in client.get("/courses/coverage/").content.decode()


def test_csv_download(client, courses):
    response = client.get("/courses/coverage/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0].startswith("Courses with upcoming sessions, as of ")
    assert rows[1][:2] == ["Region", "Local authority"]
    assert ["Yorkshire and The Humber", "Leeds", "1", "0", "0", "1"] in rows


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx"])
def test_csv_cells_escaped_against_formulas(value):
    assert safe_cell(value) == f"'{value}"
    assert safe_cell("Leeds") == "Leeds"
