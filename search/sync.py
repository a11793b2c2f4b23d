"""Keeping the catalogue true: documents from sources into the database, then the engine.

Every change is written to ``CatalogueEntry`` (the database backend reads it at
once) and, when an engine is configured, to the ``IndexOutbox`` in the same
transaction; ``drain_outbox`` replays the outbox into the engine.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
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


@transaction.atomic
def store_document(document):
    """Create or replace the entry (and its topics, dates, locations) for one document."""
    dates = document_dates(document)
    now = timezone.now()
    entry, _ = CatalogueEntry.objects.update_or_create(
        kind=document.kind,
        object_id=document.object_id,
        defaults={
            "title": document.title[:255],
            "summary": document.summary,
            "body": document.body,
            "url": document.url or "",
            "topics": list(document.topics),
            "region": document.region,
            "region_slug": topic_slug(document.region),
            "starts_at": document.starts_at,
            "ends_at": document.ends_at,
            "next_date": next((date for date in dates if date >= now), None),
            "accreditation": document.accreditation,
            "accredited": bool(document.accreditation),
            "delivery": document.delivery,
            "cost": document.cost,
            "extra_keywords": document.extra_keywords,
            "search_text": _search_text(document),
        },
    )
    entry.topic_rows.all().delete()
    entry.date_rows.all().delete()
    entry.locations.all().delete()
    CatalogueEntryTopic.objects.bulk_create(
        CatalogueEntryTopic(entry=entry, name=name, slug=topic_slug(name))
        for name in dict.fromkeys(document.topics)
    )
    CatalogueDate.objects.bulk_create(CatalogueDate(entry=entry, starts_at=date) for date in dates)
    CatalogueLocation.objects.bulk_create(
        CatalogueLocation(
            entry=entry, latitude=loc.latitude, longitude=loc.longitude, label=loc.label
        )
        for loc in document.locations
    )
    record_change(document.kind, document.object_id, IndexOutbox.UPSERT)
    return entry


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
    if not engine_enabled():
        return
    IndexOutbox.objects.create(kind=kind, object_id=object_id, action=action)
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


def rebuild_database(progress=None):
    """Rebuild every entry from every registered source; drop what no source lists."""
    report = RebuildReport()
    kinds = []
    for source in catalogue_sources:
        kinds.append(source.kind)
        seen = []
        for document in source.documents():
            store_document(document)
            seen.append(document.object_id)
            if progress:
                progress(source.kind, len(seen))
        report.stored[source.kind] = len(seen)
        stale = CatalogueEntry.objects.filter(kind=source.kind).exclude(object_id__in=seen)
        for kind, object_id in stale.values_list("kind", "object_id"):
            report.removed += remove_entry(kind, object_id)
    for kind, object_id in CatalogueEntry.objects.exclude(kind__in=kinds).values_list(
        "kind", "object_id"
    ):
        report.removed += remove_entry(kind, object_id)
    return report


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
