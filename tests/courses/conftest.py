"""Course fixtures: a finder page and courses in real places around England."""

from datetime import timedelta

import pytest

from cms import hooks as cms_hooks
from cms.geocoding import clear_geocoder_cache, geocode
from cms.models import Region
from tests.factories.courses import CourseIndexPageFactory, CoursePageFactory, in_days


@pytest.fixture(autouse=True)
def _fresh_registries():
    clear_geocoder_cache()
    cms_hooks.reset_registries()
    yield
    cms_hooks.reset_registries()


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
