"""Privacy: an area-only project never exposes its address or exact point, and
inpatient, forensic, online, members-only and stale projects are never mapped.

The planted project's address holds a unique marker string and its exact
coordinates are digits that appear nowhere else; every output is searched.
"""

import datetime

from django.utils import timezone

import pytest

from cms.hooks import catalogue_sources
from networks.location import public_location
from networks.openreferral.ids import stable_id
from tests.factories.cms import TopicFactory
from tests.factories.networks import EventPageFactory, ProjectPageFactory, network, networks_index

pytestmark = pytest.mark.django_db

MARKER = "Zebedee-Marker-Lane 77"
EXACT = {"latitude": 51.523456, "longitude": -0.071234}
SECRETS = (MARKER, "51.523456", "-0.071234", "51.52345", "0.07123")


@pytest.fixture
def planted():
    project = ProjectPageFactory(title="Planted project", address=MARKER, venue_name="", **EXACT)
    # A one-off date and a schedule, so every kind of feed entry is crawled.
    event = EventPageFactory(
        title="Planted event",
        project=project,
        address=MARKER,
        topics=[TopicFactory(name="Planted topic", slug="planted-topic")],
        repeats="weekly",
        repeat_weekday=1,
        repeat_starts_at=datetime.time(18),
        repeat_from=timezone.localdate(),
        **EXACT,
    )
    return project, event


def open_referral_urls(project):
    api = "/api/v1/openreferral"
    return [
        f"{api}/services",
        f"{api}/services/{stable_id('project', project.pk)}",
        f"{api}/service_at_locations",
        f"{api}/service_at_locations?postcode=E1",
    ]


def public_outputs(client, project, event):
    index = networks_index()
    urls = [
        project.url,
        event.url,
        network("london").url,
        project.get_parent().url,
        event.get_parent().url,
        index.url,
        index.url + "directory/",
        index.url + "directory/geojson/",
        index.url + "directory/?view=map",
        index.url + "geojson/",
        project.url + "geojson/",
        network("london").url + "ical/",
        event.url + "ical/",
        index.url + "ical/",
        index.url + "ical/planted-topic/",
        index.url + "coverage/",
        index.url + "coverage/csv/",
        "/search/?q=Planted",
        "/search/?near=E1&radius=5",
        "/api/v1/search?q=Planted",
        "/api/v1/search?near=E1&radius=5&sort=distance",
        "/api/v1/search/suggest?q=Plan",
        "/sitemap.xml",
        *open_referral_urls(project),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()
    for source in catalogue_sources:
        for document in source.documents():
            yield f"catalogue:{source.kind}", repr(document)


def test_area_only_never_leaks_the_address_or_exact_point(client, planted):
    outputs = list(public_outputs(client, *planted))
    shown = dict(outputs)
    for where in ("/api/v1/search?q=Planted", "/search/?q=Planted", "/sitemap.xml"):
        assert "Planted" in shown[where] or "planted" in shown[where], where
    for where, text in outputs:
        for secret in SECRETS:
            assert secret not in text, (where, secret)


def test_area_only_documents_carry_the_district_centre(planted):
    project, event = planted
    for kind, page in (("project", project), ("event", event)):
        document = catalogue_sources.get(kind).to_document(page)
        [location] = document.locations
        assert (location.latitude, location.longitude) == (51.517, -0.059)
        assert location.label == "Tower Hamlets (E1)"


@pytest.mark.parametrize("visibility", ["area", "on_request"])
def test_on_request_is_treated_like_area_only(client, visibility):
    project = ProjectPageFactory(venue_visibility=visibility, address=MARKER, **EXACT)
    assert MARKER not in client.get(project.url).content.decode()
    assert public_location(project).latitude == 51.517


def test_a_public_address_is_shown_at_its_own_point(client):
    project = ProjectPageFactory(venue_visibility="public", address=MARKER, **EXACT)
    assert MARKER in client.get(project.url).content.decode()
    assert public_location(project).latitude == EXACT["latitude"]


@pytest.mark.parametrize(
    "changes",
    [
        {"setting": "inpatient"},
        {"setting": "forensic"},
        {"setting": "online"},
        {"how_to_join": "members_only"},
        {"last_checked": timezone.localdate() - datetime.timedelta(days=600)},
    ],
    ids=["inpatient", "forensic", "online", "members-only", "stale"],
)
def test_described_but_never_mapped(client, changes):
    project = ProjectPageFactory(address=MARKER, **changes)
    assert not project.is_mappable
    assert catalogue_sources.get("project").to_document(project).locations == []
    content = client.get(project.url).content.decode()
    assert MARKER not in content
    assert project.title in content
    # No map on its page, no feature in any GeoJSON.
    assert "data-psh-map" not in content
    assert client.get(project.url + "geojson/").json()["features"] == []
    directory = client.get(networks_index().url + "directory/geojson/").json()
    assert project.title not in [f["properties"]["title"] for f in directory["features"]]


@pytest.mark.parametrize("setting", ["inpatient", "forensic"])
def test_secure_and_ward_settings_do_not_name_the_district(client, setting):
    project = ProjectPageFactory(setting=setting)
    assert "Tower Hamlets" not in client.get(project.url).content.decode()
    assert "Tower Hamlets" not in client.get(networks_index().url + "directory/").content.decode()


def test_an_online_event_has_no_location():
    event = EventPageFactory(online=True)
    assert catalogue_sources.get("event").to_document(event).locations == []
