"""The site search page at /search/: form, facets, highlights, paging, notices, the log."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from search.models import SearchQueryLog
from tests.factories.search import SearchQueryLogFactory

from .test_engine_fallback import UNREACHABLE

pytestmark = pytest.mark.django_db


def test_the_empty_page_shows_the_form_only(client):
    response = client.get("/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    assert "nhsuk-input" in html
    assert "search-results" not in html


def test_results_with_facet_checkboxes_and_counts(client, catalogue):
    html = client.get("/search/", {"q": "peer"}).content.decode()
    assert "results for <strong>peer</strong>" in html
    assert 'class="nhsuk-checkboxes__input"' in html
    assert 'name="kind" type="checkbox" value="fixture_course"' in html
    assert "Courses <span" in html  # the source's label, not its key
    assert "<legend" in html and "Topic" in html


def test_ticked_facets_stay_ticked_and_narrow(client, catalogue):
    html = client.get("/search/", {"kind": "fixture_group", "topic": "Recovery"}).content.decode()
    assert "2 results" in html
    assert 'value="Recovery" checked' in html


def test_highlights_are_escaped_except_marks(client, catalogue):
    from cms.plugins import CatalogueDocument
    from search import sync

    sync.store_document(
        CatalogueDocument(
            kind="fixture_event",
            object_id=77,
            title="Tea",
            url="/t/",
            summary="<b>Bold</b> claims about biscuits",
        )
    )
    html = client.get("/search/", {"q": "biscuits"}).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; claims about <mark>biscuits</mark>" in html


def test_did_you_mean_when_nothing_matches(client, catalogue):
    html = client.get("/search/", {"q": "mentorring"}).content.decode()
    assert "0 results" in html
    assert "Did you mean" in html
    assert "mentoring" in html.lower()


def test_pagination(client, catalogue, monkeypatch):
    monkeypatch.setattr("search.views.PAGE_SIZE", 3)
    html = client.get(
        "/search/", {"kind": ["fixture_course", "fixture_event", "fixture_group"]}
    ).content.decode()
    assert "9 results" in html
    assert "nhsuk-pagination" in html
    assert 'aria-label="Page 3"' in html


def test_an_unknown_place_is_a_field_error(client, catalogue):
    html = client.get("/search/", {"q": "peer", "near": "Xyzzy"}).content.decode()
    assert "nhsuk-error-summary" in html
    assert "Xyzzy" in html


def test_near_shows_distances_from_the_place(client, catalogue):
    html = client.get("/search/", {"near": "Leeds"}).content.decode()
    assert "within 25 miles of Leeds" in html
    assert "9 miles from the centre of Leeds" in html
    assert "less than a mile from the centre of Leeds" in html


def test_degraded_notice(client, catalogue, settings):
    from search.backends.base import clear_backend_cache
    from search.backends.engine import clear_engine_cache

    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "BACKEND": "search.backends.engine.EngineBackend",
        "ENGINE_URL": UNREACHABLE,
        "TIMEOUT_SECONDS": 0.5,
    }
    clear_backend_cache()
    clear_engine_cache()
    html = client.get("/search/", {"q": "peer"}).content.decode()
    assert "reduced mode" in html
    assert "results for" in html


def test_no_inline_styles_or_scripts(client, catalogue):
    html = client.get("/search/", {"q": "peer"}).content.decode()
    main = html.split('id="maincontent"')[1].split("</main>")[0]
    assert "style=" not in main
    assert "<script" not in main


def test_queries_are_logged_with_postcodes_reduced(client, catalogue):
    client.get("/search/", {"q": "Peer support LS6 3HN"})
    client.get("/search/", {"q": "peer", "page": 2})  # later pages are not logged again
    assert list(SearchQueryLog.objects.values_list("term", "result_count")) == [
        ("peer support ls6", 0)
    ]


def test_purge_search_log_keeps_90_days():
    old = SearchQueryLogFactory(searched_on=timezone.localdate() - timedelta(days=91))
    recent = SearchQueryLogFactory(searched_on=timezone.localdate() - timedelta(days=89))
    call_command("purge_search_log", stdout=StringIO())
    assert list(SearchQueryLog.objects.all()) == [recent]
    assert not SearchQueryLog.objects.filter(pk=old.pk).exists()


def test_demo_content_makes_the_demo_site_searchable(client, settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=StringIO())
    body = client.get("/api/v1/search", {"kind": "guidance"}).json()
    assert body["total"] > 0
    html = client.get("/search/", {"q": "mutual aid"}).content.decode()
    assert "result" in html


def test_editors_promotions_come_first(client, catalogue):
    query = Query.get("Peer Support")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://example.org/guide",
        external_link_text="The peer support guide",
        description="Start here.",
    )
    html = client.get("/search/", {"q": "peer  support"}).content.decode()
    assert "Recommended" in html
    assert '<a href="https://example.org/guide">The peer support guide</a>' in html
    assert "Recommended" not in client.get("/search/", {"q": "peer"}).content.decode()


def test_an_ambiguous_place_offers_links_to_each_choice(client, catalogue):
    html = client.get("/search/", {"q": "peer", "near": "Newport"}).content.decode()
    assert "more than one place called" in html
    assert "near=Newport%2C+Wales" in html
    assert "q=peer" in html


@pytest.mark.engine
def test_the_demo_site_answers_the_same_on_the_engine(client, settings, engine_settings):
    """Filters give the same listings on both backends over the demo content."""
    from search.backends.base import clear_backend_cache
    from search.backends.engine import get_engine

    settings.DEBUG = True
    call_command("load_demo_data", stdout=StringIO())
    questions = [
        {"kind": "course", "page_size": 100},
        {"kind": "project", "region": "London", "page_size": 100},
        {"near": "LS6", "radius": 50, "sort": "distance", "page_size": 100},
        {"topic": "Governance", "page_size": 100},
    ]

    def answers():
        replies = [client.get("/api/v1/search", params).json() for params in questions]
        return [reply["backend"] for reply in replies], [
            sorted(hit["url"] for hit in reply["results"]) for reply in replies
        ]

    backends, on_database = answers()
    assert set(backends) == {"database"} and all(on_database)
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "BACKEND": "search.backends.engine.EngineBackend",
    }
    clear_backend_cache()
    get_engine().rebuild()
    backends, on_engine = answers()
    assert set(backends) == {"engine"}
    assert on_engine == on_database
    html = client.get("/search/", {"q": "mutual aid"}).content.decode()
    assert "result" in html and "search-notice" not in html  # answered, not degraded
