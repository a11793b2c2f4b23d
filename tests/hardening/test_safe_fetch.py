"""Server-side fetches cannot reach loopback, private, link-local or metadata addresses."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError

import pytest

from cms.geocoding import GeocoderUnavailable
from cms.geocoding.online import PostcodesIoGeocoder
from cms.safety import urls
from cms.safety.urls import UnsafeURLError, check_public_url, is_public_address, safe_urlopen

FORBIDDEN = [
    "127.0.0.1",
    "127.1.2.3",
    "0.0.0.0",
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "169.254.0.1",
    "100.64.0.1",  # carrier-grade NAT
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fd00::1",
    "fd12:3456::1",
    "fc00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "fd00:ec2::254",  # AWS metadata over IPv6
]
PUBLIC = ["93.184.215.14", "1.1.1.1", "8.8.8.8", "2606:4700:4700::1111"]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_non_public_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address):
    assert is_public_address(address)


def literal_url(address, path="/"):
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}{path}"


@pytest.mark.parametrize("address", FORBIDDEN)
def test_literal_non_public_urls_are_refused(address):
    with pytest.raises(UnsafeURLError):
        check_public_url(literal_url(address))


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://LOCALHOST./",
        "http://2130706433/",  # 127.0.0.1 as one number
        "http://0x7f.1/",  # 127.0.0.1 in hex and short form
        "http://017700000001/",  # 127.0.0.1 in octal
        "http://127.1/",
        "http://[::ffff:7f00:1]/",
        "http://0/",
    ],
)
def test_other_spellings_of_loopback_are_refused_after_resolution(url):
    with pytest.raises((UnsafeURLError, OSError)):
        check_public_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.com/",
        "gopher://example.com/",
        "data:text/plain,hello",
        "http://user:pass@example.com/",
        "http://example.com:99999/",
        "http:///nohost",
    ],
)
def test_bad_schemes_credentials_and_malformed_urls_are_refused(url):
    with pytest.raises(UnsafeURLError):
        check_public_url(url)


def fake_dns(monkeypatch, mapping):
    """Make getaddrinfo answer ``mapping[host]`` (a list of addresses)."""

    def getaddrinfo(host, port, *args, **kwargs):
        family = socket.AF_INET6
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in mapping[host]
        ] or [(family, socket.SOCK_STREAM, 6, "", ("::", port))]

    monkeypatch.setattr(urls.socket, "getaddrinfo", getaddrinfo)


def test_a_name_with_any_private_address_is_refused(monkeypatch):
    fake_dns(monkeypatch, {"mixed.example": ["93.184.215.14", "10.0.0.5"]})
    with pytest.raises(UnsafeURLError):
        check_public_url("https://mixed.example/calendar.ics")


def test_a_name_resolving_to_public_addresses_passes(monkeypatch):
    fake_dns(monkeypatch, {"api.example": ["93.184.215.14", "2606:4700:4700::1111"]})
    assert check_public_url("https://api.example/x") == ["93.184.215.14", "2606:4700:4700::1111"]


def test_dns_rebinding_is_caught_when_connecting(monkeypatch):
    """Public for the first look-up, metadata for the second: the connection is refused."""
    answers = iter([["93.184.215.14"], ["169.254.169.254"]])

    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in next(answers)]

    connected = []
    monkeypatch.setattr(urls.socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(urls.socket, "create_connection", lambda *a, **k: connected.append(a))
    with pytest.raises(UnsafeURLError):
        safe_urlopen("http://rebind.example/", timeout=1)
    assert connected == []


# --- Against a real local server -------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.path.split("?to=", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b'{"status": 200, "result": null}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.paths = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(server, path="/ok"):
    host, port = server.server_address
    return f"http://{host}:{port}{path}"


def test_loopback_is_refused_without_the_allow_list(server, settings):
    settings.SAFE_FETCH_ALLOWED_HOSTS = []
    with pytest.raises(UnsafeURLError):
        safe_urlopen(url(server), timeout=5)
    assert server.paths == []  # never connected


def test_the_allow_list_lets_tests_reach_their_stand_in(server, settings):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    with safe_urlopen(url(server), timeout=5) as response:
        assert response.status == 200


def test_the_allow_list_is_an_exact_host_match(server, settings):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    port = server.server_address[1]
    with pytest.raises(UnsafeURLError):
        safe_urlopen(f"http://localhost:{port}/ok", timeout=5)
    assert server.paths == []


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "file:///etc/passwd",
    ],
)
def test_redirects_are_not_followed_by_default(server, settings, target):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    with pytest.raises(HTTPError) as caught:
        safe_urlopen(url(server, f"/redirect?to={target}"), timeout=5)
    assert caught.value.code == 302
    assert len(server.paths) == 1


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://localhost/",
        "file:///etc/passwd",
    ],
)
def test_a_followed_redirect_to_a_private_address_is_refused(server, settings, target):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    # urllib itself refuses to redirect to file: (HTTPError); the guard refuses the rest.
    with pytest.raises(UnsafeURLError if target.startswith("http") else HTTPError):
        safe_urlopen(url(server, f"/redirect?to={target}"), timeout=5, follow_redirects=True)
    assert len(server.paths) == 1


def test_a_followed_redirect_to_an_allowed_host_works(server, settings):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    with safe_urlopen(url(server, f"/redirect?to={url(server)}"), timeout=5, follow_redirects=True):
        pass
    assert server.paths[-1] == "/ok"


def test_redirect_loops_stop(server, settings):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    loop = url(server, "/redirect?to=" + url(server, "/redirect?to=/redirect?to=/ok"))
    # Relative hops are fine; an endless chain is cut short.
    endless = url(server, "/redirect?to=" + "/redirect?to=" * 20 + "/ok")
    with safe_urlopen(loop, timeout=5, follow_redirects=True):
        pass
    with pytest.raises(HTTPError):
        safe_urlopen(endless, timeout=5, follow_redirects=True)


def test_environment_proxies_are_ignored(server, settings, monkeypatch):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    monkeypatch.setenv("http_proxy", "http://10.0.0.1:3128")
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    with safe_urlopen(url(server), timeout=5) as response:
        assert response.status == 200


# --- The geocoder uses the guard ---------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:9",
        "http://169.254.169.254",
        "http://[::1]:9",
        "http://10.1.2.3",
        "http://localhost",
    ],
)
def test_the_geocoder_refuses_private_targets(base_url, settings, caplog):
    settings.SAFE_FETCH_ALLOWED_HOSTS = []
    with pytest.raises(GeocoderUnavailable):
        PostcodesIoGeocoder(base_url=base_url, timeout=1).geocode("LS6 3HN")
    assert "not public" in caplog.text
    assert "3HN" not in caplog.text


def test_the_geocoder_does_not_follow_a_redirect_to_metadata(server, settings):
    settings.SAFE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    geocoder = PostcodesIoGeocoder(
        base_url=url(server, "/redirect?to=http://169.254.169.254/latest&x="), timeout=5
    )
    with pytest.raises(GeocoderUnavailable):
        geocoder.geocode("LS6 3HN")
    assert len(server.paths) == 1
