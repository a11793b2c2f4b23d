"""schema.org JSON-LD on event and project pages, privacy-reduced."""

import datetime
import json
import re

from django.utils import timezone

import pytest

from tests.factories.networks import EventPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', re.S)


def json_ld(client, page):
    content = client.get(page.url).content.decode()
    [payload] = SCRIPT.findall(content)
    return json.loads(payload)


def test_an_area_only_event_gives_its_district_not_its_address(client):
    event = EventPageFactory(title="Open evening", address="9 Secret Street", latitude=51.5234)
    data = json_ld(client, event)
    assert data["@type"] == "Event" and data["name"] == "Open evening"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Tower Hamlets",
        "postalCode": "E1",
        "addressCountry": "GB",
    }
    assert "geo" not in data["location"]
    assert data["startDate"] == timezone.localtime(event.occurrences.get().start).isoformat()


def test_a_public_venue_gives_its_address_and_point(client):
    event = EventPageFactory(
        venue_visibility="public",
        venue_name="Hall",
        address="1 Open Road",
        latitude=51.5,
        longitude=-0.1,
    )
    location = json_ld(client, event)["location"]
    assert location["address"]["streetAddress"] == "1 Open Road"
    assert location["geo"]["latitude"] == 51.5


def test_an_online_event_and_several_dates(client):
    soon = timezone.now() + datetime.timedelta(days=2)
    event = EventPageFactory(online=True, occurrences=[soon, soon + datetime.timedelta(days=7)])
    data = json_ld(client, event)
    assert len(data) == 2
    assert data[0]["location"]["@type"] == "VirtualLocation"
    assert data[0]["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")


def test_markup_in_the_title_cannot_end_the_script(client):
    event = EventPageFactory(title="</script><b>x</b>")
    content = client.get(event.url).content.decode()
    assert "</script><b>" not in content
    assert json_ld(client, event)["name"] == "</script><b>x</b>"


def test_no_json_ld_without_future_dates(client):
    event = EventPageFactory(occurrences=[timezone.now() - datetime.timedelta(days=3)])
    assert not SCRIPT.findall(client.get(event.url).content.decode())


class TestProjectJsonLd:
    """A project page: an Organization offering the project as a Service."""

    def test_an_area_only_project_gives_its_district_not_its_address(self, client):
        project = ProjectPageFactory(
            title="Tuesday circle", address="9 Secret Street", latitude=51.5234, cost="Free"
        )
        data = json_ld(client, project)
        assert data["@type"] == "Organization"
        assert data["name"] == project.organisation.name
        assert data["contactPoint"]["email"] == project.organisation.public_email
        offer = data["makesOffer"]
        assert (offer["price"], offer["priceCurrency"]) == ("0", "GBP")
        service = offer["itemOffered"]
        assert service["@type"] == "Service" and service["name"] == "Tuesday circle"
        assert service["serviceType"] == "Mutual peer support"
        place = service["availableChannel"]["serviceLocation"]
        assert place["address"]["postalCode"] == "E1" and "geo" not in place
        assert "9 Secret Street" not in json.dumps(data) and "51.5234" not in json.dumps(data)

    def test_a_public_address_gives_the_address_and_point(self, client):
        project = ProjectPageFactory(
            venue_visibility="public", address="1 Open Road", latitude=51.5, longitude=-0.1
        )
        place = json_ld(client, project)["makesOffer"]["itemOffered"]["availableChannel"][
            "serviceLocation"
        ]
        assert place["address"]["streetAddress"] == "1 Open Road"
        assert place["geo"]["latitude"] == 51.5

    @pytest.mark.parametrize("setting", ["inpatient", "forensic", "online"])
    def test_unmapped_settings_give_no_place(self, client, setting):
        project = ProjectPageFactory(setting=setting)
        data = json_ld(client, project)
        assert "availableChannel" not in data["makesOffer"]["itemOffered"]
        assert "Tower Hamlets" not in json.dumps(data) and "E1" not in json.dumps(data)

    def test_a_project_contact_replaces_the_organisations(self, client):
        project = ProjectPageFactory(public_phone="0113 496 0001", cost="£2 a session")
        data = json_ld(client, project)
        assert data["contactPoint"] == {
            "@type": "ContactPoint",
            "contactType": "enquiries",
            "telephone": "0113 496 0001",
        }
        assert data["makesOffer"]["description"] == "£2 a session"

    def test_markup_in_the_title_cannot_end_the_script(self, client):
        project = ProjectPageFactory(title="</script><b>x</b>")
        content = client.get(project.url).content.decode()
        assert "</script><b>" not in content
        assert json_ld(client, project)["makesOffer"]["itemOffered"]["name"] == "</script><b>x</b>"
