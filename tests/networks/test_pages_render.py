"""Every networks page renders, and shows what a visitor needs."""

import datetime

from django.utils import timezone

import pytest

from networks.models import EventIndexPage, MentoringIndexPage, ProjectIndexPage, ResourceIndexPage
from tests.factories.networks import (
    EventPageFactory,
    MentoringPageFactory,
    NetworkCoordinatorFactory,
    ProjectPageFactory,
    ResourcePageFactory,
    child_index,
    network,
    networks_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def london():
    london = network("london")
    NetworkCoordinatorFactory(page=london, relay_email="private-relay@example.org")
    project = ProjectPageFactory(title="Tuesday circle")
    EventPageFactory(title="Open evening")
    ResourcePageFactory(title="Group agreement template")
    MentoringPageFactory(title="Help with governance", project=project)
    return london


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_networks_index_lists_every_network(client, london):
    content = html(client, networks_index().url)
    for name in ("London", "Wales", "National &amp; online", "North East"):
        assert name in content
    assert "/networks/directory/" in content


def test_network_page_shows_its_members_events_resources_and_mentoring(client, london):
    content = html(client, london.url)
    for text in (
        "Tuesday circle",
        "Open evening",
        "Group agreement template",
        "Help with governance",
    ):
        assert text in content
    assert "Network coordinator" in content
    # The coordinator's relay address is never published.
    assert "private-relay@example.org" not in content
    assert 'type="text/calendar"' in content


@pytest.mark.parametrize(
    "model", [ProjectIndexPage, EventIndexPage, ResourceIndexPage, MentoringIndexPage]
)
def test_child_indexes_render(client, london, model):
    content = html(client, child_index(model).url)
    assert "London" in content


def test_detail_pages_render(client, london):
    project = ProjectPageFactory(title="Drop-in group", meeting_schedule="Tuesdays, 6pm")
    content = html(client, project.url)
    assert "Drop-in group" in content and "Tuesdays, 6pm" in content
    assert "This is not a crisis service" in content
    assert "Details last checked" in content
    event = EventPageFactory(title="Network day")
    assert "Network day" in html(client, event.url)
    resource = ResourcePageFactory(title="Evaluation questions")
    assert "Open the resource" in html(client, resource.url)
    mentoring = MentoringPageFactory(title="Fundraising mentoring")
    assert "Telephone, online" in html(client, mentoring.url)


def test_a_stale_project_says_it_may_be_out_of_date(client, london):
    project = ProjectPageFactory(last_checked=timezone.localdate() - datetime.timedelta(days=600))
    assert "May be out of date" in html(client, project.url)


def test_expired_mentoring_leaves_the_network_page(client, london):
    MentoringPageFactory(
        title="Old offer", expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert "Old offer" not in html(client, london.url)


def test_past_events_leave_the_upcoming_list(client, london):
    EventPageFactory(title="Last year", occurrences=[timezone.now() - datetime.timedelta(days=300)])
    assert "Last year" not in html(client, london.url)
