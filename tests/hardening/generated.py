"""Hypothesis strategies for generated bad input, and the check every answer must pass."""

import json
from urllib.parse import quote, quote_from_bytes

from django.utils.html import escape

from hypothesis import strategies as st

TRICKY = [
    "", " ", "0", "-1", "1.5", "1e309", "NaN", "inf", "99999999999999999999999",
    "LS6", "LS6 3HN", "ls63hn", "Newport", "Zzzz", "BT1 1AA", "CF10 1EP", "true", "on",
    "2026-02-30", "0001-01-01", "9999-12-31", "'; DROP TABLE cms_topic; --",
    "<script>alert(1)</script>", "\x00", "a\x00b", "\u202e", "../../etc/passwd",
    "%", "{{ 7*7 }}", "x" * 5000,
]  # fmt: skip
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)


def junk():
    """Bytes for a parameter value: tricky strings, any text, or raw (maybe not UTF-8) bytes."""
    return st.one_of(
        st.sampled_from(TRICKY).map(str.encode),
        TEXT.map(str.encode),
        st.binary(max_size=40),
        st.integers().map(lambda n: str(n).encode()),
    )


def value(*choices):
    """Mostly a valid choice, sometimes junk."""
    valid = [str(choice).encode() for choice in choices if str(choice)]
    if not valid:
        return junk()
    return st.one_of(st.sampled_from(valid), junk())


def query(fields, max_size=8):
    """A query string built from ``fields`` (name → strategy), names repeated or unknown."""
    names = [*fields, "unknown"]
    pair = st.sampled_from(names).flatmap(
        lambda name: st.tuples(st.just(name), fields.get(name, junk()))
    )
    return st.lists(pair, max_size=max_size).map(
        lambda pairs: "&".join(f"{quote(name)}={quote_from_bytes(raw)}" for name, raw in pairs)
    )


def slugs(model):
    return list(model.objects.values_list("slug", flat=True))


def keys(choices):
    return [key for key, _ in choices]


def assert_handled(response):
    """No server error; a rejection says why; a form shown again lists its errors."""
    assert response.status_code < 500, response.content[:2000]
    assert response.status_code in (200, 301, 302, 400, 404, 405, 422, 429), response.status_code
    content_type = response.get("Content-Type", "")
    if 400 <= response.status_code < 500:
        body = response.content.decode()
        assert body.strip(), "a rejection with an empty body"
        if "json" in content_type:
            assert_json_reason(json.loads(body))
        else:
            assert "Traceback" not in body
    form = (response.context or {}).get("form") if hasattr(response, "context") else None
    if response.status_code == 200 and form is not None and form.is_bound and form.errors:
        page = response.content.decode()
        assert "There is a problem" in page
        for errors in form.errors.values():
            for message in errors:
                assert escape(message) in page, message


def assert_json_reason(data):
    if "errors" in data:  # the GeoJSON routes: {"errors": {field: [messages]}}
        assert all(messages for messages in data["errors"].values())
        return
    detail = data["detail"]
    if isinstance(detail, list):  # django-ninja's validation errors
        assert detail and all(item.get("msg") for item in detail)
    else:
        assert isinstance(detail, str) and len(detail) > 10
