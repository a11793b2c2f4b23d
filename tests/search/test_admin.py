"""Editors manage synonym sets as snippets."""

import pytest

from search.models import SynonymSet
from tests.factories.cms import GuidancePageFactory
from tests.factories.search import SearchQueryLogFactory, SynonymSetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "password")
    client.force_login(user)
    return client


def test_synonym_sets_are_listed_and_editable(editor_client):
    synonyms = SynonymSetFactory(name="Peer support")
    listing = editor_client.get("/admin/snippets/search/synonymset/")
    assert listing.status_code == 200
    assert "Peer support" in listing.content.decode()
    response = editor_client.post(
        f"/admin/snippets/search/synonymset/edit/{synonyms.pk}/",
        {"name": "Peer support", "terms": "peer support, mutual aid"},
    )
    assert response.status_code == 302
    assert SynonymSet.objects.get().term_list() == ["peer support", "mutual aid"]


def test_search_terms_report_lists_popular_and_zero_result_terms(editor_client):
    SearchQueryLogFactory(term="mutual aid", result_count=4)
    SearchQueryLogFactory(term="mutual aid", result_count=0)
    SearchQueryLogFactory(term="xyzzy", result_count=0)
    SearchQueryLogFactory(term="leeds", result_count=2)
    response = editor_client.get("/admin/reports/search-terms/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("mutual aid") < html.index("leeds")
    zero = editor_client.get("/admin/reports/search-terms/", {"zero_results_only": "true"})
    zero_html = zero.content.decode()
    assert "xyzzy" in zero_html
    assert "leeds" not in zero_html
    export = editor_client.get("/admin/reports/search-terms/", {"export": "csv"})
    content = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"mutual aid,2,1," in content


def test_the_report_needs_permission(client, django_user_model):
    user = django_user_model.objects.create_user("someone", password="password")
    client.force_login(user)
    assert client.get("/admin/reports/search-terms/").status_code in {302, 403}


def test_admin_search_works_with_the_engine_down(editor_client, settings):
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "BACKEND": "search.backends.engine.EngineBackend",
        "ENGINE_URL": "http://127.0.0.1:9",
        "TIMEOUT_SECONDS": 0.5,
    }
    GuidancePageFactory(title="Findable in the admin").save_revision().publish()
    response = editor_client.get("/admin/pages/search/", {"q": "findable"})
    assert response.status_code == 200
    assert "Findable in the admin" in response.content.decode()
