"""Search fixtures: in-memory catalogue sources and both backends over the same data.

The sources are registered with ``hooks.register_temporarily``; their documents
are located (one or several places), online, dated and undated, so the contract
suite covers every query shape until the courses and networks apps add theirs.
"""

import os
import socket
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path

from django.core.cache import cache
from django.utils import timezone

from wagtail import hooks

import pytest

from cms import hooks as cms_hooks
from cms.geocoding import clear_geocoder_cache
from cms.plugins import CatalogueDocument, CatalogueLocation, CatalogueSource
from search import sync
from search.backends.base import clear_backend_cache
from search.backends.database import DatabaseBackend
from search.backends.engine import EngineBackend, clear_engine_cache, get_engine
from search.synonyms import clear_synonym_cache
from tests.conftest import require_service

SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "opensearch" / "opensearch.sh"
LEEDS = (53.7997, -1.5492)
BRADFORD = CatalogueLocation(53.7960, -1.7594, "Bradford")
YORK = CatalogueLocation(53.9590, -1.0815, "York")
SHEFFIELD = CatalogueLocation(53.3811, -1.4701, "Sheffield")
MANCHESTER = CatalogueLocation(53.4808, -2.2426, "Manchester")
LONDON = CatalogueLocation(51.5074, -0.1278, "London")
LEEDS_CENTRE = CatalogueLocation(53.8008, -1.5491, "Leeds")


def days(n):
    return (timezone.now() + timedelta(days=n)).replace(hour=10, minute=0, second=0, microsecond=0)


def fixture_documents():
    """Ten documents across England; ``object_id`` s are stable for assertions."""
    return [
        CatalogueDocument(
            kind="fixture_group",
            object_id=1,
            title="Leeds mutual aid group",
            url="/groups/1/",
            summary="A weekly mutual aid group for people with lived experience.",
            topics=["Mutual aid", "Recovery"],
            region="Yorkshire and the Humber",
            locations=[LEEDS_CENTRE],
            delivery="in_person",
        ),
        CatalogueDocument(
            kind="fixture_course",
            object_id=2,
            title="Peer support training in Bradford",
            url="/courses/2/",
            summary="Accredited training for new peer supporters.",
            body="Covers listening, boundaries and safeguarding.",
            topics=["Training"],
            region="Yorkshire and the Humber",
            locations=[BRADFORD],
            dates=[days(10), days(40)],
            accreditation="OCN Level 3",
            delivery="in_person",
        ),
        CatalogueDocument(
            kind="fixture_course",
            object_id=3,
            title="Peer mentoring course",
            url="/courses/3/",
            summary="Learn to mentor others in a peer-led project.",
            topics=["Training", "Mentoring"],
            region="North West",
            locations=[MANCHESTER, LONDON],
            dates=[days(20)],
            delivery="blended",
        ),
        CatalogueDocument(
            kind="fixture_event",
            object_id=4,
            title="Sheffield sister circle",
            url="/events/4/",
            summary="An afternoon circle for women supporting each other.",
            topics=["Women"],
            region="Yorkshire and the Humber",
            locations=[SHEFFIELD],
            dates=[days(5)],
            delivery="in_person",
        ),
        CatalogueDocument(
            kind="fixture_course",
            object_id=5,
            title="Online skills for peer workers",
            url="/courses/5/",
            summary="A six-week online course with live sessions.",
            topics=["Training"],
            dates=[days(15)],
            accreditation="Open College Network",
            delivery="online",
        ),
        CatalogueDocument(
            kind="fixture_group",
            object_id=6,
            title="Hearing voices group",
            url="/groups/6/",
            summary="A hearing voices group meeting in north London.",
            topics=["Hearing voices"],
            region="London",
            locations=[CatalogueLocation(51.5450, -0.1030, "Islington")],
            delivery="in_person",
        ),
        CatalogueDocument(
            kind="fixture_group",
            object_id=7,
            title="York self-help group",
            url="/groups/7/",
            summary="Friendly self-help meetings by the river.",
            topics=["Recovery"],
            region="Yorkshire and the Humber",
            locations=[YORK],
            delivery="in_person",
        ),
        CatalogueDocument(
            kind="fixture_event",
            object_id=8,
            title="Leeds winter gathering",
            url="/events/8/",
            summary="A gathering of local projects.",
            body="Peer support projects meet up.",
            topics=["Networking"],
            region="Yorkshire and the Humber",
            locations=[LEEDS_CENTRE],
            dates=[days(-30), days(200)],
            delivery="in_person",
        ),
        CatalogueDocument(
            kind="fixture_event",
            object_id=9,
            title="Commissioning webinar",
            url="/events/9/",
            summary="Making the case for peer support to commissioners.",
            topics=["Commissioning"],
            dates=[days(60)],
            delivery="online",
        ),
        CatalogueDocument(
            kind="guidance",
            object_id=10_000,
            title="What peer support is",
            url="/guidance/what/",
            summary="Principles of good peer support.",
            body="Peer support is built on shared experience, mutuality and choice.",
            topics=["Principles"],
            delivery="online",
        ),
    ]


