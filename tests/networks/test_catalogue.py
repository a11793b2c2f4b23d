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
