"""Autocomplete and "did you mean" offer only words from live, public content, on both backends."""

import pytest

from search import sync
from search.backends.database import DatabaseBackend
from search.backends.engine import get_engine
from search.finder import did_you_mean
from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory
from tests.search.conftest import StrictEngineBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def listening_pages():
    """One live page, and three whose words must never be offered: a draft, an
    unpublished page and a deleted one."""
    index = GuidanceIndexPageFactory()
    pages = {}
    for title in ("Listening skills", "Listening circles", "Listening walks"):
        pages[title] = GuidancePageFactory(parent=index, title=title)
        pages[title].save_revision().publish()
    draft = GuidancePageFactory(parent=index, title="Listening secrets", live=False)
    draft.save_revision()
    return pages


def retract(pages, capture):
    with capture(execute=True):
        pages["Listening circles"].unpublish()
    with capture(execute=True):
        pages["Listening walks"].delete()


@pytest.mark.database_sensitive
def test_the_database_backend_offers_only_live_words(
    listening_pages, django_capture_on_commit_callbacks
):
    assert set(DatabaseBackend().suggest("listen")) == {
        "Listening skills",
        "Listening circles",
        "Listening walks",
    }
    retract(listening_pages, django_capture_on_commit_callbacks)
    assert DatabaseBackend().suggest("listen") == ["Listening skills"]
    # Each of these is one letter from a word only hidden content holds.
    assert did_you_mean("secrts") == []
    assert did_you_mean("circels") == []
    assert did_you_mean("walkz") == []
    assert did_you_mean("skils") == ["skills"]


@pytest.mark.engine
def test_the_engine_offers_only_live_words(
    listening_pages, engine_settings, django_capture_on_commit_callbacks
):
    get_engine().rebuild()
    titles = StrictEngineBackend().suggest("listen")
    assert set(titles) >= {"Listening skills", "Listening circles", "Listening walks"}
    assert "Listening secrets" not in titles
    retract(listening_pages, django_capture_on_commit_callbacks)
    # The fixture's publishes left a drain pending in the test's never-committed
    # transaction, so replay the outbox as the scheduler's backstop would.
    assert sync.drain_outbox().failed == 0
    get_engine().refresh()
    assert [t for t in StrictEngineBackend().suggest("listen") if t.startswith("Listening")] == [
        "Listening skills"
    ]
