"""The search backend contract: a ``SearchQuery`` in, ``SearchResults`` out.

Backends are chosen by the ``PEER_SUPPORT_SEARCH["BACKEND"]`` dotted path (like
Wagtail's embed finders) and built once: see ``get_backend``.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from django.conf import settings
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

SORTS = ("relevance", "distance", "date")
FACETS = ("kind", "topic", "region")
DEGRADED_NOTICE = "Search is running in a reduced mode, so results may be less complete."
# Highlight marks travel as private-use characters until the text is escaped.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
# Keyword facet names become ORM lookups and engine terms: letters and single underscores.
KEYWORD_NAME = re.compile(r"^[a-z]+(?:_[a-z]+)*$")


@dataclass(frozen=True)
class SearchQuery:
    """What someone asked for. ``near`` is ``(latitude, longitude)``, already geocoded."""

    q: str = ""
    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    near: tuple[float, float] | None = None
    radius_miles: float | None = None
    accredited: bool | None = None
    delivery: tuple[str, ...] = ()
    starts_after: date | datetime | None = None
    starts_before: date | datetime | None = None
    # ``((name, (value, ...)), ...)`` over a document's ``extra_keywords``: each pair
    # matches a document whose ``name`` list holds any of the values; pairs are ANDed,
    # so ``(("access", ("bsl",)), ("access", ("quiet_room",)))`` needs both.
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = True

    def __post_init__(self):
        for name, values in self.keywords:
            if not KEYWORD_NAME.match(name) or isinstance(values, str):
                raise ValueError(f"Bad keyword filter: {name!r}")

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @property
    def effective_sort(self):
        """Relevance needs words to rank by; without them, nearest or soonest first."""
        if self.sort == "relevance" and not self.q.strip():
            return "distance" if self.near else "title"
        if self.sort == "distance" and not self.near:
            return "title"
        return self.sort


@dataclass
class SearchHit:
    kind: str
    object_id: int
    title: str
    url: str
    summary: str = ""
    topics: list[str] = field(default_factory=list)
    region: str = ""
    distance_miles: float | None = None
    nearest_label: str = ""
    next_date: datetime | None = None
    delivery: str = ""
    accreditation: str = ""
    highlight: str = ""  # HTML: escaped text with <mark> around matches
    score: float | None = None

    @property
    def document_id(self):
        return f"{self.kind}:{self.object_id}"


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    backend: str
    query: SearchQuery
    degraded: bool = False
    notice: str = ""

    @property
    def page_count(self):
        size = self.query.page_size
        return max(1, (self.total + size - 1) // size)


class SearchBackend:
    """Answers catalogue searches. Subclasses set ``name`` and implement both methods."""

    name = ""

    def search(self, query):
        """``SearchResults`` for a ``SearchQuery``."""
        raise NotImplementedError

    def suggest(self, prefix, limit=8):
        """Completions for what someone has typed so far: a list of strings."""
        raise NotImplementedError


def render_highlight(text):
    """Escape ``text`` and turn the private marks into ``<mark>`` elements."""
    return mark_safe(  # noqa: S308 - all but our marks escaped  # nosec B308 B703
        escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
    )


def as_datetime_bound(value, *, end=False):
    """Dates in a query are whole days in the site's time zone."""
    from django.utils import timezone

    if value is None or isinstance(value, datetime):
        return value
    moment = datetime.combine(value, datetime.max.time() if end else datetime.min.time())
    return timezone.make_aware(moment)


@cache
def get_backend():
    """The configured backend, built once."""
    backend_class = import_string(settings.PEER_SUPPORT_SEARCH["BACKEND"])
    return backend_class()


def clear_backend_cache():
    get_backend.cache_clear()
