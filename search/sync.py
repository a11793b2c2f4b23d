"""Keeping the catalogue true: documents from sources into the database, then the engine.

Every change is written to ``CatalogueEntry`` (the database backend reads it at
once) and, when an engine is configured, to the ``IndexOutbox`` in the same
transaction; ``drain_outbox`` replays the outbox into the engine.
"""

import logging
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from cms.hooks import catalogue_sources

from .models import (
    CatalogueDate,
    CatalogueEntry,
    CatalogueEntryTopic,
    CatalogueLocation,
    IndexOutbox,
    topic_slug,
)
from .pipeline import OneAhead

logger = logging.getLogger(__name__)


def engine_enabled():
    return bool(settings.PEER_SUPPORT_SEARCH.get("ENGINE_URL"))


def sources_for(instance):
    """The registered catalogue sources whose model ``instance`` is."""
    return [
        source
        for source in catalogue_sources
        if source.model is not None and isinstance(instance, source.model)
    ]


def document_dates(document):
    dates = sorted(set(document.dates or ([document.starts_at] if document.starts_at else [])))
    return dates


def _search_text(document):
    parts = [document.title, document.summary, document.body, *document.topics, document.region]
    return " ".join(" ".join(part.split()) for part in parts if part).lower()


# Every column an upsert rewrites: all but the identity (kind, object_id) and the pk.
ENTRY_FIELDS = [
    "title", "summary", "body", "url", "topics", "region", "region_slug", "starts_at",
    "ends_at", "next_date", "accreditation", "accredited", "delivery", "cost",
    "extra_keywords", "search_text", "updated_at",
]  # fmt: skip
CHUNK_SIZE = 500


def _entry(document, dates, now):
    return CatalogueEntry(
        kind=document.kind,
        object_id=document.object_id,
        title=document.title[:255],
        summary=document.summary,
        body=document.body,
        url=document.url or "",
        topics=list(document.topics),
        region=document.region,
        region_slug=topic_slug(document.region),
        starts_at=document.starts_at,
        ends_at=document.ends_at,
        next_date=next((date for date in dates if date >= now), None),
        accreditation=document.accreditation,
        accredited=bool(document.accreditation),
        delivery=document.delivery,
        cost=document.cost,
        extra_keywords=document.extra_keywords,
        search_text=_search_text(document),
    )


def _raw_delete(queryset):
    """Delete without fetching: the catch-all ``post_delete`` handler would make Django
    select every row first, and these child rows mean nothing to any handler."""
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def store_documents(documents, *, queue_engine=True):
    """Create or replace the entries (and their topics, dates, locations) of many documents.

    A constant number of queries whatever the count: one upsert of the entries, one
    delete and one insert per child table, one outbox insert. ``queue_engine=False``
    skips the outbox when the engine index is about to be rebuilt whole anyway.
    """
    # The last of duplicates wins, as it would one document at a time (an upsert
    # cannot touch the same row twice).
    documents = list({(d.kind, d.object_id): d for d in documents}.values())
    if not documents:
        return []
    now = timezone.now()
    dates = [document_dates(document) for document in documents]
    entries = CatalogueEntry.objects.bulk_create(
        [_entry(document, when, now) for document, when in zip(documents, dates, strict=True)],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=ENTRY_FIELDS,
    )
    ids = [entry.pk for entry in entries]
    for model in (CatalogueEntryTopic, CatalogueDate, CatalogueLocation):
        _raw_delete(model.objects.filter(entry_id__in=ids))
    topics, date_rows, locations = [], [], []
    for entry, document, when in zip(entries, documents, dates, strict=True):
        topics += [
            CatalogueEntryTopic(entry=entry, name=name, slug=topic_slug(name))
            for name in dict.fromkeys(document.topics)
        ]
        date_rows += [CatalogueDate(entry=entry, starts_at=date) for date in when]
        locations += [
            CatalogueLocation(
                entry=entry, latitude=loc.latitude, longitude=loc.longitude, label=loc.label
            )
            for loc in document.locations
        ]
    CatalogueEntryTopic.objects.bulk_create(topics)
    CatalogueDate.objects.bulk_create(date_rows)
    CatalogueLocation.objects.bulk_create(locations)
    if queue_engine:
        record_changes([(d.kind, d.object_id) for d in documents], IndexOutbox.UPSERT)
    return entries


def store_document(document):
    """Create or replace the entry (and its topics, dates, locations) for one document."""
    return store_documents([document])[0]


@transaction.atomic
def remove_entry(kind, object_id):
    deleted, _ = CatalogueEntry.objects.filter(kind=kind, object_id=object_id).delete()
    if deleted:
        record_change(kind, object_id, IndexOutbox.DELETE)
    return bool(deleted)


def sync_object(source, obj):
    """Store ``obj`` if its source still lists it (live and public), otherwise remove it."""
    live = source.get_queryset().filter(pk=obj.pk).first()
    if live is None:
        return remove_entry(source.kind, obj.pk)
    store_document(source.to_document(live))
    return True


def sync_instance(instance, *, deleted=False):
    for source in sources_for(instance):
        if deleted:
            remove_entry(source.kind, instance.pk)
        else:
            sync_object(source, instance)


# --- outbox ----------------------------------------------------------------------------


def record_change(kind, object_id, action):
    """Queue a change for the engine (no-op without one) and drain after commit."""
    record_changes([(kind, object_id)], action)


