"""The national directory: every live project, filterable, paginated."""

import pytest

from cms.models import Region
from networks.models import NetworkPage, ProjectIndexPage
from tests.factories.networks import CommunityFactory, ProjectPageFactory, networks_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    wales_index = ProjectIndexPage.objects.child_of(NetworkPage.objects.get(slug="wales")).get()
    bme = CommunityFactory(name="BME communities", slug="bme")
    return {
        "drop-in": ProjectPageFactory(
            title="Alpha drop-in", how_to_join="drop_in", communities=[bme]
        ),
        "ward": ProjectPageFactory(
            title="Bravo ward group", setting="inpatient", how_to_join="referral"
        ),
        "closed": ProjectPageFactory(title="Charlie closed group", open_to_new_members=False),
        "welsh": ProjectPageFactory(
            title="Delta Cardiff group",
            parent=wales_index,
            region=Region.objects.get(slug="wales"),
            project_type="self_help",
        ),
    }


def titles(client, query=""):
    response = client.get(f"{networks_index().url}directory/{query}")
    assert response.status_code == 200
    content = response.content.decode()
    return {title for title in ("Alpha", "Bravo", "Charlie", "Delta") if f"{title} " in content}


def test_lists_every_project_including_unmapped_ones(client, projects):
    assert titles(client) == {"Alpha", "Bravo", "Charlie", "Delta"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?region=wales", {"Delta"}),
        ("?region=london", {"Alpha", "Bravo", "Charlie"}),
        ("?project_type=self_help", {"Delta"}),
        ("?community=bme", {"Alpha"}),
        ("?how_to_join=drop_in", {"Alpha"}),
        ("?setting=inpatient", {"Bravo"}),
        ("?open_to_new_members=on", {"Alpha", "Bravo", "Delta"}),
        ("?region=london&how_to_join=referral", {"Bravo"}),
    ],
)
def test_filters(client, projects, query, expected):
    assert titles(client, query) == expected


def test_an_unknown_choice_is_reported_not_ignored(client, projects):
    response = client.get(f"{networks_index().url}directory/?region=atlantis")
    content = response.content.decode()
    assert "nhsuk-error-summary" in content
    assert content.count("<title>Error: ") == 1


def test_drafts_are_not_listed(client, projects):
    projects["drop-in"].unpublish()
    assert "Alpha" not in titles(client)


def test_pages_of_twenty(client):
    for n in range(21):
        ProjectPageFactory(title=f"Project {n:02d}")
    content = client.get(f"{networks_index().url}directory/").content.decode()
    assert "21 projects" in content and "Project 19" in content and "Project 20" not in content
    content = client.get(f"{networks_index().url}directory/?page=2").content.decode()
    assert "Project 20" in content


def test_geojson_has_only_mappable_projects_at_the_district_centre(client, projects):
    response = client.get(f"{networks_index().url}directory/geojson/")
    assert response["Content-Type"] == "application/geo+json"
    features = response.json()["features"]
    # The ward group is described, never mapped; the closed group is still mappable.
    assert sorted(f["properties"]["title"] for f in features) == [
        "Alpha drop-in",
        "Charlie closed group",
        "Delta Cardiff group",
    ]
    assert features[0]["geometry"]["coordinates"] == [-0.059, 51.517]
    assert "address" not in features[0]["properties"]


def test_geojson_follows_the_filters_and_refuses_bad_ones(client, projects):
    url = f"{networks_index().url}directory/geojson/"
    features = client.get(url + "?region=wales").json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Delta Cardiff group"]
    assert client.get(url + "?region=atlantis").status_code == 400
