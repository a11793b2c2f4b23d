"""Indexing: full rebuilds (database catalogue, engine index) and publish → searchable."""

import statistics
import time
from contextlib import contextmanager

from django.conf import settings
from django.test import Client


@contextmanager
def engine_off():
    """Without the engine: stored documents queue no outbox rows and drain nothing."""
    search_settings = settings.PEER_SUPPORT_SEARCH
    engine_url, search_settings["ENGINE_URL"] = search_settings.get("ENGINE_URL", ""), ""
    try:
        yield
    finally:
        search_settings["ENGINE_URL"] = engine_url


def rebuild_catalogue():
    """``search.sync.rebuild_database`` as ``catalogue_index rebuild`` runs it.

    Chunks of 500 documents, a transaction each. The engine is switched off
    meanwhile: the engine index is built whole afterwards (``build_engine_index``), as
    the command does. Returns (documents, seconds).
    """
    from search import sync

    with engine_off():
        began = time.perf_counter()
        report = sync.rebuild_database(queue_engine=False)
        seconds = time.perf_counter() - began
    return sum(report.stored.values()), seconds


def build_engine_index():
    """A fresh engine index from the catalogue (alias swap); returns (documents, seconds)."""
    from search.backends.engine import get_engine

    began = time.perf_counter()
    _name, total = get_engine().rebuild()
    return total, time.perf_counter() - began


def drift(engine=False):
    """``manage.py catalogue_index check``'s findings: counts of missing and extra ids."""
    from search import sync

    found = {f"database {k}": len(v) for k, v in sync.database_drift().items()}
    if engine:
        from search.backends.engine import get_engine

        found.update({f"engine {k}": len(v) for k, v in get_engine().drift().items()})
    return found


def draft_course(word):
    """A new, not yet live course page whose title carries ``word``."""
    from cms.models import Organisation
    from courses.models import CourseIndexPage, CoursePage

    page = CoursePage(
        title=f"Publish timing {word}",
        slug=f"publish-timing-{word}",
        summary="A course created to time publishing.",
        provider=Organisation.objects.order_by("pk").first(),
        booking_contact="bookings@example.org",
        live=False,
    )
    CourseIndexPage.objects.get().add_child(instance=page)
    return page


def publish_to_searchable(samples=5, timeout=10.0):
    """Seconds from ``save_revision().publish()`` to the page found through the API.

    Polls ``GET /api/v1/search?q=<word>`` every 10 ms; returns each sample and the median.
    """
    client = Client()
    timings = []
    for number in range(samples):
        word = f"zq{time.time_ns() % 10**9}x{number}"
        page = draft_course(word)
        began = time.perf_counter()
        page.save_revision().publish()
        while time.perf_counter() - began < timeout:
            if client.get("/api/v1/search", {"q": word}).json()["total"]:
                break
            time.sleep(0.01)
        else:
            raise AssertionError(f"not searchable within {timeout}s")
        timings.append(time.perf_counter() - began)
        page.delete()
    return {"samples_s": timings, "median_s": statistics.median(timings)}
