"""Editors manage synonym sets as snippets."""

import pytest

from search.models import SynonymSet
from tests.factories.search import SynonymSetFactory

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
