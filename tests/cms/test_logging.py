"""No personal data in logs: query strings (postcodes, search terms) are dropped."""

import logging
from pathlib import Path

from django.test import RequestFactory

from cms.logging import StripQueryStringFilter

ROOT = Path(__file__).resolve().parents[2]


def filtered(record):
    StripQueryStringFilter().filter(record)
    return record.getMessage()


def test_request_log_lines_lose_their_query_string():
    request = RequestFactory().get("/search/", {"near": "LS6 3HN", "q": "hearing voices"})
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (request.get_full_path(),),
        None,
    )
    record.request = request
    message = filtered(record)
    assert "LS6" not in message and "hearing" not in message
    assert "/search/" in message


def test_development_server_lines_lose_their_query_string():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /courses/?near=M1+1AA HTTP/1.1", "200", "512"),
        None,
    )
    assert "M1" not in filtered(record)


def test_production_access_log_has_no_query_or_client_address():
    namespace = {}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    log_format = namespace["access_log_format"]
    for field in ("%(q)s", "%(r)s", "%(h)s", "%(f)s", "%(a)s"):
        assert field not in log_format
    assert "%(U)s" in log_format


def test_the_filter_is_on_every_handler():
    from django.conf import settings

    for handler in settings.LOGGING["handlers"].values():
        assert "strip_query" in handler.get("filters", [])
