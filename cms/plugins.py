"""Base classes for plugins: the contracts behind the hooks in ``cms.hooks``."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True)
class CatalogueLocation:
    """One place a catalogue document can be found near, already privacy-reduced."""

    latitude: float
    longitude: float
    label: str = ""


@dataclass
class CatalogueDocument:
    """The one shape every catalogue source produces for search, facets and maps."""

    kind: str
    object_id: int
    title: str
    url: str
    summary: str = ""
    body: str = ""
    topics: list[str] = field(default_factory=list)
    region: str = ""
    locations: list[CatalogueLocation] = field(default_factory=list)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    dates: list[datetime] = field(default_factory=list)
    accreditation: str = ""
    delivery: str = ""
    cost: str = ""
    extra_keywords: dict[str, list[str]] = field(default_factory=dict)


class CatalogueSource:
    """A kind of findable thing: turns its live objects into ``CatalogueDocument``s.

    Subclasses set ``kind``, ``label`` and ``model`` and implement
    ``get_queryset`` and ``to_document``. Register an instance with the
    ``register_catalogue_source`` hook.
    """

    kind = ""
    label = ""
    model = None

    def get_queryset(self):
        """Objects that belong in the catalogue (live and public)."""
        raise NotImplementedError

    def to_document(self, obj):
        """The ``CatalogueDocument`` for one object from ``get_queryset``."""
        raise NotImplementedError

    def documents(self):
        for obj in self.get_queryset().iterator(chunk_size=500):
            yield self.to_document(obj)


class Importer:
    """Reads an external source into pages; ``run`` returns an ``ImportReport``."""

    name = ""
    label = ""

    def run(self, source, *, dry_run=False):
        raise NotImplementedError


def validation_messages(error):
    """A ``ValidationError``'s messages, each ``field: message`` when it names fields."""
    if hasattr(error, "message_dict"):
        return [f"{name}: {'; '.join(texts)}" for name, texts in error.message_dict.items()]
    return list(error.messages)


@dataclass
class ImportReport:
    """What an import did, for the management command's closing summary."""

    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


class DemoContent:
    """Demo content an app adds after the core's; ``load`` must be idempotent."""

    name = ""
    order = 100

    def load(self, home_page, stdout):
        raise NotImplementedError


class PeriodicJob:
    """Work the scheduler runs every ``interval``: a purge, a feed refresh, reminder emails.

    ``run(now)`` does one pass and returns a one-line summary for the log and
    ``run_scheduler --list``. It must be safe to run again at any time: a pass
    that fails is retried at the next tick.
    """

    name = ""
    description = ""
    interval = timedelta(days=1)

    def run(self, now):
        raise NotImplementedError
