"""Course data from CSV: one row per session, rows sharing a ``key`` are one course.

Columns are documented in docs/courses.md; ``courses/data/example-courses.csv`` is a
working example. Each course is validated whole (page and every session, postcodes
geocoded) and saved in its own savepoint, so a bad row never leaves half a course.
Courses are matched by ``key`` (their slug under the finder): a re-import updates
them and replaces their sessions.
"""

import csv
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from cms.models import Organisation, Topic
from cms.plugins import Importer, ImportReport, validation_messages

from .choices import ACCESSIBILITY_FEATURES
from .models import AwardingBody, CourseIndexPage, CoursePage, CourseSession

REQUIRED_COLUMNS = ("key", "title", "provider", "session_start", "session_end")
COURSE_FIELDS = (
    "title", "summary", "recognition", "level", "credits", "certifier", "delivery",
    "cost", "cost_amount", "bursaries", "duration", "entry_requirements", "booking_url",
    "booking_contact", "accessibility_info",
)  # fmt: skip
TRUE = {"yes", "y", "true", "1"}
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M")


class RowError(Exception):
    """A problem with one row: shown with its row number."""

    def __init__(self, message, number):
        super().__init__(message)
        self.message = message
        self.number = number


@dataclass
class CourseRows:
    key: str
    rows: list = field(default_factory=list)  # (row number, dict)


def parse_datetime(value, column):
    for fmt in DATE_FORMATS:
        try:
            return timezone.make_aware(datetime.strptime(value.strip(), fmt))
        except ValueError:
            continue
    raise ValueError(f"{column} “{value}” is not a date and time like 2026-03-14 10:00")


def flag(value):
    return (value or "").strip().lower() in TRUE


class CourseCsvImporter(Importer):
    """Reads the documented CSV into course pages under the finder."""

    name = "courses_csv"
    label = "Courses (CSV)"

    def __init__(self, progress=None):
        self.progress = progress or (lambda done, total: None)

    def run(self, source, *, dry_run=False):
        report = ImportReport()
        index = CourseIndexPage.objects.first()
        if index is None:
            report.errors.append("There is no course finder page to import courses under.")
            return report
        reader = csv.DictReader(source)
        try:
            # Every row is read before anything is saved, so an unreadable file saves nothing.
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                report.errors.append(f"Missing columns: {', '.join(missing)}")
                return report
            groups = self.group_rows(reader, report)
        except UnicodeDecodeError:
            report.errors.append(
                "The file is not UTF-8 text: save it as “CSV UTF-8” and import it again."
            )
            return report
        total = len(groups)
        for done, group in enumerate(groups.values(), start=1):
            self.import_course(index, group, report, dry_run)
            self.progress(done, total)
        return report

    def group_rows(self, reader, report):
        """Rows by course key; an unparseable row or a NUL character rejects that row only."""
        groups, broken = {}, set()
        number = 1
        while True:
            number += 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                report.skipped += 1
                report.errors.append(f"Row {number}: cannot be read ({error})")
                continue
            row = {k: (v or "").strip() for k, v in row.items() if k}
            key = slugify(row.get("key", ""))
            if not key:
                report.skipped += 1
                report.errors.append(f"Row {number}: no key")
            elif any("\x00" in value for value in row.values()):
                # A course is imported whole or not at all: its other rows go too.
                broken.add(key)
                report.errors.append(f"Row {number} ({key}): contains a NUL character")
            else:
                groups.setdefault(key, CourseRows(key)).rows.append((number, row))
        for key in broken:
            report.skipped += 1
            groups.pop(key, None)
        return groups

    def import_course(self, index, group, report, dry_run):
        numbers = ", ".join(str(number) for number, _ in group.rows)
        try:
            with transaction.atomic():
                created = self.save_course(index, group)
                if dry_run:
                    transaction.set_rollback(True)
        except RowError as error:
            report.skipped += 1
            report.errors.append(f"Row {error.number}: {error.message}")
            return
        except ValidationError as error:
            report.skipped += 1
            report.errors.append(
                f"Rows {numbers} ({group.key}): {' | '.join(validation_messages(error))}"
            )
            return
        if created:
            report.created += 1
        else:
            report.updated += 1

    def save_course(self, index, group):
        first_number, first = group.rows[0]
        provider = Organisation.objects.filter(name=first["provider"]).first()
        if provider is None:
            raise RowError(f"no organisation called “{first['provider']}”", first_number)
        course = CoursePage.objects.child_of(index).filter(slug=group.key).first()
        created = course is None
        if created:
            course = CoursePage(slug=group.key, provider=provider)
        course.provider = provider
        values = {name: first.get(name, "") for name in COURSE_FIELDS}
        values["recognition"] = values["recognition"] or "none"
        values["delivery"] = values["delivery"] or "in_person"
        values["cost"] = values["cost"] or "free"
        values["bursaries"] = flag(values["bursaries"])
        values["credits"] = int(values["credits"]) if values["credits"].isdigit() else None
        try:
            values["cost_amount"] = (
                Decimal(values["cost_amount"]) if values["cost_amount"] else None
            )
        except InvalidOperation:
            raise RowError(
                f"cost_amount “{values['cost_amount']}” is not a number", first_number
            ) from None
        for name, value in values.items():
            setattr(course, name, value)
        body_name = first.get("awarding_body", "")
        course.awarding_body = (
            AwardingBody.objects.filter(name=body_name).first() if body_name else None
        )
        if body_name and course.awarding_body is None:
            raise RowError(f"no awarding body called “{body_name}”", first_number)
        course.audience = [a.strip() for a in first.get("audience", "").split(";") if a.strip()]
        topic_names = [t.strip() for t in first.get("topics", "").split(";") if t.strip()]
        topics = list(Topic.objects.filter(name__in=topic_names))
        unknown = set(topic_names) - {topic.name for topic in topics}
        if unknown:
            raise RowError(f"unknown topics: {', '.join(sorted(unknown))}", first_number)
        sessions = [self.build_session(number, row) for number, row in group.rows]
        course.sessions = sessions
        course.topics = topics
        if created:
            index.add_child(instance=course)  # validates the page (Page.save runs full_clean)
        else:
            course.full_clean()
            course.save()
        course.save_revision().publish()
        return created

    def build_session(self, number, row):
        try:
            starts_at = parse_datetime(row["session_start"], "session_start")
            ends_at = parse_datetime(row["session_end"], "session_end")
        except ValueError as error:
            raise RowError(str(error), number) from None
        session = CourseSession(
            starts_at=starts_at,
            ends_at=ends_at,
            online=flag(row.get("online")),
            venue_name=row.get("venue_name", ""),
            address=row.get("address", "").replace(" | ", "\n"),
            postcode=row.get("postcode", ""),
            venue_visibility=row.get("venue_visibility") or "area",
            booking_url=row.get("session_booking_url", ""),
            capacity=int(row["capacity"]) if row.get("capacity", "").isdigit() else None,
            **{name: flag(row.get(name)) for name, _ in ACCESSIBILITY_FEATURES},
        )
        try:
            session.full_clean(exclude=["page"])
        except ValidationError as error:
            raise RowError("; ".join(validation_messages(error)), number) from None
        return session
