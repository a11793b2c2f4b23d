"""A network page lists its projects ten at a time, without JavaScript, and
links to the directory filtered to that network (which holds them all)."""

import re

import pytest

from tests.factories.networks import ProjectPageFactory, child_index, network, networks_index

pytestmark = pytest.mark.django_db


def project_titles(html):
    return re.findall(r'class="nhsuk-card__link" href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def london_projects():
    # Titles sort in creation order: "Project 01" … "Project 23".
    return [ProjectPageFactory(title=f"Project {n:02d}") for n in range(1, 24)]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_network_page_shows_ten_projects_and_numbered_pages(client, london_projects):
    url = network("london").url
    html = get(client, url)
    assert project_titles(html) == [f"Project {n:02d}" for n in range(1, 11)]
    assert "Projects 1 to 10 of 23, by name." in html
    nav = re.search(
        r'<nav class="nhsuk-pagination[^"]*" aria-label="([^"]+)">(.*?)</nav>', html, re.S
    )
    assert nav.group(1) == "Member projects pages"
    links = nav.group(2)
    assert 'href="?page=1" aria-label="Page 1" aria-current="page"' in links
    assert 'href="?page=2" aria-label="Page 2">' in links
    assert 'href="?page=3" aria-label="Page 3">' in links
    assert 'rel="next"' in links and 'rel="prev"' not in links

    third = get(client, url + "?page=3")
    assert project_titles(third) == ["Project 21", "Project 22", "Project 23"]
    assert "Projects 21 to 23 of 23, by name." in third
    assert 'href="?page=3" aria-label="Page 3" aria-current="page"' in third


@pytest.mark.parametrize(
    ("page", "first"),
    [("abc", "Project 01"), ("0", "Project 21"), ("-1", "Project 21"), ("99", "Project 21")],
)
def test_a_bad_page_number_gives_page_one_or_the_last_page_as_the_directory_does(
    client, london_projects, page, first
):
    # Django's Paginator.get_page: not a number → the first page; out of range → the
    # last (page 3 of ten here, page 2 of twenty in the directory: both start at 21).
    html = get(client, network("london").url + f"?page={page}")
    assert project_titles(html)[0] == first
    directory = get(client, networks_index().url + f"directory/?network=london&page={page}")
    assert project_titles(directory)[0] == first


def test_the_directory_link_lists_every_project_of_the_network(client, london_projects):
    elsewhere = ProjectPageFactory(title="Cardiff circle", parent=child_index_of("wales"))
    html = get(client, network("london").url)
    link = re.search(r'<a href="([^"]+)">See all 23 projects in the directory</a>', html)
    assert link, "the page links to the directory for all its projects"
    assert link.group(1) == networks_index().url + "directory/?network=london"

    directory = get(client, link.group(1))
    assert "23 projects" in directory
    titles = project_titles(directory)
    assert titles == [f"Project {n:02d}" for n in range(1, 21)]
    assert elsewhere.title not in directory
    assert '<option value="london" selected>' in directory


def test_the_directory_filters_the_national_network_which_has_no_region(client):
    national = ProjectPageFactory(title="Online circle", parent=child_index_of("national-online"))
    ProjectPageFactory(title="Hackney group")
    directory = get(client, networks_index().url + "directory/?network=national-online")
    assert project_titles(directory) == [national.title]
    html = get(client, network("national-online").url)
    assert "See all 1 project in the directory" in html
    # One page only: no pagination.
    assert "nhsuk-pagination" not in html


def test_an_unknown_network_is_reported_not_ignored(client):
    ProjectPageFactory(title="Hackney group")
    response = client.get(networks_index().url + "directory/?network=atlantis")
    html = response.content.decode()
    assert "Choose a network from the list." in html
    assert "nhsuk-error-summary" in html
    geojson = client.get(networks_index().url + "directory/geojson/?network=atlantis")
    assert geojson.status_code == 400


def test_a_network_without_projects_says_so(client):
    html = get(client, network("north-east").url)
    assert "No projects are listed in this network yet." in html
    assert "See all" not in html


def test_the_projects_index_page_is_paged_too(client, london_projects):
    index = child_index_of("london")
    html = get(client, index.url + "?page=2")
    assert project_titles(html) == [f"Project {n:02d}" for n in range(11, 21)]
    assert 'aria-label="Project pages"' in html


def child_index_of(slug):
    from networks.models import ProjectIndexPage

    return child_index(ProjectIndexPage, slug)