class FixtureSource(CatalogueSource):
    """An in-memory source of one kind from ``fixture_documents``."""

    def __init__(self, kind):
        self.kind = kind
        self.label = kind.replace("fixture_", "").title() + "s"

    def get_queryset(self):
        raise NotImplementedError("in-memory source")

    def documents(self):
        return [doc for doc in fixture_documents() if doc.kind == self.kind]

    def document_ids(self):
        return [doc.object_id for doc in self.documents()]


FIXTURE_KINDS = ("fixture_course", "fixture_event", "fixture_group")


@pytest.fixture(autouse=True)
def _clean_search_state():
    cache.clear()
    clear_backend_cache()
    clear_engine_cache()
    clear_synonym_cache()
    clear_geocoder_cache()
    cms_hooks.reset_registries()
    yield
    cache.clear()
    clear_backend_cache()
    clear_engine_cache()
    cms_hooks.reset_registries()


@pytest.fixture
def fixture_sources():
    registered = [
        hooks.register_temporarily(
            cms_hooks.REGISTER_CATALOGUE_SOURCE, lambda k=k: FixtureSource(k)
        )
        for k in FIXTURE_KINDS
    ]
    for context in registered:
        context.__enter__()
    cms_hooks.reset_registries()
    yield
    for context in reversed(registered):
        context.__exit__(None, None, None)
    cms_hooks.reset_registries()


@pytest.fixture
def catalogue(db, fixture_sources):
    """The fixture documents stored as catalogue entries."""
    for document in fixture_documents():
        sync.store_document(document)
    return fixture_documents()


@pytest.fixture
def engine_settings(settings):
    """Point the engine at the test node with an index alias of this test's own."""
    url = os.environ.get("OPENSEARCH_URL")
    require_service(url, "OpenSearch not running: make engine")
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH,
        "ENGINE_URL": url,
        "INDEX_ALIAS": f"test-catalogue-{uuid.uuid4().hex[:10]}",
        "TIMEOUT_SECONDS": 5,
    }
    clear_engine_cache()
    yield settings.PEER_SUPPORT_SEARCH
    get_engine().drop()
    clear_engine_cache()


class StrictEngineBackend(EngineBackend):
    """The engine backend that fails the test instead of quietly using the database."""

    def _degraded(self, results):
        pytest.fail("The engine did not answer: the test fell back to the database")

    def _fallback_suggest(self, prefix, limit):
        pytest.fail("The engine did not answer a suggestion: the test fell back to the database")


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def backend(request, catalogue):
    """Each backend over the same catalogue (the engine's index built from it)."""
    if request.param == "database":
        return DatabaseBackend()
    request.getfixturevalue("engine_settings")
    get_engine().rebuild()
    return StrictEngineBackend()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_node(tmp_path_factory):
    """A private node (own state directory and port): ``(url, start, stop)``. Slow."""
    require_service(os.environ.get("OPENSEARCH_URL"), "OpenSearch not running: make engine")
    state = tmp_path_factory.mktemp("opensearch-outage")
    env = {**os.environ, "OPENSEARCH_STATE_DIR": str(state)}
    port = free_port()

    def run(*args):
        return subprocess.run(
            [str(SCRIPT), *args], env=env, check=True, capture_output=True, text=True, timeout=240
        )

    def start():
        return run("start", "--port", str(port), "--heap", "256m").stdout.strip()

    url = start()
    yield url, start, lambda: run("stop")
    run("stop")
