"""The calendar importer: a network's public iCalendar feed into draft events.

Each VEVENT becomes a draft ``EventPage`` under the network's Events index,
matched by its UID on later runs (an update is a new draft revision; nothing
changes when the entry has not). A coordinator checks and publishes it: the
venue is imported as a private address with "area only" visibility. Each
entry is saved in its own savepoint, so a bad one is reported and leaves
nothing behind. Fetches go through ``cms.safety.urls.safe_urlopen``
(see ``fetch_calendar`` for the limits).
"""

import datetime
import time
from dataclasses import dataclass, field
from urllib.error import HTTPError, URLError

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify

from icalendar import Calendar
from icalendar.error import InvalidCalendar

from cms.plugins import Importer, ImportReport, validation_messages
from cms.safety.urls import UnsafeURLError, safe_urlopen

from .models import EventIndexPage, EventOccurrence, EventPage
from .recurrence import LONDON, Schedule, UnsupportedRule

TIMEOUT_SECONDS = 10
MAX_BYTES = 5 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
ACCEPTED_TYPE = "text/calendar"
IMPORTED_FIELDS = ("title", "summary", "description", "booking_url", "address", "online")


class FeedError(Exception):
    """The feed as a whole could not be read; ``message`` says why, for the report."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class EntryRejected(Exception):
    """One calendar entry that cannot become an event; the message is the reason."""


@dataclass
class CalendarFeed:
    """What to import: a network and the address of its public calendar."""

    network: object
    url: str


@dataclass
class CalendarImportReport(ImportReport):
    """An ``ImportReport`` that also counts entries that had not changed."""

    unchanged: int = 0
    lines: list = field(default_factory=list)

    def summary(self):
        return (
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {self.skipped}"
        )


def fetch_calendar(url):
    """The bytes of the calendar at ``url``, or ``FeedError``.

    http(s) only and public addresses only, after every redirect too
    (``safe_urlopen``); ten seconds in all; at most 5 MB; ``text/calendar`` only.
    """
    deadline = time.monotonic() + TIMEOUT_SECONDS
    try:
        response = safe_urlopen(url, timeout=TIMEOUT_SECONDS, follow_redirects=True)
    except UnsafeURLError as error:
        raise FeedError(f"Refused to fetch {url}: {error.reason}.") from None
    except HTTPError as error:
        raise FeedError(f"The calendar server answered {error.code} {error.reason}.") from None
    except (URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(f"Could not fetch the calendar: {reason}.") from None
    with response:
        content_type = response.headers.get_content_type()
        if content_type != ACCEPTED_TYPE:
            raise FeedError(f"The address serves {content_type}, not {ACCEPTED_TYPE}.")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_BYTES:
            raise FeedError("The calendar is larger than 5 MB.")
        return _read_limited(response, deadline)


def _read_limited(response, deadline):
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise FeedError(f"The calendar took longer than {TIMEOUT_SECONDS} seconds to fetch.")
        try:
            chunk = response.read(CHUNK_BYTES)
        except TimeoutError:
            raise FeedError(
                f"The calendar took longer than {TIMEOUT_SECONDS} seconds to fetch."
            ) from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BYTES:
            raise FeedError("The calendar is larger than 5 MB.")
        chunks.append(chunk)


def _moment(value):
    moment = value.dt if hasattr(value, "dt") else value
    if not isinstance(moment, datetime.datetime):
        raise EntryRejected("all-day entries are not imported: an event needs a start time")
    # A "floating" time has no zone: read it as UK time.
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def _exdates(vevent):
    values = vevent.get("exdate", [])
    values = values if isinstance(values, list) else [values]
    return [_moment(item) for value in values for item in value.dts]


def _text(vevent, name):
    return str(vevent.get(name, "")).strip()


def entry_values(vevent, now):
    """The fields, one-off dates and schedule for one VEVENT, or ``EntryRejected``."""
    if "recurrence-id" in vevent:
        raise EntryRejected("a change to one date of a repeating event is not imported")
    if "rdate" in vevent:
        raise EntryRejected("extra dates (RDATE) are not imported")
    if _text(vevent, "status").upper() == "CANCELLED":
        raise EntryRejected("the entry is cancelled")
    title = _text(vevent, "summary")
    if not title:
        raise EntryRejected("it has no title (SUMMARY)")
    if "dtstart" not in vevent:
        raise EntryRejected("it has no start (DTSTART)")
    start = _moment(vevent["dtstart"])
    if "dtend" in vevent:
        end = _moment(vevent["dtend"])
    elif "duration" in vevent:
        end = start + vevent.decoded("duration")
    else:
        end = None
    description = _text(vevent, "description")
    url = _text(vevent, "url")
    location = _text(vevent, "location")
    online = location.lower().startswith(("http://", "https://")) or location.lower() == "online"
    values = {
        "title": Truncator(title).chars(255),
        "summary": Truncator(" ".join(description.split())).chars(300),
        "description": linebreaks(escape(description)),
        "booking_url": url if _is_web_address(url) else "",
        "address": "" if online else location,
        "online": online,
    }
    rule = vevent.get("rrule")
    if rule:
        try:
            schedule = Schedule.from_rule(start, end, rule, _exdates(vevent))
        except UnsupportedRule as error:
            raise EntryRejected(f"its repeat is not supported: {error}") from None
        if schedule.until and schedule.until < timezone.localdate(now):
            raise EntryRejected("all its dates have passed")
        return values, [], schedule
    if (end or start) < now:
        raise EntryRejected("it has passed")
    return values, [(start, end)], None


def _is_web_address(url):
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return False
    return True


def _unique_slug(index, title):
    base = slugify(title)[:80] or "event"
    taken = set(
        EventPage.objects.child_of(index)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class CalendarImporter(Importer):
    """Imports a network's public calendar (``CalendarFeed``) as draft events."""

    name = "networks_ical"
    label = "Network events (iCalendar feed)"

    def run(self, source, *, dry_run=False):
        report = CalendarImportReport()
        index = EventIndexPage.objects.child_of(source.network).first()
        if index is None:
            report.errors.append(f"{source.network.title} has no Events page to import into.")
            return report
        try:
            calendar = Calendar.from_ical(fetch_calendar(source.url))
        except FeedError as error:
            report.errors.append(error.message)
            return report
        except ValueError as error:
            report.errors.append(f"The file is not a valid iCalendar: {error}.")
            return report
        now = timezone.now()
        for vevent in calendar.walk("VEVENT"):
            self.import_entry(index, source.network, vevent, now, report, dry_run)
        return report

    def import_entry(self, index, network, vevent, now, report, dry_run):
        uid = _text(vevent, "uid")
        label = f"“{_text(vevent, 'summary').replace(chr(0), '') or uid or 'untitled'}”"
        try:
            # PostgreSQL refuses NUL in text: reject the entry rather than fail mid-save.
            if any("\x00" in str(value) for value in vevent.values()):
                raise EntryRejected("it holds a NUL character, which is not text")
            if not uid:
                raise EntryRejected("it has no UID, so a later import could not find it again")
            values, dates, schedule = entry_values(vevent, now)
            with transaction.atomic():
                outcome = self.save_entry(index, network, uid, values, dates, schedule)
                if dry_run:
                    transaction.set_rollback(True)
        except EntryRejected as error:
            report.skipped += 1
            report.errors.append(f"{label}: {error}.")
            return
        except ValidationError as error:
            report.skipped += 1
            report.errors.append(f"{label}: {'; '.join(validation_messages(error))}")
            return
        except InvalidCalendar as error:  # e.g. DTSTART:2030 (a broken property)
            report.skipped += 1
            report.errors.append(f"{label}: a property cannot be read ({str(error)[:200]}).")
            return
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.lines.append(f"{outcome}: {values['title']}")

    def save_entry(self, index, network, uid, values, dates, schedule):
        existing = EventPage.objects.descendant_of(network).filter(import_uid=uid).first()
        page = existing.get_latest_revision_as_object() if existing else EventPage(import_uid=uid)
        before = _snapshot(page) if existing else None
        for name, value in values.items():
            setattr(page, name, value)
        occurrences = [EventOccurrence(start=start, end=end) for start, end in dates]
        for occurrence in occurrences:
            occurrence.full_clean(exclude=["page"])
        page.occurrences = occurrences
        if schedule is not None:
            page.set_schedule(schedule)
        else:
            page.repeats = ""
        # Saving validates the page (Page.save and save_revision run full_clean).
        if existing is None:
            page.slug = _unique_slug(index, page.title)
            page.live = False
            index.add_child(instance=page)
            page.save_revision()
            return "created"
        if _snapshot(page) == before:
            return "unchanged"
        page.save_revision()
        return "updated"


def _snapshot(page):
    """What an import sets, to tell an unchanged entry from an updated one."""
    return (
        tuple(getattr(page, name) for name in IMPORTED_FIELDS),
        page.recurrence if page.repeats else "",
        tuple((o.start, o.end) for o in page.occurrences.all()),
    )
