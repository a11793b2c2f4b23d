"""An event or resource shown in other networks without being copied."""

import pytest

from networks.models import EventPage, ResourcePage
from tests.factories.networks import EventPageFactory, ResourcePageFactory, network

pytestmark = pytest.mark.django_db


def test_a_shared_event_appears_in_both_networks_once(client):
    wales = network("wales")
    event = EventPageFactory(title="Shared workshop", also_in_networks=[wales])
    assert list(wales.upcoming_events) == [event]
    assert list(network("london").upcoming_events) == [event]
    assert client.get(wales.url).content.decode().count("Shared workshop") == 1
    assert EventPage.objects.filter(title="Shared workshop").count() == 1


def test_a_shared_resource_appears_in_the_other_network_once():
    wales = network("wales")
    resource = ResourcePageFactory(also_in_networks=[wales, network("london")])
    assert list(wales.latest_resources) == [resource]
    assert list(network("london").latest_resources) == [resource]
    assert ResourcePage.objects.count() == 1


def test_unshared_pages_stay_in_their_own_network():
    EventPageFactory()
    ResourcePageFactory()
    assert not network("wales").upcoming_events
    assert not network("wales").latest_resources
