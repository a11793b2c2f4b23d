"""Maps of the networks and the directory: privacy-reduced GeoJSON with the map
component's generic properties, and map markup that always has a list equivalent."""

import datetime
import re
from html import unescape

from django.utils import timezone

import pytest

from cms.models import Region
from networks.models import NetworkPage, ProjectIndexPage
from tests.factories.networks import ProjectPageFactory, network, networks_index

pytestmark = pytest.mark.django_db

# What the map component (frontend/js/map.mjs) reads, plus the directory's extras.
PROJECT_PROPERTIES = {"title", "url", "place", "lines", "type", "open_to_new_members"}
SECRET_ADDRESS = "7 Quillon Mews"


def directory_features(client, query=""):
    response = client.get(f"{networks_index().url}directory/geojson/{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return {f["properties"]["title"]: f for f in response.json()["features"]}


def map_element(content, element_id):
    """The attributes of the map element with ``element_id``, unescaped."""
    match = re.search(rf'<div class="psh-map[^"]*" id="{element_id}"([^>]*)>', content)
    assert match, f"no #{element_id} in the page"
    return {name: unescape(value) for name, value in re.findall(r'([\w-]+)="([^"]*)"', match[1])}


# GeoJSON ---------------------------------------------------------------------


def test_an_area_only_project_is_at_its_district_centre_with_generic_properties(client):
    ProjectPageFactory(title="Area group", address=SECRET_ADDRESS, how_to_join="drop_in")
    feature = directory_features(client)["Area group"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.059, 51.517]}
    properties = feature["properties"]
    assert set(properties) == PROJECT_PROPERTIES
    assert properties["place"] == "Tower Hamlets (E1)"
    assert properties["url"].startswith("/networks/london/")
    assert properties["lines"] == ["Mutual peer support", "Tower Hamlets (E1)", "Drop in"]
    # Never the address, the venue or the exact point.
    text = str(feature)
    for secret in (SECRET_ADDRESS, "Community centre", "51.515", "-0.072"):
        assert secret not in text


@pytest.mark.parametrize("visibility", ["area", "on_request"])
def test_a_private_venue_never_gives_its_point(client, visibility):
    ProjectPageFactory(title="Private venue", venue_visibility=visibility)
    coordinates = directory_features(client)["Private venue"]["geometry"]["coordinates"]
    assert coordinates == [-0.059, 51.517]


def test_a_public_address_is_at_its_own_point_named_by_its_venue(client):
    ProjectPageFactory(title="Open venue", venue_visibility="public")
    feature = directory_features(client)["Open venue"]
    # Rounded to three decimals (about 100 m).
    assert feature["geometry"]["coordinates"] == [-0.072, 51.515]
    assert feature["properties"]["place"] == "Community centre"
    assert "address" not in feature["properties"]
    assert "1 Example Street" not in str(feature)


def test_a_closed_group_says_so_in_its_popup(client):
    ProjectPageFactory(title="Closed group", open_to_new_members=False)
    lines = directory_features(client)["Closed group"]["properties"]["lines"]
    assert lines[-1] == "Not taking new members"


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
def test_unmapped_projects_are_absent_from_every_geojson(client, changes):
    project = ProjectPageFactory(title="Not on a map", address=SECRET_ADDRESS, **changes)
    ProjectPageFactory(title="On the map")
    assert set(directory_features(client)) == {"On the map"}
    assert client.get(project.url + "geojson/").json() == {
        "type": "FeatureCollection",
        "features": [],
    }
    # The directory still lists it, and it still counts for its network.
    assert "Not on a map" in client.get(f"{networks_index().url}directory/").content.decode()
    london = network_features(client)["London"]
    assert london["properties"]["lines"] == ["London", "2 projects in the directory"]


def test_a_project_geojson_is_that_project_only(client):
    project = ProjectPageFactory(title="Just me")
    ProjectPageFactory(title="Someone else")
    response = client.get(project.url + "geojson/")
    assert response["Content-Type"] == "application/geo+json"
    [feature] = response.json()["features"]
    assert feature["properties"]["title"] == "Just me"
    assert feature["geometry"]["coordinates"] == [-0.059, 51.517]


