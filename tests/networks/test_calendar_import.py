"""The calendar importer against a real HTTP server on 127.0.0.1 serving real ``.ics`` files."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone

import pytest
from icalendar import Calendar, Event

from cms.hooks import importers, periodic_jobs
from networks import importers as importer_module
from networks.importers import CalendarFeed
from networks.models import EventIndexPage, EventOccurrence, EventPage
from tests.factories.networks import child_index, network

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


class CalendarServer(BaseHTTPRequestHandler):
    """Serves ``routes``: path → (status, content type, body bytes or a callable)."""

    routes = {}

    def do_GET(self):
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"missing"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if status in (301, 302):
            self.send_header("Location", body.decode())
        self.end_headers()
        if callable(body):
            body(self.wfile)
        else:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), CalendarServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_local_server(settings):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]


def next_weekday(weekday, after_days=3):
    day = timezone.localdate() + datetime.timedelta(days=after_days)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def second_tuesday_after(day):
    month = day.replace(day=1)
    while True:
        first_tuesday = month + datetime.timedelta(days=(1 - month.weekday()) % 7)
        second = first_tuesday + datetime.timedelta(days=7)
        if second > day:
            return second
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), LONDON)


def vevent(uid, summary, start, end=None, **extra):
    event = Event()
    if uid:
        event.add("uid", uid)
    if summary:
        event.add("summary", summary)
    event.add("dtstart", start)
    if end:
        event.add("dtend", end)
    for name, value in extra.items():
        event.add(name.replace("_", "-"), value)
    return event


def feed(*, one_off_title="Open meeting", extra=()):
    """A network's calendar: two good entries and one of each kind of bad one."""
    calendar = Calendar()
    calendar.add("prodid", "-//Example network//EN")
    calendar.add("version", "2.0")
    soon = next_weekday(3)
    monthly_start = second_tuesday_after(timezone.localdate())
    past = timezone.localdate() - datetime.timedelta(days=20)
    entries = [
        vevent(
            "open-meeting@example.org",
            one_off_title,
            at(soon, 18),
            at(soon, 20),
            description="All welcome.\n\nTea and biscuits.",
            location="Friends Meeting House, 1 Example Street, Leeds",
            url="https://network.example.org/open-meeting",
        ),
        vevent(
            "monthly@example.org",
            "Monthly peer group",
            at(monthly_start, 18, 30),
            at(monthly_start, 20),
            rrule={"freq": "monthly", "byday": "2TU"},
        ),
        vevent("all-day@example.org", "Conference", soon),
        vevent("no-title@example.org", "", at(soon, 10)),
        vevent(
            "twice-weekly@example.org",
            "Twice a week",
            at(next_weekday(1), 10),
            rrule={"freq": "weekly", "byday": ["TU", "TH"]},
        ),
        vevent("backwards@example.org", "Backwards", at(soon, 12), at(soon, 11)),
        vevent("past@example.org", "Last month", at(past, 10), at(past, 11)),
        vevent(
            "monthly@example.org",
            "Moved date",
            at(soon, 19),
            recurrence_id=at(monthly_start, 18, 30),
        ),
        vevent("", "No UID", at(soon, 10)),
        *extra,
    ]
    for entry in entries:
        calendar.add_component(entry)
    return calendar.to_ical()


def serve(path, body, content_type="text/calendar; charset=utf-8", status=200):
    CalendarServer.routes[path] = (status, content_type, body)


def run(url, **kwargs):
    return importers.get("networks_ical").run(CalendarFeed(network(), url), **kwargs)


def imported():
    return EventPage.objects.exclude(import_uid="").order_by("import_uid")


