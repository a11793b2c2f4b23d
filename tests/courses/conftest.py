"""Course fixtures: a finder page and courses in real places around England.

``search_backend`` runs a test once per search backend: the database, and the
OpenSearch engine through the search tests' ``engine_settings`` (marked ``engine``:
skipped without ``OPENSEARCH_URL``, a failure in CI).
"""

from datetime import timedelta

import pytest

from cms import hooks as cms_hooks
from cms.geocoding import clear_geocoder_cache, geocode
from cms.models import Region
from search import sync
from search.backends.base import clear_backend_cache
from search.backends.engine import get_engine
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, in_days
from tests.search.conftest import StrictEngineBackend, engine_settings  # noqa: F401 (fixture)


@pytest.fixture(autouse=True)
def _fresh_registries():
    clear_geocoder_cache()
    cms_hooks.reset_registries()
    yield
    cms_hooks.reset_registries()


class OutboxEngineBackend(StrictEngineBackend):
    """The engine as it is after each commit: the outbox drained into the index.

    Publishing queues the change in the outbox and drains it once the transaction
    commits; a test's transaction never commits, so the drain runs before each search.
    """

    def search(self, query):
        sync.drain_outbox()
        get_engine().refresh()
        return super().search(query)


@pytest.fixture(params=["database", pytest.param("engine", marks=pytest.mark.engine)])
def search_backend(request, settings):
    """The finder's search backend, each in turn; the engine's index built from the catalogue."""
    clear_backend_cache()
    if request.param == "engine":
        request.getfixturevalue("engine_settings")
        settings.PEER_SUPPORT_SEARCH = {
            **settings.PEER_SUPPORT_SEARCH,
            "BACKEND": f"{__name__}.OutboxEngineBackend",
        }
        get_engine().rebuild()
    yield request.param
    clear_backend_cache()


def session_at(postcode, days=30, hour=10, visibility="public", **extra):
    """Session options for a venue at ``postcode``'s district centre, via the geocoder."""
    place = geocode(postcode)
    starts = in_days(days, hour)
    return {
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "postcode": postcode,
        "postcode_district": place.district,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "area_latitude": place.latitude,
        "area_longitude": place.longitude,
        "local_authority": place.lad_name,
        "region": Region.objects.get(name=place.region_name),
        "venue_visibility": visibility,
        **extra,
    }


@pytest.fixture
def course_index(db):
    return CourseIndexPageFactory()


@pytest.fixture
def courses(course_index):
    """Six courses: Leeds (accredited), Sheffield (CPD), Nottingham, London, online, TBA."""
    return {
        "leeds": CoursePageFactory(
            title="Leeds accredited course",
            accredited=True,
            sessions=[session_at("LS1 4AP", days=10, step_free=True, hearing_loop=True)],
        ),
        "sheffield": CoursePageFactory(
            title="Sheffield CPD course",
            cpd=True,
            paid=True,
            sessions=[session_at("S1 2HE", days=20, hour=18, step_free=False)],
        ),
        "nottingham": CoursePageFactory(
            title="Nottingham course",
            sessions=[session_at("NG1 5DL", days=40, step_free=True)],
        ),
        "london": CoursePageFactory(
            title="London course",
            sessions=[session_at("E1 1EJ", days=5, step_free=True)],
        ),
        "online": CoursePageFactory(
            title="Online course", delivery="online", sessions=[{"online_session": True}]
        ),
        "tba": CoursePageFactory(title="Course with dates to come", sessions=[]),
    }
