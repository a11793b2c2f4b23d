"""The stock approach: what a competent Wagtail developer would write without our catalogue.

The generated ``CoursePage`` pages (1–5 ``CourseSession`` rows each, at real districts),
added to Wagtail's own search index by ``index_pages``. Queries:
``CoursePage.objects.live().public().search()`` on Wagtail's database search backend; "near" as a bounding box on the sessions' latitude/longitude
(B-tree indexes on both, ``courses.0004_session_coordinates_index``) then the exact haversine in
Python; ``prefetch_related`` for sessions and topics; results serialised like the API's.
"""

import math
import time

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Lower
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import finder
from cms.geocoding.distance import haversine_miles


def index_pages():
    """Put the generated course pages in Wagtail's own search index; returns seconds.

    Bulk-created pages bypass Wagtail's signal handlers, so this is what
    ``manage.py update_index`` would do for ``CoursePage``, in chunks. (The sessions'
    latitude and longitude have the app's own B-tree indexes since courses 0004.)
    """
    from modelsearch.backends import get_search_backend

    from courses.models import CoursePage

    start = time.perf_counter()
    backend = get_search_backend()
    pages = CoursePage.objects.order_by("pk").prefetch_related("topics")
    chunk = []
    for page in pages.iterator(chunk_size=1000):
        chunk.append(page)
        if len(chunk) == 1000:
            backend.add_bulk(CoursePage, chunk)
            chunk = []
    if chunk:
        backend.add_bulk(CoursePage, chunk)
    return time.perf_counter() - start


def _serialise(page, distance=None):
    sessions = list(page.sessions.all())
    upcoming = [s.starts_at for s in sessions if s.starts_at >= timezone.now()]
    return {
        "title": page.title,
        "url": page.url,
        "summary": page.summary,
        "topics": [t.name for t in page.topics.all()],
        "distance_miles": None if distance is None else round(distance, 1),
        "next_date": min(upcoming) if upcoming else None,
    }


def _pages():
    from courses.models import CoursePage

    return CoursePage.objects.live().public()


def _prefetched(qs):
    return qs.prefetch_related("sessions", "topics")


def stock_search(params, page_size=20):
    """One finder query the stock way; returns the serialised page of results and facets."""
    from cms.geocoding import geocode
    from courses.models import CoursePage, CourseSession

    q = params.get("q")
    topic = params.get("topic")
    topics = [topic] if isinstance(topic, str) else list(topic or [])
    page_number = int(params.get("page", 1))
    page_size = int(params.get("page_size", page_size))
    base = _pages()
    if params.get("kind") not in (None, "course"):
        return {"results": [], "total": 0}
    if topics:
        # Wagtail's search can't filter on a related field: pre-select the page ids.
        topic_pages = CoursePage.objects.filter(topics__slug__in=topics).values("pk")
        base = base.filter(pk__in=topic_pages)
    if params.get("near"):
        place = geocode(params["near"])
        radius = float(params.get("radius", 25))
        dlat = radius / 69.0
        dlon = radius / (69.0 * math.cos(math.radians(place.latitude)))
        page_ids = (
            CourseSession.objects.filter(
                latitude__range=(place.latitude - dlat, place.latitude + dlat),
                longitude__range=(place.longitude - dlon, place.longitude + dlon),
            )
            .values("page_id")
            .distinct()
        )
        candidates = base.filter(pk__in=page_ids)
        if q:
            ids = [p.pk for p in candidates.search(q, operator="and")]
            candidates = _pages().filter(pk__in=ids)
        scored = []
        for page in _prefetched(candidates):
            sessions = page.sessions.all()
            distance = min(
                haversine_miles(place.latitude, place.longitude, s.latitude, s.longitude)
                for s in sessions
                if s.latitude is not None
            )
            if distance <= radius:
                scored.append((distance, page))
        scored.sort(key=lambda pair: (pair[0], pair[1].title))
        window = scored[(page_number - 1) * page_size : page_number * page_size]
        return {"results": [_serialise(p, d) for d, p in window], "total": len(scored)}
    if q:
        results = base.search(q, operator="and")
        paginator = Paginator(results, page_size)
        page = paginator.get_page(page_number)
        ids = [p.pk for p in page.object_list]
        by_id = {p.pk: p for p in _prefetched(_pages().filter(pk__in=ids))}
        rows = [_serialise(by_id[i]) for i in ids]
        total = paginator.count
    else:
        paginator = Paginator(_prefetched(base.order_by(Lower("title"), "pk")), page_size)
        page = paginator.get_page(page_number)
        rows = [_serialise(p) for p in page.object_list]
        total = paginator.count
    # Facets: topic counts over the same filtered set (delivery shown too).
    from cms.models import Topic

    facet = (
        Topic.objects.filter(coursepage__in=base.values("pk"))
        .annotate(n=Count("coursepage", distinct=True))
        .values_list("slug", "n")
    )
    return {"results": rows, "total": total, "facets": {"topic": list(facet)}}


def run(rounds=5, iterations=3):
    """Time the finder's mix the stock way over the generated course pages."""
    from courses.models import CoursePage

    indexed = index_pages()
    query_counts = {}
    for name, params in finder.QUERY_MIX:  # warm up and count queries
        with CaptureQueriesContext(connection) as ctx:
            stock_search(params)
        query_counts.setdefault(name, []).append(len(ctx.captured_queries))
    by_category = {name: [] for name in finder.CATEGORIES}
    per_round = []
    for _ in range(rounds):
        samples = []
        start = time.perf_counter()
        for _ in range(iterations):
            for name, params in finder.QUERY_MIX:
                t0 = time.perf_counter()
                stock_search(params)
                elapsed = (time.perf_counter() - t0) * 1000
                samples.append(elapsed)
                by_category[name].append(elapsed)
        per_round.append(
            {**finder.summarise(samples), "qps": len(samples) / (time.perf_counter() - start)}
        )
    return {
        "pages": CoursePage.objects.live().count(),
        "index_s": indexed,
        "query_counts": {k: max(v) for k, v in query_counts.items()},
        "rounds": per_round,
        "categories": {name: finder.summarise(v) for name, v in by_category.items()},
    }
