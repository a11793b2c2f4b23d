"""Catalogue sources for projects, events and resources, and the demo content."""

import io

from django.utils import timezone

import pytest

from cms.hooks import catalogue_sources, demo_contents
from cms.models import HomePage, Organisation, Topic
from networks.models import EventPage, MentoringPage, NetworkPage, ProjectPage, ResourcePage
from tests.factories.networks import EventPageFactory, ProjectPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def test_three_kinds_are_registered():
    assert {"project", "event", "resource"} <= set(catalogue_sources.keys())


def test_a_project_document():
    topic = Topic.objects.get(slug="hearing-voices")
    project = ProjectPageFactory(title="Voices group", topics=[topic], how_to_join="drop_in")
    [document] = catalogue_sources.get("project").documents()
    assert document.title == "Voices group"
    assert document.url == project.url
    assert document.topics == ["Hearing voices"]
    assert document.region == "London"
    assert document.extra_keywords["how_to_join"] == ["drop_in"]


def test_an_event_document_has_its_future_dates():
    event = EventPageFactory()
    document = catalogue_sources.get("event").to_document(event)
    assert document.starts_at == event.occurrences.get().start
    assert document.dates == [document.starts_at]


def test_a_resource_document_is_findable_by_topic():
    resource = ResourcePageFactory(topics=[Topic.objects.get(slug="evaluation")])
    document = catalogue_sources.get("resource").to_document(resource)
    assert document.topics == ["Evaluation"]


def test_drafts_are_not_in_the_catalogue():
    ProjectPageFactory().unpublish()
    assert list(catalogue_sources.get("project").documents()) == []


def test_a_renamed_organisation_reindexes_its_projects():
    project = ProjectPageFactory()
    affected = catalogue_sources.get("project").objects_affected_by(project.organisation)
    assert list(affected) == [project.page_ptr.specific]


class TestDemoContent:
    @pytest.fixture
    def organisations(self):
        from cms.demo.organisations import ORGANISATIONS, contact_for

        for index, (name, _peer_led, description) in enumerate(ORGANISATIONS):
            email, phone = contact_for(index)
            Organisation.objects.get_or_create(
                name=name,
                defaults={"description": description, "public_email": email, "public_phone": phone},
            )

    def load(self):
        [demo] = [content for content in demo_contents if content.name == "networks"]
        demo.load(HomePage.objects.get(), io.StringIO())

    def counts(self):
        return [
            model.objects.count()
            for model in (NetworkPage, ProjectPage, EventPage, ResourcePage, MentoringPage)
        ]

    def test_loads_every_kind_and_is_idempotent(self, organisations):
        self.load()
        first = self.counts()
        self.load()
        assert self.counts() == first
        assert first[0] == 11 and all(first)

    def test_every_network_has_projects_and_a_coordinator(self, organisations):
        self.load()
        for network in NetworkPage.objects.all():
            assert network.member_projects.exists(), network.title
            assert network.coordinators.exists()

    def test_demo_events_are_in_the_future_and_contacts_are_harmless(self, organisations):
        self.load()
        assert all(
            e.next_start > timezone.now()
            for e in NetworkPage.objects.get(slug="london").upcoming_events
        )
        for project in ProjectPage.objects.select_related("organisation"):
            assert project.contact["email"].endswith("example.org")
            assert project.contact["phone"].startswith("01632 960")
            # Placed at district level in their real towns.
            assert project.setting == "online" or project.district

    def test_demo_listings_have_private_contacts_no_public_output_shows(
        self, organisations, client
    ):
        self.load()
        listings = [*ProjectPage.objects.live(), *MentoringPage.objects.live()]
        emails = {listing.contact_email for listing in listings}
        assert len(emails) == len(listings), "one private contact per listing"
        # Invented, on a domain reserved for examples (RFC 2606).
        assert all(email.endswith("@example.org") for email in emails)

        html = {}
        for url in demo_public_urls():
            response = client.get(url)
            assert response.status_code == 200, url
            html[url] = response.content.decode()
        # The demo shows the relay: each listing links to its contact form.
        for listing in listings:
            page_html = html[listing.url]
            kind = "project" if isinstance(listing, ProjectPage) else "mentoring"
            if kind == "project" or listing.is_open:
                assert f'href="/contact/{kind}/{listing.pk}/"' in page_html, listing.title
        documents = [
            repr(document) for source in catalogue_sources for document in source.documents()
        ]
        for where, text in [*html.items(), ("catalogue", "\n".join(documents))]:
            for email in emails:
                assert email not in text, (where, email)
            assert "listing+" not in text, where


def demo_public_urls():
    """Every live page, the networks' routes and feeds, the APIs and the relay forms."""
    from wagtail.models import Page

    from networks.models import NetworksIndexPage

    index = NetworksIndexPage.objects.get()
    pages = Page.objects.live().specific()
    urls = [page.url for page in pages if page.url]
    urls += [
        index.url + route
        for route in (
            "directory/",
            "directory/?view=map",
            "directory/geojson/",
            "geojson/",
            "ical/",
        )
    ]
    urls += [network.url + "ical/" for network in NetworkPage.objects.live()]
    urls += [project.url + "geojson/" for project in ProjectPage.objects.live()]
    urls += [event.url + "ical/" for event in EventPage.objects.live()]
    api = "/api/v1/openreferral"
    urls += [f"{api}/services?per_page=100", f"{api}/service_at_locations?per_page=100"]
    urls += [f"/contact/project/{project.pk}/" for project in ProjectPage.objects.live()]
    urls += [
        f"/contact/mentoring/{entry.pk}/" for entry in MentoringPage.objects.live() if entry.is_open
    ]
    return urls
