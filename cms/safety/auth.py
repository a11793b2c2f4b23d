"""Glue between django-axes and our login paths (see docs/security.md).

Every login over HTTP (Wagtail's admin form, Django's admin form) hands
``authenticate()`` the request, so axes can throttle it by username and client
address. A call without a request (the test client's ``login()``, a shell) has
no client address to throttle by; axes' own backend refuses such calls with an
error, which would break them, so ours lets them through to the next backend.
"""

import ipaddress

from django.conf import settings

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses a login while its username and client address are locked out."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip_address(request):
    """The client's address: ``REMOTE_ADDR``, or the address our own proxies saw.

    With ``TRUSTED_PROXY_COUNT`` = N (the number of reverse proxies in front of
    the app, each appending to ``X-Forwarded-For``), the client is the N-th
    address from the right; anything further left is what the client claimed
    and is ignored. A malformed header falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


LOCKOUT_PAGE = """<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Signing in is paused</title></head>
<body><main><h1>Signing in is paused</h1><p>{message}</p></main></body>
</html>
"""


def lockout_response(request, original_response, credentials):
    """The page a locked-out login gets: 429, a plain message, and when to retry.

    Used instead of axes' default, which answers ``X-Requested-With`` requests with
    JSON and a wildcard CORS header; the username is never echoed back.
    """
    from django.http import HttpResponse
    from django.utils.html import format_html

    from axes.helpers import get_cool_off

    page = format_html(LOCKOUT_PAGE, message=settings.AXES_COOLOFF_MESSAGE)
    response = HttpResponse(page, status=settings.AXES_HTTP_RESPONSE_CODE)
    cool_off = get_cool_off(request)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    response["Cache-Control"] = "no-store"
    return response