def record_changes(ids, action):
    """Queue one change per ``(kind, object_id)`` in one insert; drain after commit."""
    if not engine_enabled() or not ids:
        return
    IndexOutbox.objects.bulk_create(
        IndexOutbox(kind=kind, object_id=object_id, action=action) for kind, object_id in ids
    )
    # One drain per transaction is enough: it replays every row queued so far.
    connection = transaction.get_connection()
    pending = getattr(connection, "search_pending_drain", None)
    if pending is None or not any(item[1] is pending for item in connection.run_on_commit):

        def drain_after_commit():
            connection.search_pending_drain = None
            schedule_drain()

        connection.search_pending_drain = drain_after_commit
        transaction.on_commit(drain_after_commit)


def schedule_drain():
    from .tasks import drain_search_outbox

    try:
        drain_search_outbox.enqueue()
    except Exception:
        # The rows stay in the outbox; the scheduler's periodic drain replays them.
        logger.exception("Could not enqueue the search outbox drain")


@dataclass
class DrainReport:
    applied: int = 0
    failed: int = 0
    remaining: int = 0
    errors: list[str] = field(default_factory=list)


def drain_outbox(limit=500):
    """Apply queued changes to the engine, oldest first; stop at the first failure.

    Stopping keeps changes in order: a later delete must not overtake an
    earlier upsert of the same document.
    """
    from .backends.engine import EngineUnavailable, get_engine

    report = DrainReport()
    engine = get_engine()
    rows = list(IndexOutbox.objects.order_by("pk")[:limit])
    for row in rows:
        try:
            engine.apply_change(row)
        except EngineUnavailable as error:
            report.failed += 1
            report.errors.append(str(error))
            IndexOutbox.objects.filter(pk=row.pk).update(
                attempts=row.attempts + 1, last_error=str(error)[:500]
            )
            break
        IndexOutbox.objects.filter(pk=row.pk).delete()
        report.applied += 1
    report.remaining = IndexOutbox.objects.count()
    return report


# --- rebuild and drift -----------------------------------------------------------------


@dataclass
class RebuildReport:
    stored: dict[str, int] = field(default_factory=dict)
    removed: int = 0


def chunked(items, size):
    """Lists of up to ``size`` items from any iterable."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@transaction.atomic
def remove_entries(pks, *, queue_engine=True):
    """Delete entries by pk (their topics, dates and locations with them)."""
    entries = CatalogueEntry.objects.filter(pk__in=pks)
    ids = list(entries.values_list("kind", "object_id"))
    entries.delete()
    if queue_engine:
        record_changes(ids, IndexOutbox.DELETE)
    return len(ids)


def can_store_in_a_second_thread():
    """Whether a rebuild may store one chunk while the next is built.

    Only on PostgreSQL outside any transaction: inside one (a test, a caller's
    ``atomic``) a second connection would commit outside it, and SQLite lets one
    writer at a time.
    """
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def rebuild_database(progress=None, *, chunk_size=CHUNK_SIZE, queue_engine=True):
    """Rebuild every entry from every registered source; drop what no source lists.

    Documents are stored ``chunk_size`` at a time, a transaction each, so the query
    count grows with the number of chunks, not of documents. ``queue_engine=False``
    writes no outbox rows: for a rebuild the engine index is rebuilt after whole.
    """
    report = RebuildReport()
    with OneAhead(store_documents, in_thread=can_store_in_a_second_thread()) as writer:
        for source in catalogue_sources:
            seen = set()
            for chunk in chunked(source.documents(), chunk_size):
                writer.submit(chunk, queue_engine=queue_engine)
                seen.update(document.object_id for document in chunk)
                if progress:
                    progress(source.kind, len(seen))
            writer.wait()
            report.stored[source.kind] = len(seen)
            report.removed += _remove_stale(source.kind, seen, chunk_size, queue_engine)
    kinds = [source.kind for source in catalogue_sources]
    unknown = CatalogueEntry.objects.exclude(kind__in=kinds).values_list("pk", flat=True)
    for pks in chunked(list(unknown), chunk_size):
        report.removed += remove_entries(pks, queue_engine=queue_engine)
    return report


def _remove_stale(kind, seen, chunk_size, queue_engine):
    """Remove the entries of ``kind`` whose object ids are not in ``seen``."""
    # Compared in Python: a NOT IN list of every id outgrows SQLite's variable limit.
    stored = CatalogueEntry.objects.filter(kind=kind).values_list("object_id", "pk")
    stale = [pk for object_id, pk in stored.iterator() if object_id not in seen]
    return sum(remove_entries(pks, queue_engine=queue_engine) for pks in chunked(stale, chunk_size))


def database_drift():
    """``{"missing": [...], "extra": [...]}`` document ids, sources versus entries."""
    expected = set()
    for source in catalogue_sources:
        # A source not backed by a queryset may list its ids itself.
        listed = getattr(source, "document_ids", None)
        ids = listed() if listed else source.get_queryset().values_list("pk", flat=True)
        expected.update(f"{source.kind}:{pk}" for pk in ids)
    stored = {
        f"{kind}:{object_id}"
        for kind, object_id in CatalogueEntry.objects.values_list("kind", "object_id")
    }
    return {"missing": sorted(expected - stored), "extra": sorted(stored - expected)}
