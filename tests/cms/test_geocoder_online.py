"""The postcodes.io geocoder against a local stand-in server (never the internet)."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.exceptions import ImproperlyConfigured

import pytest

from cms.geocoding import (
    GeocoderUnavailable,
    OutsideCoverage,
    PlaceNotFound,
    clear_geocoder_cache,
    geocode,
)
from cms.geocoding.online import PostcodesIoGeocoder

SLOW_SECONDS = 2.0
# Only the slow endpoint is given a short timeout: a busy CI machine can take
# longer than that to answer even on localhost.
SLOW_TIMEOUT = 0.3

# Shaped like https://api.postcodes.io/postcodes/LS63HN (only the fields we read, and a few more).
KNOWN = {
    "LS63HN": {
        "postcode": "LS6 3HN",
        "outcode": "LS6",
        "latitude": 53.8152,
        "longitude": -1.5642,
        "country": "England",
        "region": "Yorkshire and The Humber",
        "admin_district": "Leeds",
        "codes": {"admin_district": "E08000035"},
    },
    "CF101AA": {
        "postcode": "CF10 1AA",
        "outcode": "CF10",
        "latitude": 51.4789,
        "longitude": -3.1755,
        "country": "Wales",
        "region": None,
        "admin_district": "Cardiff",
        "codes": {"admin_district": "W06000015"},
    },
    "EH11AA": {"postcode": "EH1 1AA", "latitude": 55.95, "longitude": -3.19, "country": "Scotland"},
}


class PostcodesIoStandIn(BaseHTTPRequestHandler):
    """Answers ``/<mode>/postcodes/<postcode>``; ``mode`` picks the behaviour."""

    def do_GET(self):
        self.server.paths.append(self.path)
        _empty, mode, _resource, postcode = self.path.split("/", 3)
        if mode == "slow":
            time.sleep(SLOW_SECONDS)
        if mode == "broken":
            self.send_json(500, {"status": 500, "error": "Internal server error"})
        elif mode == "garbled":
            self.send_body(200, b"<html>not json</html>")
        elif postcode in KNOWN:
            self.send_json(200, {"status": 200, "result": KNOWN[postcode]})
        else:
            self.send_json(404, {"status": 404, "error": "Postcode not found"})

    def send_json(self, status, data):
        self.send_body(status, json.dumps(data).encode())

    def send_body(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    """Keeps the slow handler's broken pipe (the client gave up) out of the test output."""

    def handle_error(self, request, client_address):
        pass


@pytest.fixture
def server(settings):
    # Server-side fetches refuse loopback addresses (cms/safety/urls.py); the
    # stand-in lives on 127.0.0.1, so these tests, and only these, allow it.
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    httpd = QuietServer(("127.0.0.1", 0), PostcodesIoStandIn)
    httpd.paths = []
    # A short poll interval makes shutdown() quick.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base_url(server, mode="ok"):
    host, port = server.server_address
    return f"http://{host}:{port}/{mode}"


@pytest.fixture
def online_first(settings, server):
    """Configure the chain as [postcodes.io stand-in in ``mode``, offline]."""

    def configure(mode):
        settings.PEER_SUPPORT_GEOCODERS = [
            {
                "class": "cms.geocoding.online.PostcodesIoGeocoder",
                "base_url": base_url(server, mode),
                "timeout": SLOW_TIMEOUT if mode == "slow" else 10,
            },
            {"class": "cms.geocoding.offline.OfflineGeocoder"},
        ]
        clear_geocoder_cache()

    yield configure
    clear_geocoder_cache()


def test_full_postcode_gets_its_own_point_but_a_district_label(server):
    result = PostcodesIoGeocoder(base_url=base_url(server)).geocode("ls6 3hn")
    assert server.paths == ["/ok/postcodes/LS63HN"]
    assert (result.kind, result.label, result.district) == ("postcode", "LS6", "LS6")
    assert (result.latitude, result.longitude) == (53.8152, -1.5642)
    assert (result.region_name, result.lad_code, result.lad_name) == (
        "Yorkshire and The Humber",
        "E08000035",
        "Leeds",
    )
    assert not any("3HN" in str(value) for value in vars(result).values())


def test_welsh_postcode_has_wales_as_its_region(server):
    result = PostcodesIoGeocoder(base_url=base_url(server)).geocode("CF10 1AA")
    assert (result.region_name, result.country, result.lad_name) == ("Wales", "Wales", "Cardiff")


def test_scottish_postcode_is_outside_coverage(server):
    with pytest.raises(OutsideCoverage) as caught:
        PostcodesIoGeocoder(base_url=base_url(server)).geocode("EH1 1AA")
    assert caught.value.country == "Scotland"


@pytest.mark.parametrize("query", ["BT1 1AA", "JE2 3AB", "LS6", "Leeds"])
def test_only_full_gb_postcodes_are_sent(server, query):
    with pytest.raises((OutsideCoverage, PlaceNotFound)):
        PostcodesIoGeocoder(base_url=base_url(server)).geocode(query)
    assert server.paths == []


def test_in_the_chain_the_online_answer_wins(online_first):
    online_first("ok")
    assert geocode("LS6 3HN").kind == "postcode"


def test_towns_fall_through_to_offline(online_first, server):
    online_first("ok")
    assert geocode("Leeds").kind == "town"
    assert server.paths == []


def test_unknown_postcode_falls_back_to_its_district(online_first):
    online_first("ok")
    result = geocode("LS6 9ZZ")
    assert (result.kind, result.label) == ("district", "LS6")


@pytest.mark.parametrize("mode", ["slow", "broken", "garbled"])
def test_failures_fall_back_to_offline(online_first, server, mode, caplog):
    online_first(mode)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="cms.geocoding.online"):
        result = geocode("LS6 3HN")
    assert time.monotonic() - started < SLOW_SECONDS
    assert (result.kind, result.label) == ("district", "LS6")
    assert len(server.paths) == 1
    assert caplog.records, "a failure is logged"
    assert "3HN" not in caplog.text  # the postcode never reaches the logs


def test_connection_refused_is_unavailable(server):
    geocoder = PostcodesIoGeocoder(base_url=base_url(server))
    server.shutdown()
    server.server_close()
    with pytest.raises(GeocoderUnavailable):
        geocoder.geocode("LS6 3HN")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com", "api.postcodes.io"])
def test_base_url_must_be_http(url):
    with pytest.raises(ImproperlyConfigured):
        PostcodesIoGeocoder(base_url=url)
