"""A guard for server-side fetches: only public internet addresses, checked on connect.

Anything the site fetches on its own (the online geocoder, the calendar
importer) goes through :func:`safe_urlopen`. It refuses, with
:class:`UnsafeURLError`:

- any scheme but http and https (no ``file:``, ``ftp:`` or ``data:``);
- a host that resolves to any address that is not public internet: loopback
  (127/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local and
  cloud metadata (169.254/16, fe80::/10), carrier-grade NAT (100.64/10),
  unspecified (0.0.0.0, ::), multicast and reserved ranges, and the same
  addresses written as IPv4-mapped IPv6;
- a redirect, unless the caller asks to follow them; then each hop is checked
  again, and at most ``MAX_REDIRECTS`` are followed.

The check runs when the socket is opened, on the very addresses it connects
to, so a name that resolves to a public address for the check and a private one
for the connection (DNS rebinding) gains nothing. Proxies from the environment
are ignored: the request always goes straight to the checked address.

``settings.SAFE_FETCH_ALLOWED_HOSTS`` lists host names or literal addresses
exempt from the address check (exact match on the URL's host). It is empty in
production and meant for tests that stand up a server on 127.0.0.1.
"""

import http.client
import ipaddress
import socket
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import (
    HTTPDefaultErrorHandler,
    HTTPErrorProcessor,
    HTTPHandler,
    HTTPRedirectHandler,
    HTTPSHandler,
    OpenerDirector,
    Request,
    UnknownHandler,
)

from django.conf import settings

ALLOWED_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5


class UnsafeURLError(URLError):
    """The URL or one of its redirects points somewhere the server must not fetch."""


def _allowed_hosts():
    return {host.lower() for host in getattr(settings, "SAFE_FETCH_ALLOWED_HOSTS", [])}


def is_public_address(address):
    """Whether ``address`` (a string or ``ipaddress`` object) is a public internet address."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def resolve_public(host, port):
    """The addresses ``host`` resolves to, all of them public, or ``UnsafeURLError``.

    A host in ``SAFE_FETCH_ALLOWED_HOSTS`` is resolved but not checked.
    """
    if not host:
        raise UnsafeURLError("no host")
    host = host.strip("[]")
    # A name that does not resolve raises socket.gaierror (an OSError), as urllib would.
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # Drop an IPv6 zone ("fe80::1%eth0") before parsing; it is link-local anyway.
    addresses = list(dict.fromkeys(info[4][0].split("%", 1)[0] for info in infos))
    if host.lower() in _allowed_hosts():
        return addresses
    refused = [address for address in addresses if not is_public_address(address)]
    if refused or not addresses:
        raise UnsafeURLError(f"{host} resolves to a non-public address")
    return addresses


def check_public_url(url):
    """Check ``url`` before fetching it: http(s), and a host with only public addresses.

    Returns the resolved addresses. Raises ``UnsafeURLError`` otherwise.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeURLError("malformed URL") from error
    if parts.scheme not in ALLOWED_SCHEMES:
        raise UnsafeURLError(f"scheme {parts.scheme!r} is not allowed")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURLError("credentials in the URL are not allowed")
    port = port or (443 if parts.scheme == "https" else 80)
    return resolve_public(parts.hostname, port)


def _guarded_create_connection(
    address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None
):
    """``socket.create_connection``, but only to addresses that pass the check."""
    host, port = address
    errors = []
    for ip in resolve_public(host, port):
        try:
            return socket.create_connection((ip, port), timeout, source_address)
        except OSError as error:
            errors.append(error)
    raise errors[-1] if errors else OSError(f"cannot connect to {host}")


class _GuardedConnectionMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # http.client opens its socket through this attribute (HTTPS wraps it in TLS
        # afterwards, still checking the certificate against the host name).
        self._create_connection = _guarded_create_connection


class GuardedHTTPConnection(_GuardedConnectionMixin, http.client.HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnectionMixin, http.client.HTTPSConnection):
    pass


class _GuardedHTTPHandler(HTTPHandler):
    def http_open(self, req):
        return self.do_open(GuardedHTTPConnection, req)


class _GuardedHTTPSHandler(HTTPSHandler):
    def https_open(self, req):
        return self.do_open(GuardedHTTPSConnection, req, context=self._context)


class _RefuseRedirects(HTTPRedirectHandler):
    """A 3xx answer is returned to the caller as an ``HTTPError``, never followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _CheckEachRedirect(HTTPRedirectHandler):
    """Follows at most ``MAX_REDIRECTS`` redirects, checking every new URL first."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_public_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def build_safe_opener(follow_redirects=False):
    """An opener for http(s) only, with no proxies, guarded sockets and guarded redirects."""
    opener = OpenerDirector()
    for handler in (
        UnknownHandler(),
        _GuardedHTTPHandler(),
        _GuardedHTTPSHandler(),
        HTTPDefaultErrorHandler(),
        _CheckEachRedirect() if follow_redirects else _RefuseRedirects(),
        HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def safe_urlopen(url_or_request, timeout, follow_redirects=False):
    """Open ``url_or_request`` like ``urlopen``, refusing unsafe targets with ``UnsafeURLError``.

    A redirect raises ``HTTPError`` with its 3xx code unless ``follow_redirects``.
    """
    # S310: the scheme is checked on the next line, and the opener has http(s) handlers only.
    request = (
        url_or_request if isinstance(url_or_request, Request) else Request(url_or_request)  # noqa: S310
    )
    check_public_url(request.full_url)
    try:
        return build_safe_opener(follow_redirects).open(request, timeout=timeout)
    except URLError as error:
        # urllib wraps errors raised while connecting; surface ours as they are.
        if isinstance(error.reason, UnsafeURLError):
            raise error.reason from error
        raise
