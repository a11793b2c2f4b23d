"""Malformed iCalendar feeds through the networks' calendar importer.

Hypothesis writes feeds mixing good events with broken ones (no UID, impossible
or reversed dates, junk recurrence rules, huge or NUL-bearing text, other
encodings, files cut short). The feed is served by a local HTTP server (the
third party's boundary). Whatever arrives, the import ends with a report, every
entry is a whole draft event or is named in the report, and the events already
stored are still there.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import given
from hypothesis import strategies as st

from networks.importers import CalendarFeed, CalendarImporter
from networks.models import EventPage
from tests.factories.networks import EventPageFactory, network

pytestmark = pytest.mark.django_db

FEED = {"body": b""}
GOOD = {
    "UID": "good-1@example.org", "SUMMARY": "Open evening", "DTSTART": "20300601T180000Z",
    "DTEND": "20300601T200000Z", "LOCATION": "Community hall, E1", "DESCRIPTION": "Tea.",
}  # fmt: skip
BAD = {
    "UID": ["", "dup@example.org", "x" * 2000],
    "SUMMARY": ["", "a\x00b", "=HYPERLINK(1)", "y" * 100_000, "<script>x</script>"],
    "DTSTART": ["", "2030", "20300230T100000Z", "not a date", "00000000T000000", "20300601"],
    "DTEND": ["20200101T000000Z", "garbage", "20300601"],
    "RRULE": ["FREQ=SECONDLY", "FREQ=DAILY;COUNT=100000", "FREQ=NOPE", "FREQ=WEEKLY;UNTIL=x"],
    "LOCATION": ["\x00", "z" * 10_000],
    "DESCRIPTION": ["\\n" * 5000],
}


class Feed(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        self.wfile.write(FEED["body"])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def feed_url():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/calendar.ics"
    httpd.shutdown()
    httpd.server_close()


@st.composite
def feeds(draw):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN"]
    uids = []
    for number in range(draw(st.integers(0, 5))):
        event = {**GOOD, "UID": f"event-{number}@example.org"}
        for name, values in BAD.items():
            if draw(st.integers(0, 3)) == 0:
                event[name] = draw(st.sampled_from(values))
        uids.append(event["UID"])
        lines += ["BEGIN:VEVENT", *(f"{k}:{v}" for k, v in event.items() if v), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    text = "\r\n".join(lines) + "\r\n"
    cut = draw(st.sampled_from([None, None, None, len(text) // 2]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"]))
    return text[:cut].encode(encoding, errors="replace"), uids


def test_malformed_feeds_never_crash_or_lose_events(settings, feed_url):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    london = network("london")
    stored = EventPageFactory(title="Stored event")

    @given(feeds())
    def check(feed):
        FEED["body"], uids = feed
        report = CalendarImporter().run(CalendarFeed(london, feed_url))
        assert EventPage.objects.filter(pk=stored.pk).exists()
        text = " ".join(report.errors + report.lines)
        for page in EventPage.objects.filter(import_uid__in=uids):
            revision = page.get_latest_revision_as_object()
            assert revision.occurrences.count() or revision.repeats, page.import_uid
        handled = report.created + report.updated + report.unchanged + report.skipped
        assert handled == len(set(uids)) or report.errors, text

    check()