def network_features(client):
    response = client.get(f"{networks_index().url}geojson/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return {f["properties"]["title"]: f for f in response.json()["features"]}


def test_regional_networks_are_at_their_region_centres_and_national_is_not_mapped(client):
    wales = Region.objects.get(slug="wales")
    wales_projects = ProjectIndexPage.objects.child_of(network("wales")).get()
    ProjectPageFactory(parent=wales_projects, region=wales)
    features = network_features(client)
    regional = NetworkPage.objects.live().filter(region__isnull=False)
    assert set(features) == {n.title for n in regional}
    assert "National & online" not in features
    feature = features[network("wales").title]
    assert feature["geometry"]["coordinates"] == [
        round(wales.longitude, 3),
        round(wales.latitude, 3),
    ]
    assert feature["properties"]["url"] == network("wales").url
    assert feature["properties"]["lines"] == ["Wales", "1 project in the directory"]
    assert features["London"]["properties"]["lines"] == ["London", "0 projects in the directory"]


def test_a_draft_network_is_not_mapped(client):
    network("wales").unpublish()
    assert network("wales").title not in network_features(client)


# Markup ----------------------------------------------------------------------


def test_the_directory_is_a_list_by_default_with_a_link_to_the_map(client):
    ProjectPageFactory(title="Listed group")
    content = client.get(f"{networks_index().url}directory/?region=london").content.decode()
    assert "data-psh-map" not in content
    assert "leaflet.js" not in content
    assert '<span aria-current="page">List</span>' in content
    assert 'href="?region=london&amp;view=map#results">Map</a>' in content
    assert "Listed group" in content


def test_the_directory_map_has_its_data_url_and_the_list_as_equivalent(client):
    ProjectPageFactory(title="Listed group")
    ProjectPageFactory(title="Ward group", setting="inpatient")
    url = f"{networks_index().url}directory/?region=london&view=map"
    content = client.get(url).content.decode()
    attributes = map_element(content, "directory-map")
    # The map's data follows the list's filters (not its page or view).
    assert (
        attributes["data-geojson-url"] == f"{networks_index().url}directory/geojson/?region=london"
    )
    assert attributes["data-tile-url"] == "/static/tiles/{z}/{x}/{y}.png"
    assert attributes["data-max-zoom"] == "7"
    assert attributes["aria-label"] == "Map of the projects listed below"
    assert "The list below shows the same projects" in content
    # The list stays, unmapped projects included; Leaflet loads from this site.
    assert "Listed group" in content and "Ward group" in content
    assert '<span aria-current="page">Map</span>' in content
    assert 'href="?region=london#results">List</a>' in content
    assert '<input type="hidden" name="view" value="map">' in content
    assert 'src="/static/vendor/leaflet/leaflet.js"' in content
    assert 'href="/static/vendor/leaflet/leaflet.css"' in content
    # The data URL it names answers with the same filters.
    assert client.get(attributes["data-geojson-url"]).status_code == 200


def test_a_map_view_with_a_bad_filter_shows_the_errors_and_the_list(client):
    content = client.get(f"{networks_index().url}directory/?region=atlantis&view=map").content
    content = content.decode()
    assert "nhsuk-error-summary" in content
    assert "data-psh-map" not in content


def test_the_networks_index_maps_the_networks_and_lists_them_all(client):
    index = networks_index()
    content = client.get(index.url).content.decode()
    attributes = map_element(content, "networks-map")
    assert attributes["data-geojson-url"] == f"{index.url}geojson/"
    assert "The list below has every network" in content
    assert "National &amp; online covers everywhere, so it is listed but not on the map." in content
    # The list is the equivalent: every network, the national one included.
    for network_page in NetworkPage.objects.live():
        assert f'href="{network_page.url}"' in content
    assert 'src="/static/vendor/leaflet/leaflet.js"' in content


def test_a_mappable_project_has_a_small_map_of_its_area(client):
    project = ProjectPageFactory(address=SECRET_ADDRESS)
    content = client.get(project.url).content.decode()
    assert '<div class="psh-map psh-map--small" id="project-map"' in content
    attributes = map_element(content, "project-map")
    assert attributes["data-geojson-url"] == f"{project.url}geojson/"
    assert "The marker shows the centre of the area, not the address." in content
    assert "In the Tower Hamlets (E1) area." in content
    assert SECRET_ADDRESS not in content


def test_a_public_address_map_says_it_shows_the_address(client):
    project = ProjectPageFactory(venue_visibility="public")
    content = client.get(project.url).content.decode()
    assert "The marker shows the address above." in content
    assert "1 Example Street" in content


@pytest.mark.parametrize(
    "changes",
    [{"setting": "inpatient"}, {"setting": "forensic"}, {"how_to_join": "members_only"}],
    ids=["inpatient", "forensic", "members-only"],
)
def test_an_unmapped_project_has_no_map(client, changes):
    content = client.get(ProjectPageFactory(**changes).url).content.decode()
    assert "data-psh-map" not in content
    assert "leaflet" not in content
