"""Factories for the networks app, built on wagtail-factories.

The migrations create the networks tree (one network per region and National &
online, each with its four child indexes); factories reuse it, and create it
again if a transactional test flushed it.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from networks.models import (
    Community,
    CoordinatorDigest,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    MentoringIndexPage,
    MentoringMatch,
    MentoringPage,
    NetworkCoordinator,
    NetworkPage,
    NetworksIndexPage,
    ProjectIndexPage,
    ProjectPage,
    ResourceIndexPage,
    ResourcePage,
    Submission,
)
from networks.tree import build_tree

from .cms import OrganisationFactory, RegionFactory, publish_with_topics


def networks_index():
    """The networks index the migration made (rebuilt after a flush)."""
    index = NetworksIndexPage.objects.first()
    return index or NetworksIndexPage.objects.get(pk=build_tree(apps).pk)


def network(slug="london"):
    """One of the networks the migration made, by slug."""
    networks_index()
    return NetworkPage.objects.get(slug=slug)


def child_index(model, slug="london"):
    return model.objects.child_of(network(slug)).get()


class CommunityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.Sequence(lambda n: f"community-{n}")

    class Meta:
        model = Community
        django_get_or_create = ("slug",)


class NetworksIndexPageFactory(wagtail_factories.PageFactory):
    """Returns the existing index: there is at most one."""

    class Meta:
        model = NetworksIndexPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return networks_index()


class NetworkPageFactory(wagtail_factories.PageFactory):
    """A further network in a region (a region may have several)."""

    title = factory.Sequence(lambda n: f"Test network {n}")
    parent = factory.LazyFunction(networks_index)
    region = factory.SubFactory(RegionFactory)

    class Meta:
        model = NetworkPage


class NetworkCoordinatorFactory(DjangoModelFactory):
    page = factory.LazyFunction(network)
    role_title = "Network coordinator"
    relay_email = factory.Sequence(lambda n: f"coordinator{n}@example.org")

    class Meta:
        model = NetworkCoordinator


def _index_for(model):
    return factory.LazyFunction(lambda: child_index(model))


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Projects"
    parent = factory.SubFactory(NetworkPageFactory)

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    """An area-only community project in London's network, placed in E1."""

    title = factory.Sequence(lambda n: f"Peer support project {n}")
    parent = _index_for(ProjectIndexPage)
    organisation = factory.SubFactory(OrganisationFactory)
    summary = factory.Faker("sentence")
    project_type = "mutual"
    who_for = "Adults with experience of mental health problems."
    cost = "Free"
    venue_name = "Community centre"
    address = "1 Example Street"
    postcode = "E1"
    district = "E1"
    area_name = "Tower Hamlets"
    latitude = 51.5151
    longitude = -0.0722
    district_latitude = 51.517
    district_longitude = -0.059
    region = factory.SubFactory(RegionFactory)
    last_checked = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def communities(self, create, extracted, **kwargs):
        if create and extracted:
            self.communities.set(extracted)
            self.save_revision().publish()

    topics = factory.PostGeneration(publish_with_topics)


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    parent = factory.SubFactory(NetworkPageFactory)

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An event with one date, a week from now, in London's network."""

    title = factory.Sequence(lambda n: f"Peer support event {n}")
    parent = _index_for(EventIndexPage)
    summary = factory.Faker("sentence")
    district = "E1"
    area_name = "Tower Hamlets"
    district_latitude = 51.517
    district_longitude = -0.059

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def occurrences(self, create, extracted, **kwargs):
        if not create:
            return
        starts = (
            extracted if extracted is not None else [timezone.now() + datetime.timedelta(days=7)]
        )
        for start in starts:
            EventOccurrenceFactory(page=self, start=start)

    @factory.post_generation
    def also_in_networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.also_in_networks.set(extracted)
            self.save_revision().publish()

    topics = factory.PostGeneration(publish_with_topics)


class RecurringEventPageFactory(EventPageFactory):
    """An event every other Tuesday, 6–8pm, from today (its dates come from the schedule)."""

    repeats = "weekly"
    repeat_every = 2
    repeat_weekday = 1
    repeat_starts_at = datetime.time(18)
    repeat_ends_at = datetime.time(20)
    repeat_from = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def occurrences(self, create, extracted, **kwargs):
        if create:
            for start in extracted or []:
                EventOccurrenceFactory(page=self, start=start)


class EventOccurrenceFactory(DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory, occurrences=[])
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    class Meta:
        model = EventOccurrence


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    parent = factory.SubFactory(NetworkPageFactory)

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    parent = _index_for(ResourceIndexPage)
    kind = "guide"
    summary = factory.Faker("sentence")
    link = factory.Sequence(lambda n: f"https://resources.example.org/{n}/")

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    topics = factory.PostGeneration(publish_with_topics)

    @factory.post_generation
    def also_in_networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.also_in_networks.set(extracted)
            self.save_revision().publish()


class MentoringIndexPageFactory(wagtail_factories.PageFactory):
    title = "Mentoring"
    parent = factory.SubFactory(NetworkPageFactory)

    class Meta:
        model = MentoringIndexPage


class MentoringPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Mentoring offer {n}")
    parent = _index_for(MentoringIndexPage)
    kind = "offer"
    summary = factory.Faker("sentence")
    online = True
    telephone = True

    class Meta:
        model = MentoringPage
        skip_postgeneration_save = True

    topics = factory.PostGeneration(publish_with_topics)


class MentoringMatchFactory(DjangoModelFactory):
    """A request asking an offer's mentor, both in London's network, waiting for an answer."""

    request = factory.SubFactory(
        MentoringPageFactory,
        kind="request",
        title=factory.Sequence(lambda n: f"Mentoring request {n}"),
        contact_email=factory.Sequence(lambda n: f"requester{n}@example.org"),
    )
    offer = factory.SubFactory(
        MentoringPageFactory, contact_email=factory.Sequence(lambda n: f"mentor{n}@example.org")
    )

    class Meta:
        model = MentoringMatch


class SubmissionFactory(DjangoModelFactory):
    """An event waiting in London's queue, for a day a fortnight from now."""

    network = factory.LazyFunction(network)
    organiser = "Example peer support group"
    title = factory.Sequence(lambda n: f"Submitted event {n}")
    summary = "An open evening for anyone curious about peer support."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    postcode = "E1"
    contact_email = factory.Sequence(lambda n: f"organiser{n}@example.org")

    class Meta:
        model = Submission


class StaffUserFactory(DjangoModelFactory):
    """An admin user; ``groups=["London coordinators"]`` puts them in existing groups."""

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True
    password = factory.django.Password("password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class CoordinatorDigestFactory(DjangoModelFactory):
    """A coordinator who asked for the weekly digest."""

    user = factory.SubFactory(StaffUserFactory, groups=["London coordinators"])
    weekly = True

    class Meta:
        model = CoordinatorDigest


__all__ = [
    "CommunityFactory",
    "CoordinatorDigestFactory",
    "EventIndexPageFactory",
    "EventOccurrenceFactory",
    "EventPageFactory",
    "MentoringIndexPageFactory",
    "MentoringMatchFactory",
    "MentoringPageFactory",
    "NetworkCoordinatorFactory",
    "NetworkPageFactory",
    "NetworksIndexPageFactory",
    "ProjectIndexPageFactory",
    "ProjectPageFactory",
    "RecurringEventPageFactory",
    "ResourceIndexPageFactory",
    "ResourcePageFactory",
    "StaffUserFactory",
    "SubmissionFactory",
    "child_index",
    "network",
    "networks_index",
]
