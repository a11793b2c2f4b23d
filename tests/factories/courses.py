"""Factories for the courses app, built on wagtail-factories."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from cms.models import Region
from courses.models import AwardingBody, CourseIndexPage, CoursePage, CourseSession

from .cms import OrganisationFactory, home_page

# Leeds LS6 3HN: its district's centre, and a point in the district for the venue.
LS6_CENTRE = (53.82009, -1.57087)
LS6_VENUE = (53.8190, -1.5780)


def in_days(days, hour=10):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class AwardingBodyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Example awarding body {n}")
    website = factory.Sequence(lambda n: f"https://awarding{n}.example.org/")
    kind = AwardingBody.OCN

    class Meta:
        model = AwardingBody
        django_get_or_create = ("name",)


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    """The finder; there is at most one, so it is fetched if it exists."""

    title = "Find training"
    slug = "courses"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = CourseIndexPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = CourseIndexPage.objects.first()
        return existing or super()._create(model_class, *args, **kwargs)


class CourseSessionFactory(DjangoModelFactory):
    """An in-person, public session in Leeds LS6, a month ahead; located without the geocoder."""

    page = None
    starts_at = factory.LazyFunction(lambda: in_days(30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    venue_name = "Headingley community venue"
    address = "1 Example Street\nHeadingley"
    postcode = "LS6 3HN"
    latitude, longitude = LS6_VENUE
    postcode_district = "LS6"
    area_latitude, area_longitude = LS6_CENTRE
    local_authority = "Leeds"
    region = factory.LazyFunction(lambda: Region.objects.get(slug="yorkshire-and-the-humber"))
    venue_visibility = "public"
    capacity = 16
    step_free = True

    class Meta:
        model = CourseSession

    class Params:
        online_session = factory.Trait(
            online=True,
            venue_name="",
            address="",
            postcode="",
            latitude=None,
            longitude=None,
            postcode_district="",
            area_latitude=None,
            area_longitude=None,
            local_authority="",
            region=None,
            step_free=False,
        )


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Peer support course {n}")
    summary = factory.Faker("sentence")
    body = "<p>What the course covers.</p>"
    parent = factory.SubFactory(CourseIndexPageFactory)
    provider = factory.SubFactory(OrganisationFactory)
    recognition = "none"
    audience = factory.LazyFunction(lambda: ["peer_workers"])
    delivery = "in_person"
    cost = "free"
    duration = "One day"
    booking_contact = "training@example.org"
    accessibility_info = "Large print on request."

    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    class Params:
        accredited = factory.Trait(
            recognition="accredited",
            awarding_body=factory.SubFactory(AwardingBodyFactory),
            level="3",
            credits=12,
        )
        cpd = factory.Trait(recognition="cpd", certifier="Example CPD certifier")
        paid = factory.Trait(cost="paid", cost_amount=Decimal("120.00"))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        """``sessions=[{...}, ...]``: keyword arguments for each ``CourseSessionFactory``."""
        if not create:
            return
        for options in extracted if extracted is not None else [{}]:
            CourseSessionFactory(page=self, **options)
        self.save_revision().publish()


__all__ = [
    "LS6_CENTRE",
    "LS6_VENUE",
    "AwardingBodyFactory",
    "CourseIndexPageFactory",
    "CoursePageFactory",
    "CourseSessionFactory",
    "in_days",
]
