"""Error pages keep the crisis signposting and never show a traceback."""

from django.test import Client

import pytest

pytestmark = pytest.mark.django_db


def test_server_error_page_shows_crisis_lines_and_no_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/plugin-boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Samaritans" in html and "116 123" in html
    assert "deliberate failure" not in html
    assert "Traceback" not in html


def test_server_error_page_reads_nothing_from_the_database(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    # A failing request may have left the database unusable: the page must not need it.
    with django_assert_num_queries(0):
        assert client.get("/plugin-boom/").status_code == 500


def test_not_found_page_offers_a_way_on(client):
    response = client.get("/courses-that-do-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'href="/"' in html