@pytest.mark.usefixtures("allow_local_server")
class TestImport:
    def test_good_entries_become_drafts_and_bad_ones_are_reported(self, server):
        serve("/calendar.ics", feed())
        report = run(server + "/calendar.ics")
        assert (report.created, report.updated, report.skipped) == (2, 0, 7)
        reasons = "\n".join(report.errors)
        for reason in (
            "“Conference”: all-day entries are not imported",
            "“no-title@example.org”: it has no title",
            "“Twice a week”: its repeat is not supported: the event repeats on more than one day",
            "“Backwards”: end: The end must be after the start.",
            "“Last month”: it has passed.",
            "“Moved date”: a change to one date of a repeating event is not imported.",
            "“No UID”: it has no UID",
        ):
            assert reason in reasons

        monthly, meeting = imported()
        assert [page.live for page in (monthly, meeting)] == [False, False]
        assert {page.get_parent().id for page in (monthly, meeting)} == {
            child_index(EventIndexPage).id
        }
        assert meeting.title == "Open meeting"
        assert meeting.summary == "All welcome. Tea and biscuits."
        assert meeting.description == "<p>All welcome.</p>\n\n<p>Tea and biscuits.</p>"
        assert meeting.booking_url == "https://network.example.org/open-meeting"
        assert meeting.venue_visibility == "area"
        assert meeting.address == "Friends Meeting House, 1 Example Street, Leeds"
        [occurrence] = meeting.occurrences.all()
        assert timezone.localtime(occurrence.start).hour == 18
        assert monthly.schedule.describe() == "on the second Tuesday of each month, 6:30–8pm"
        assert monthly.scheduled_occurrences.count() in (12, 13)
        # Nothing half-made from the rejected entries.
        assert EventOccurrence.objects.filter(page__in=imported()).count() == 1

    def test_importing_again_changes_nothing_and_an_edit_is_a_new_draft_revision(self, server):
        serve("/calendar.ics", feed())
        run(server + "/calendar.ics")
        revisions = {page.pk: page.revisions.count() for page in imported()}

        again = run(server + "/calendar.ics")
        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
        assert {page.pk: page.revisions.count() for page in imported()} == revisions

        serve("/calendar.ics", feed(one_off_title="Open meeting (new room)"))
        edited = run(server + "/calendar.ics")
        assert (edited.created, edited.updated, edited.unchanged) == (0, 1, 1)
        assert imported().count() == 2
        meeting = imported().get(import_uid="open-meeting@example.org")
        assert meeting.get_latest_revision_as_object().title == "Open meeting (new room)"
        assert meeting.live is False

    def test_a_dry_run_saves_nothing(self, server):
        serve("/calendar.ics", feed())
        report = run(server + "/calendar.ics", dry_run=True)
        assert report.created == 2
        assert not imported().exists()

    def test_the_management_command_prints_a_report(self, server):
        serve("/calendar.ics", feed())
        out = StringIO()
        call_command("import_calendar", "london", server + "/calendar.ics", stdout=out)
        assert "created 2, updated 0, unchanged 0, rejected 7." in out.getvalue()
        assert "it has passed" in out.getvalue()

    def test_the_scheduled_job_imports_each_configured_network(self, server):
        serve("/calendar.ics", feed())
        london = network()
        london.calendar_feed_url = server + "/calendar.ics"
        london.save_revision().publish()
        summary = periodic_jobs.get("networks-calendar-import").run(timezone.now())
        assert summary == "London: created 2, updated 0, unchanged 0, rejected 7"


@pytest.mark.usefixtures("allow_local_server")
class TestLimits:
    def test_only_text_calendar(self, server):
        serve("/page.html", b"<html></html>", content_type="text/html")
        report = run(server + "/page.html")
        assert report.errors == ["The address serves text/html, not text/calendar."]

    def test_at_most_5_mb(self, server):
        def six_megabytes(out):
            for _ in range(6 * 16):
                out.write(b"X" * 65536)

        serve("/big.ics", six_megabytes)
        assert run(server + "/big.ics").errors == ["The calendar is larger than 5 MB."]

    def test_a_slow_server_times_out(self, server, monkeypatch):
        monkeypatch.setattr(importer_module, "TIMEOUT_SECONDS", 1)

        def slow(out):
            out.write(b"BEGIN:VCALENDAR\r\n")
            out.flush()
            time.sleep(2)

        serve("/slow.ics", slow)
        started = time.monotonic()
        [error] = run(server + "/slow.ics").errors
        assert "took longer than 1 seconds" in error or "timed out" in error
        assert time.monotonic() - started < 3

    def test_a_server_error_is_reported(self, server):
        serve("/gone.ics", b"", status=404)
        assert run(server + "/gone.ics").errors == ["The calendar server answered 404 Not Found."]

    def test_not_a_calendar(self, server):
        serve("/junk.ics", b"this is not a calendar")
        [error] = run(server + "/junk.ics").errors
        assert error.startswith("The file is not a valid iCalendar")

    def test_a_redirect_to_the_metadata_address_is_refused(self, server):
        serve("/moved.ics", b"http://169.254.169.254/latest/meta-data/", status=302)
        [error] = run(server + "/moved.ics").errors
        assert error.startswith("Refused to fetch")
        assert "non-public address" in error


def test_a_loopback_address_is_refused_without_the_test_setting(server):
    serve("/calendar.ics", feed())
    [error] = run(server + "/calendar.ics").errors
    assert error == (
        f"Refused to fetch {server}/calendar.ics: 127.0.0.1 resolves to a non-public address."
    )
    assert not imported().exists()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x.ics"])
def test_other_schemes_are_refused(url):
    [error] = run(url).errors
    assert error.startswith(f"Refused to fetch {url}: scheme")
