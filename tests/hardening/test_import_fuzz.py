"""Malformed course CSV files through ``manage.py import_courses``.

Hypothesis writes files with shuffled, missing and extra columns, duplicated
keys, formula cells, huge fields, NUL bytes and text in other encodings, mixed
with valid rows. Whatever the file, the command finishes with a report (or a
``CommandError`` naming the problem), every course is imported whole or not at
all, every rejected course's rows are named, and the course already stored is
still there.
"""

import csv
import io
import re
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.plugins import ImportReport
from courses.importer import CourseCsvImporter
from courses.models import CoursePage
from tests.factories.cms import OrganisationFactory
from tests.factories.courses import CourseIndexPageFactory

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "courses" / "data" / "example-courses.csv"
COLUMNS = next(csv.reader(io.StringIO(EXAMPLE.read_text())))
STORED_KEY = "example-listening-skills"
GOOD = {
    "key": "good-course", "title": "Good course", "provider": "Self-Help Nottingham",
    "summary": "Fine.", "recognition": "none", "delivery": "in_person", "cost": "free",
    "booking_contact": "book@example.org", "session_start": "2030-03-14 10:00",
    "session_end": "2030-03-14 12:00", "online": "no", "venue_name": "Hall",
    "address": "1 Street", "postcode": "LS6 3HN", "venue_visibility": "area",
}  # fmt: skip
BAD_CELLS = [
    "=HYPERLINK(\"http://evil.example\")", "+1+1", "-2", "@SUM(A1)", "=cmd|' /C calc'!A0",
    "\x00", "a\x00b", "\r", "\t=1", "2030-02-30 10:00", "yesterday", "-5", "1e400",
    "x" * 70_000, "y" * 200_000, "NG1 5DL", "ZZ99 9ZZ", "SW1A 1AA", "secret", "cpd",
    "1; 2", "Peer support practice", "Nope topic", STORED_KEY, "good-course",
]  # fmt: skip


def cell(column):
    good = GOOD.get(column, "")
    return st.one_of(
        st.just(good),
        st.just(good),
        st.sampled_from(BAD_CELLS),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
    )


@st.composite
def csv_files(draw):
    """(bytes, encoding) of a CSV file that is mostly plausible and partly broken."""
    columns = draw(st.permutations(COLUMNS))
    columns = [c for c in columns if draw(st.integers(0, 19)) > 0]  # drop a few
    columns += draw(st.lists(st.sampled_from(["extra", "", "key", "notes"]), max_size=2))
    keys = st.sampled_from(["good-course", "second", STORED_KEY, "", "Good Course!", "x" * 300])
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = {column: draw(cell(column)) for column in columns}
        row["key"] = draw(keys)
        values = [row[column] for column in columns]
        values += draw(st.lists(st.just("surplus"), max_size=1))  # a row longer than the header
        rows.append(values)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    text = buffer.getvalue()
    if encoding == "latin-1":
        text += "café,naïve\n"
    return text.encode(encoding, errors="replace"), encoding


def snapshot():
    return {
        course.slug: sorted(str(s.starts_at) for s in course.sessions.all())
        for course in CoursePage.objects.prefetch_related("sessions")
    }


def rows_by_key(data):
    """Session row numbers per course key, as the importer groups a UTF-8 file."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    groups = CourseCsvImporter().group_rows(reader, ImportReport())
    return {key: [number for number, _ in group.rows] for key, group in groups.items()}


@pytest.fixture
def stored_course(db, tmp_path):
    CourseIndexPageFactory()
    for name in ("Self-Help Nottingham", "Hearing Voices Network"):
        OrganisationFactory(name=name)
    call_command("import_courses", str(EXAMPLE), stdout=io.StringIO())
    return CoursePage.objects.get(slug=STORED_KEY)


def test_malformed_files_never_crash_or_lose_data(stored_course, tmp_path):
    path = tmp_path / "courses.csv"

    @given(csv_files())
    def check(file):
        data, encoding = file
        path.write_bytes(data)
        before = snapshot()
        out = io.StringIO()
        try:
            call_command("import_courses", str(path), stdout=out)
        except CommandError as error:
            assert str(error).strip()
        after = snapshot()
        report = out.getvalue()
        # Nothing already stored is lost.
        assert set(before) <= set(after)
        try:
            groups = rows_by_key(data)
        except UnicodeDecodeError:
            assert after == before, "a file that cannot be read changed the catalogue"
            return
        for slug, numbers in groups.items():
            if slug in after and after.get(slug) != before.get(slug):
                # Imported: whole, every session row of that key.
                assert len(after[slug]) == len(numbers), (slug, report)
            elif slug and numbers:
                # Not imported: the report names one of its rows.
                named = {int(n) for n in re.findall(r"\d+", report)}
                assert named & set(numbers) or "Missing columns" in report, (
                    slug,
                    numbers,
                    report,
                )

    check()


@pytest.mark.parametrize(
    "data, message",
    [
        ("café".encode("latin-1") + b",x\n", "UTF-8"),
        ("key,title\n".encode("utf-16"), "UTF-8"),
        (b"", "Missing columns"),
        (b"\x00\x00\x00", "Missing columns"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(stored_course, tmp_path, data, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_courses", str(path), stdout=out, stderr=io.StringIO())
    assert message in out.getvalue()
    assert CoursePage.objects.filter(slug=STORED_KEY).exists()


def test_a_huge_field_and_a_nul_byte_reject_their_rows_only(stored_course, tmp_path):
    header = ",".join(GOOD)
    good = ",".join(GOOD.values())
    huge = good.replace("Good course", "x" * 200_000).replace("good-course", "huge")
    nul = good.replace("Good course", "bad\x00title").replace("good-course", "nul")
    path = tmp_path / "mixed.csv"
    path.write_text("\n".join([header, good, huge, nul]) + "\n")
    out = io.StringIO()
    call_command("import_courses", str(path), stdout=out)
    report = out.getvalue()
    assert CoursePage.objects.filter(slug="good-course").exists()
    assert not CoursePage.objects.filter(slug__in=["huge", "nul"]).exists()
    assert "Row 3" in report and "Row 4" in report
