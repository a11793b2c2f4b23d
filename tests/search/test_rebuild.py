"""A catalogue rebuild stores documents in chunks: its query count follows the chunks."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail import hooks

import pytest

from cms import hooks as cms_hooks
from cms.plugins import CatalogueDocument, CatalogueSource
from cms.plugins import CatalogueLocation as Place
from search import sync
from search.models import (
    CatalogueDate,
    CatalogueEntry,
    CatalogueEntryTopic,
    CatalogueLocation,
    IndexOutbox,
)

pytestmark = pytest.mark.django_db

TOPICS = ["Recovery", "Hearing voices", "Carers", "Anxiety"]


def item(number, *, title_word="group"):
    """A document with topics, dates and places, all varying with ``number``."""
    soon = timezone.now().replace(microsecond=0) + timedelta(days=number % 9)
    return CatalogueDocument(
        kind="bulk_item",
        object_id=number,
        title=f"Peer {title_word} {number}",
        url=f"/items/{number}/",
        summary=f"Item number {number}.",
        topics=TOPICS[number % 3 : number % 3 + 2],
        region="North West" if number % 2 else "London",
        locations=[Place(51 + number / 100, -2 + number / 100, f"Place {number}")],
        dates=[soon, soon + timedelta(days=7)] if number % 4 else [],
        delivery="in_person",
        extra_keywords={"number": [str(number)]},
    )


class ItemSource(CatalogueSource):
    """An in-memory source whose documents the test sets."""

    kind = "bulk_item"
    label = "Items"
    items = []

    def documents(self):
        return iter(self.items)

    def document_ids(self):
        return [document.object_id for document in self.items]


@pytest.fixture
def items():
    with hooks.register_temporarily(cms_hooks.REGISTER_CATALOGUE_SOURCE, ItemSource):
        cms_hooks.reset_registries()
        yield ItemSource
    ItemSource.items = []
    cms_hooks.reset_registries()


def rebuild_queries(source, count, chunk_size=sync.CHUNK_SIZE):
    source.items = [item(number) for number in range(1, count + 1)]
    with CaptureQueriesContext(connection) as captured:
        report = sync.rebuild_database(chunk_size=chunk_size)
    assert report.stored["bulk_item"] == count
    return len(captured)


def snapshot():
    """Every stored row of the catalogue, without database ids and timestamps."""
    entries = {
        entry.pk: entry.document_id for entry in CatalogueEntry.objects.filter(kind="bulk_item")
    }
    fields = [f.name for f in CatalogueEntry._meta.fields if f.name not in {"id", "updated_at"}]
    return {
        "entries": sorted(
            CatalogueEntry.objects.filter(kind="bulk_item").values_list(*fields), key=str
        ),
        "topics": sorted(
            (entries[e], n, s)
            for e, n, s in CatalogueEntryTopic.objects.values_list("entry_id", "name", "slug")
        ),
        "dates": sorted(
            (entries[e], d) for e, d in CatalogueDate.objects.values_list("entry_id", "starts_at")
        ),
        "locations": sorted(
            (entries[e], *rest)
            for e, *rest in CatalogueLocation.objects.values_list(
                "entry_id", "latitude", "longitude", "label"
            )
        ),
    }


def test_a_rebuild_of_5_or_50_documents_costs_the_same_queries(items):
    # Per chunk: a savepoint, one upsert of the entries, one delete and one insert
    # each for topics, dates and locations, the release; plus each source's own reads.
    assert rebuild_queries(items, 5) == rebuild_queries(items, 50)


def test_each_chunk_adds_a_constant_number_of_queries(items):
    one_chunk = rebuild_queries(items, 10, chunk_size=10)
    two_chunks = rebuild_queries(items, 20, chunk_size=10)
    five_chunks = rebuild_queries(items, 50, chunk_size=10)
    per_chunk = two_chunks - one_chunk
    assert 0 < per_chunk <= 10
    assert five_chunks == one_chunk + 4 * per_chunk


def test_chunked_rows_are_those_stored_one_document_at_a_time(items):
    items.items = [item(number) for number in range(1, 31)]
    for document in items.items:
        sync.store_document(document)
    one_at_a_time = snapshot()
    CatalogueEntry.objects.all().delete()
    sync.rebuild_database(chunk_size=7)
    assert snapshot() == one_at_a_time
    assert len(one_at_a_time["entries"]) == 30
    assert len(one_at_a_time["dates"]) == 2 * 23  # every number but the multiples of four


def test_a_rebuild_replaces_changed_documents_and_drops_stale_ones(items):
    items.items = [item(number) for number in range(1, 13)]
    sync.rebuild_database(chunk_size=5)
    kept_pk = CatalogueEntry.objects.get(kind="bulk_item", object_id=3).pk
    items.items = [item(number, title_word="circle") for number in range(1, 9)]
    report = sync.rebuild_database(chunk_size=5)
    assert report.removed == 4
    entries = CatalogueEntry.objects.filter(kind="bulk_item")
    assert sorted(entries.values_list("object_id", flat=True)) == list(range(1, 9))
    assert set(entries.values_list("title", flat=True)) == {
        f"Peer circle {number}" for number in range(1, 9)
    }
    # Updated in place: the entry keeps its id, its children are replaced, not added to.
    assert entries.get(object_id=3).pk == kept_pk
    assert CatalogueLocation.objects.filter(entry__kind="bulk_item").count() == 8
    for document in items.items:
        sync.store_document(document)
    assert snapshot()["topics"] == sorted(
        (f"bulk_item:{d.object_id}", name, name.lower().replace(" ", "-"))
        for d in items.items
        for name in d.topics
    )


def test_a_document_twice_in_one_chunk_is_stored_once_as_last_given(items):
    first, second = item(1), item(1, title_word="circle")
    sync.store_documents([first, second])
    assert list(CatalogueEntry.objects.values_list("title", flat=True)) == ["Peer circle 1"]


def test_a_rebuild_queues_each_document_for_the_engine_unless_told_not_to(
    items, settings, django_capture_on_commit_callbacks
):
    settings.PEER_SUPPORT_SEARCH = {**settings.PEER_SUPPORT_SEARCH, "ENGINE_URL": "http://x:1"}
    items.items = [item(number) for number in range(1, 6)]
    with django_capture_on_commit_callbacks() as callbacks:
        sync.rebuild_database()
    assert IndexOutbox.objects.filter(action=IndexOutbox.UPSERT).count() == 5
    assert len(callbacks) == 1
    IndexOutbox.objects.all().delete()
    sync.rebuild_database(queue_engine=False)
    assert not IndexOutbox.objects.exists()


@pytest.mark.database_sensitive
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_postgresql_stores_each_chunk_while_the_next_is_built(items):
    # SQLite keeps one writer at a time, so it stores in line.
    assert sync.can_store_in_a_second_thread() == (connection.vendor == "postgresql")
    items.items = [item(number) for number in range(1, 31)]
    for document in items.items:
        sync.store_document(document)
    one_at_a_time = snapshot()
    CatalogueEntry.objects.all().delete()
    report = sync.rebuild_database(chunk_size=7)
    assert report.stored["bulk_item"] == 30
    assert snapshot() == one_at_a_time


def test_inside_a_transaction_the_rebuild_stores_in_line():
    # A second connection would commit outside the caller's transaction.
    assert not sync.can_store_in_a_second_thread()


@pytest.mark.database_sensitive
@pytest.mark.django_db(transaction=True)
def test_a_chunk_that_fails_to_store_stops_the_rebuild_with_its_error(items):
    items.items = [item(number) for number in range(1, 31)]
    items.items[17].title = None  # in the third chunk of seven
    with pytest.raises(TypeError):
        sync.rebuild_database(chunk_size=7)
    stored = set(CatalogueEntry.objects.values_list("object_id", flat=True))
    # The chunks before the failing one are stored; nothing after it is.
    assert stored == set(range(1, 15))
