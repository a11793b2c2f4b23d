"""``manage.py import_courses``: a good file, bad rows, re-import, unknown postcodes."""

import io
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from cms.hooks import importers
from courses.importer import CourseCsvImporter
from courses.models import CoursePage, CourseSession
from tests.factories.cms import OrganisationFactory

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "courses" / "data" / "example-courses.csv"
HEADER = EXAMPLE.read_text().splitlines()[0]


@pytest.fixture
def providers(course_index):
    for name in ("Self-Help Nottingham", "Hearing Voices Network"):
        OrganisationFactory(name=name)


def run(path, *args):
    out = io.StringIO()
    call_command("import_courses", str(path), *args, stdout=out)
    return out.getvalue()


def csv_file(tmp_path, *rows):
    path = tmp_path / "courses.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return path


GOOD = (
    "good-course,Good course,Self-Help Nottingham,Fine.,none,,,,,,,in_person,free,,,,,,"
    "book@example.org,,2030-03-14 10:00,2030-03-14 12:00,no,Hall,1 Street,LS6 3HN,area,,,,,,,"
)


def test_registered_as_an_importer_plugin():
    assert isinstance(importers.get("courses_csv"), CourseCsvImporter)


def test_good_file(providers):
    output = run(EXAMPLE)
    assert "Created 2, updated 0, rejected 0." in output
    assert "2/2" in output  # the progress bar
    course = CoursePage.objects.get(slug="example-listening-skills")
    assert course.live
    sessions = list(course.sessions.order_by("starts_at"))
    assert [s.postcode_district for s in sessions] == ["NG1", "NG7"]
    assert sessions[0].region.name == "East Midlands"
    assert sessions[0].address == "1 Example Street\nNottingham"
    online = CoursePage.objects.get(slug="example-facilitation-online")
    assert online.recognition == "cpd" and online.bursaries
    assert [t.name for t in online.sorted_topics] == ["Online peer support", "Self-help groups"]


def test_reimport_is_idempotent(providers):
    run(EXAMPLE)
    counts = (CoursePage.objects.count(), CourseSession.objects.count())
    output = run(EXAMPLE)
    assert "Created 0, updated 2, rejected 0." in output
    assert (CoursePage.objects.count(), CourseSession.objects.count()) == counts


def test_bad_rows_are_reported_and_leave_nothing_behind(providers, tmp_path):
    bad_session = GOOD.replace("good-course", "half-course").replace(
        "2030-03-14 12:00", "2030-03-14 09:00"
    )
    path = csv_file(
        tmp_path,
        GOOD,
        GOOD.replace("good-course", "half-course"),
        bad_session,
        GOOD.replace("good-course", "no-provider").replace("Self-Help Nottingham", "Nobody"),
        GOOD.replace("good-course", "bad-date").replace("2030-03-14 10:00", "next Tuesday"),
        GOOD.replace("good-course", "bad-topic").replace(
            ",,,,,,,in_person", ",,,,,Knitting,,in_person"
        ),
    )
    output = run(path)
    assert "Created 1, updated 0, rejected 4." in output
    assert "Row 4: ends_at: The session must end after it starts." in output
    assert "Row 5: no organisation called “Nobody”" in output
    assert "Row 6: session_start “next Tuesday” is not a date and time" in output
    assert "Row 7: unknown topics: Knitting" in output
    # The good first row of "half-course" was not saved without its bad second row.
    assert list(CoursePage.objects.values_list("slug", flat=True)) == ["good-course"]


def test_unknown_postcodes(providers, tmp_path):
    path = csv_file(
        tmp_path,
        GOOD.replace("LS6 3HN", "ZZ9 9ZZ"),
        GOOD.replace("LS6 3HN", "EH1 1AA").replace("good-course", "scottish"),
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_courses", str(path), stdout=out)
    output = out.getvalue()
    assert "Row 2: postcode: 'ZZ9 9ZZ' isn't a postcode we recognise" in output
    assert "Row 3: postcode: We list services in England and Wales." in output
    assert not CoursePage.objects.exists()


def test_dry_run_saves_nothing(providers):
    output = run(EXAMPLE, "--dry-run")
    assert "Would have created 2" in output
    assert not CoursePage.objects.exists()


def test_missing_columns_and_files(providers, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("title\nA course\n")
    with pytest.raises(CommandError):
        run(path)
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.csv")
