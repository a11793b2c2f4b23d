"""What the API and the search page share: limits, places, "did you mean", the query log."""

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from cms.geocoding import geocode

from .models import CatalogueEntry, CatalogueEntryTopic, SearchQueryLog

MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000
MIN_RADIUS, MAX_RADIUS = 1, 200
DEFAULT_RADIUS = 25
DELIVERY_MODES = ("in_person", "online", "blended")
MAX_QUERY_LENGTH = 200
VOCABULARY_TITLES, VOCABULARY_WORDS, VOCABULARY_SECONDS = 20_000, 5_000, 3600
_FULL_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*[0-9][A-Z]{2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """A geocoded ``near``: the point and how to name it ("LS6", "Leeds")."""

    latitude: float
    longitude: float
    label: str

    @property
    def point(self):
        return (self.latitude, self.longitude)


def resolve_place(text):
    """Geocode ``near`` text; raises ``cms.geocoding.GeocodeError`` with a user message."""
    result = geocode(text)
    return Place(result.latitude, result.longitude, result.label)


def reduce_postcodes(text):
    """Full postcodes reduced to their district: "LS6 3HN" → "LS6"."""
    return _FULL_POSTCODE.sub(lambda match: match.group(1).upper(), text)


def log_query(term, result_count):
    term = " ".join(reduce_postcodes(term).split())[:200]
    if term:
        SearchQueryLog.objects.create(term=term.lower(), result_count=result_count)


def vocabulary():
    """``{lower-cased word: as shown}``: published topic names and common title words.

    Bounded: the titles of at most ``VOCABULARY_TITLES`` entries (the latest changed),
    their ``VOCABULARY_WORDS`` commonest words. Cached until the catalogue changes
    (its size or its latest ``updated_at``), so a search that finds nothing reads one
    aggregate, not every title.
    """
    version = CatalogueEntry.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    latest = version["latest"].timestamp() if version["latest"] else 0
    key = f"search:vocabulary:{version['count']}:{latest}"
    words = cache.get(key)
    if words is None:
        counts = Counter()
        titles = CatalogueEntry.objects.order_by("-updated_at").values_list("title", flat=True)
        for title in titles[:VOCABULARY_TITLES].iterator(chunk_size=2000):
            counts.update(word.lower() for word in re.findall(r"[\w']+", title) if len(word) > 2)
        words = {word: word for word, _ in counts.most_common(VOCABULARY_WORDS)}
        topics = CatalogueEntryTopic.objects.values_list("name", flat=True).distinct()
        words.update((name.lower(), name) for name in topics)
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def did_you_mean(text, limit=3):
    """Published topic names and title words close to what was typed."""
    words = [word.lower() for word in re.findall(r"[\w']+", text) if len(word) > 2]
    if not words:
        return []
    known = vocabulary()
    phrase = " ".join(words)
    found = difflib.get_close_matches(phrase, known, n=limit, cutoff=0.75)
    if not found:
        corrected = [
            (difflib.get_close_matches(word, known, n=1, cutoff=0.75) or [word])[0]
            for word in words
        ]
        if corrected != words:
            found = [" ".join(corrected)]
    return [known.get(term, term) for term in found if term != phrase]


def promotions_for(text):
    """Editors' promoted results for exactly this query (Wagtail search promotions)."""
    if not text.strip():
        return []
    picks = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(text)
    ).select_related("page")
    return [
        {
            "title": pick.title,
            "url": pick.page.url if pick.page else pick.external_link_url,
            "description": pick.description,
        }
        for pick in picks
        if pick.page is None or pick.page.live
    ]
