"""Security headers: a strict nonce CSP on the public site, a looser one only in the admin."""

import re

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part}


def test_public_pages_send_a_strict_nonce_policy(client):
    response = client.get("/")
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert any(source.startswith("'nonce-") for source in policy["script-src"])
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_public_html_has_no_inline_code_the_policy_would_block(client):
    response = client.get("/")
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    for tag in re.findall(r"<style\b[^>]*>", html):
        assert f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"\sstyle=", html), "inline style attributes are blocked by the CSP"
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers are blocked by the CSP"


def test_each_response_gets_a_fresh_nonce(client):
    first = re.search(r"'nonce-([^']+)'", client.get("/")["Content-Security-Policy"]).group(1)
    second = re.search(r"'nonce-([^']+)'", client.get("/")["Content-Security-Policy"]).group(1)
    assert first != second


def test_admin_gets_its_own_looser_policy(client):
    response = client.get("/admin/login/")
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_pages_send_the_other_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in response, "public pages set no cookies"
