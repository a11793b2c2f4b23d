"""The embedded default backend: the catalogue tables on SQLite or PostgreSQL.

Text is matched in the lower-cased ``search_text`` column with synonym sets
expanded, scored title > summary > body; distance is a bounding box on the
indexed latitude/longitude, then the exact haversine in Python.
"""

import json
import math
import re
from collections import Counter

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.utils import timezone

from cms.geocoding.distance import haversine_miles

from ..models import (
    CatalogueDate,
    CatalogueEntry,
    CatalogueEntryTopic,
    CatalogueLocation,
    topic_slug,
)
from ..synonyms import query_clauses
from .base import (
    MARK_CLOSE,
    MARK_OPEN,
    SearchBackend,
    SearchHit,
    SearchResults,
    as_datetime_bound,
    render_highlight,
)

MILES_PER_DEGREE_LATITUDE = 69.05
SNIPPET_LENGTH = 200


def _alternatives(clause):
    """Substrings that satisfy a clause: a plural's stem also matches its singular."""
    found = []
    for term in clause:
        if " " not in term and len(term) > 3 and term.endswith("s") and not term.endswith("ss"):
            term = term[:-1]
        found.append(term)
    return found


def bounding_box(latitude, longitude, miles):
    d_lat = miles / MILES_PER_DEGREE_LATITUDE
    d_lon = miles / (MILES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return latitude - d_lat, latitude + d_lat, longitude - d_lon, longitude + d_lon


def highlight(entry, clauses):
    """A snippet of the summary (or body) around the first match, matches marked."""
    terms = sorted(
        {alt for clause in clauses for alt in _alternatives(clause)}, key=len, reverse=True
    )
    if not terms:
        return ""
    # A stem's match runs to the end of its word: "snack" marks "snacks".
    alternation = "|".join(re.escape(term) for term in terms)
    pattern = re.compile(rf"(?:{alternation})\w*", re.IGNORECASE)
    for text in (entry.summary, entry.body):
        match = pattern.search(text)
        if match:
            start = max(0, match.start() - SNIPPET_LENGTH // 3)
            snippet = text[start : start + SNIPPET_LENGTH]
            marked = pattern.sub(lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", snippet)
            prefix = "…" if start else ""
            suffix = "…" if start + SNIPPET_LENGTH < len(text) else ""
            return render_highlight(f"{prefix}{marked}{suffix}")
    return ""


def keyword_filter(name, values):
    """A document whose ``extra_keywords[name]`` list holds any of ``values``.

    JSON ``contains`` is not available on SQLite, so this matches the quoted value (case
    aside) in the list's JSON text, which SQLite and PostgreSQL both give for a key.
    """
    match = Q(pk__in=[])
    for value in values:
        quoted = json.dumps(str(value), ensure_ascii=False)
        match |= Q(**{f"extra_keywords__{name}__icontains": quoted})
    return match


class DatabaseBackend(SearchBackend):
    """Searches ``CatalogueEntry`` with the ORM: no server needed."""

    name = "database"

    def search(self, query):
        clauses = query_clauses(query.q) if query.q.strip() else []
        base = self._filtered(query, clauses)
        distances = None
        if query.near:
            distances = self._distances(query.near, query.radius_miles)
            if query.radius_miles is not None:
                base = base.filter(pk__in=list(distances))
        facet_filters = self._facet_filters(query)
        matched = base.filter(*facet_filters.values())
        if query.facets:
            total, facets = self._facets(query, base, facet_filters)
        else:
            total, facets = matched.count(), {}
        entries = self._page(matched, query, clauses, distances)
        cutoff = as_datetime_bound(query.starts_after) or timezone.now()
        hits = [self._hit(entry, clauses, distances, cutoff) for entry in entries]
        return SearchResults(hits=hits, total=total, facets=facets, backend=self.name, query=query)

    # --- filters ---------------------------------------------------------------------

    def _filtered(self, query, clauses):
        entries = CatalogueEntry.objects.all()
        for clause in clauses:
            match = Q()
            for alt in _alternatives(clause):
                match |= Q(search_text__contains=alt)
            entries = entries.filter(match)
        if query.accredited is not None:
            entries = entries.filter(accredited=query.accredited)
        if query.delivery:
            entries = entries.filter(delivery__in=query.delivery)
        for name, values in query.keywords:
            entries = entries.filter(keyword_filter(name, values))
        after = as_datetime_bound(query.starts_after)
        before = as_datetime_bound(query.starts_before, end=True)
        if after or before:
            dates = CatalogueDate.objects.filter(entry=OuterRef("pk"))
            if after:
                dates = dates.filter(starts_at__gte=after)
            if before:
                dates = dates.filter(starts_at__lte=before)
            entries = entries.filter(Exists(dates))
        return entries

    def _facet_filters(self, query):
        filters = {}
        if query.kinds:
            filters["kind"] = Q(kind__in=query.kinds)
        if query.topics:
            slugs = {topic_slug(topic) for topic in query.topics}
            filters["topic"] = Q(
                Exists(CatalogueEntryTopic.objects.filter(entry=OuterRef("pk"), slug__in=slugs))
            )
        if query.regions:
            filters["region"] = Q(region_slug__in={topic_slug(region) for region in query.regions})
        return filters

    def _distances(self, near, radius):
        """``{entry_id: (miles, label)}`` for the nearest location of each entry."""
        latitude, longitude = near
        locations = CatalogueLocation.objects.all()
        if radius is not None:
            south, north, west, east = bounding_box(latitude, longitude, radius)
            locations = locations.filter(
                latitude__range=(south, north), longitude__range=(west, east)
            )
        nearest = {}
        for entry_id, lat, lon, label in locations.values_list(
            "entry_id", "latitude", "longitude", "label"
        ):
            miles = haversine_miles(latitude, longitude, lat, lon)
            if radius is not None and miles > radius:
                continue
            if entry_id not in nearest or miles < nearest[entry_id][0]:
                nearest[entry_id] = (miles, label)
        return nearest

    def _facets(self, query, base, filters):
        """The total and the kind, topic and region counts, in two grouped queries.

        Each facet counts under every *other* active filter. Kind and region come
        from one ``GROUP BY kind, region`` over the entries the topic filter keeps,
        each applying the other's filter here; topics need their own join.
        """
        rows = (
            base.filter(*[filters["topic"]] if "topic" in filters else [])
            .values_list("kind", "region", "region_slug")
            .annotate(count=Count("pk"))
            .order_by()
        )
        kinds = set(query.kinds)
        regions = {topic_slug(region) for region in query.regions}
        total, by_kind, by_region = 0, Counter(), Counter()
        for kind, region, slug, count in rows:
            kind_kept = not kinds or kind in kinds
            region_kept = not regions or slug in regions
            total += count if kind_kept and region_kept else 0
            if region_kept and kind:
                by_kind[kind] += count
            if kind_kept and region:
                by_region[region] += count
        topic_rows = (
            CatalogueEntryTopic.objects.filter(
                entry__in=base.filter(*[f for name, f in filters.items() if name != "topic"])
            )
            .values_list("name")
            .annotate(count=Count("pk"))
            .order_by()
        )
        facets = {
            "kind": by_kind.items(),
            "topic": topic_rows,
            "region": by_region.items(),
        }
        return total, {
            name: sorted(((value, count) for value, count in counts), key=lambda r: (-r[1], r[0]))
            for name, counts in facets.items()
        }

    # --- ordering and paging -------------------------------------------------------------

    def _page(self, matched, query, clauses, distances):
        start, stop = query.offset, query.offset + query.page_size
        sort = query.effective_sort
        cutoff = as_datetime_bound(query.starts_after) or timezone.now()
        upcoming = CatalogueDate.objects.filter(starts_at__gte=cutoff).order_by("starts_at")
        entries = matched.prefetch_related(Prefetch("date_rows", queryset=upcoming))
        if sort == "distance":
            # The exact distance is known only in Python: order ids there, then fetch a page.
            rows = matched.values_list("pk", "title", "kind", "object_id")
            inf = float("inf")
            ordered = sorted(
                rows,
                key=lambda r: ((distances.get(r[0]) or (inf,))[0], r[1].lower(), r[2], r[3]),
            )
            ids = [row[0] for row in ordered[start:stop]]
            by_id = {entry.pk: entry for entry in entries.filter(pk__in=ids)}
            return [by_id[pk] for pk in ids]
        tie_break = [Lower("title"), "kind", "object_id"]
        if sort == "relevance":
            entries = entries.annotate(score=self._score(clauses)).order_by("-score", *tie_break)
        elif sort == "date":
            first_date = (
                CatalogueDate.objects.filter(entry=OuterRef("pk"), starts_at__gte=cutoff)
                .order_by("starts_at")
                .values("starts_at")[:1]
            )
            entries = entries.annotate(first_date=first_date).order_by(
                F("first_date").asc(nulls_last=True), *tie_break
            )
        else:
            entries = entries.order_by(*tie_break)
        return list(entries[start:stop])

    def _score(self, clauses):
        score = Value(0)
        for clause in clauses:
            title = Q()
            summary = Q()
            for alt in _alternatives(clause):
                title |= Q(title__icontains=alt)
                summary |= Q(summary__icontains=alt)
            score += Case(
                When(title, then=Value(3)),
                When(summary, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        return score

    def _hit(self, entry, clauses, distances, cutoff):
        distance = (distances or {}).get(entry.pk)
        upcoming = entry.date_rows.all()
        return SearchHit(
            kind=entry.kind,
            object_id=entry.object_id,
            title=entry.title,
            url=entry.url,
            summary=entry.summary,
            topics=list(entry.topics),
            region=entry.region,
            distance_miles=distance[0] if distance else None,
            nearest_label=distance[1] if distance else "",
            next_date=upcoming[0].starts_at if upcoming else None,
            delivery=entry.delivery,
            accreditation=entry.accreditation,
            highlight=highlight(entry, clauses),
            score=getattr(entry, "score", None),
        )

    # --- suggestions -------------------------------------------------------------------

    def suggest(self, prefix, limit=8):
        prefix = " ".join(prefix.split())
        if len(prefix) < 2:
            return []
        topics = (
            CatalogueEntryTopic.objects.filter(name__istartswith=prefix)
            .values_list("name", flat=True)
            .distinct()
            .order_by("name")[:limit]
        )
        titles = (
            CatalogueEntry.objects.filter(
                Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}")
            )
            .order_by(Lower("title"))
            .values_list("title", flat=True)[:limit]
        )
        return list(dict.fromkeys([*topics, *titles]))[:limit]
