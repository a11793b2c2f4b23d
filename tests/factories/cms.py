"""Factories for the core's models, built on wagtail-factories."""

from wagtail import blocks
from wagtail.models import Page
from wagtail.rich_text import RichText

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from cms import blocks as cms_blocks
from cms.models import (
    CustomImage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    Organisation,
    Region,
    StandardPage,
    Topic,
)


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test topic {n}")
    description = factory.Faker("sentence")

    class Meta:
        model = Topic
        django_get_or_create = ("name",)


class RegionFactory(DjangoModelFactory):
    """Regions are seeded by migration; this fetches one (London by default)."""

    slug = "london"
    name = "London"
    ons_code = "E12000007"
    latitude = 51.5
    longitude = -0.12

    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Example peer support group {n}")
    description = factory.Faker("paragraph")
    website = factory.Sequence(lambda n: f"https://group{n}.example.org/")
    peer_led = True
    public_email = factory.Sequence(lambda n: f"hello@group{n}.example.org")
    public_phone = factory.Sequence(lambda n: f"01632 960{n % 1000:03d}")

    class Meta:
        model = Organisation


class ImageFactory(wagtail_factories.ImageFactory):
    description = factory.Faker("sentence", nb_words=5)

    class Meta:
        model = CustomImage


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Faker("sentence", nb_words=4)
    level = "h2"

    class Meta:
        model = cms_blocks.HeadingBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    quote = factory.Faker("sentence", nb_words=12)
    attribution = factory.Faker("name")
    source = ""

    class Meta:
        model = cms_blocks.QuoteBlock


class CalloutBlockFactory(wagtail_factories.StructBlockFactory):
    variant = "inset"
    heading = factory.Faker("sentence", nb_words=3)
    text = factory.LazyFunction(lambda: RichText("<p>Remember to take breaks.</p>"))

    class Meta:
        model = cms_blocks.CalloutBlock


class ParagraphBlockFactory(wagtail_factories.blocks.BlockFactory):
    class Meta:
        model = blocks.RichTextBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs.get("value", "<p>Peer support is about shared experience.</p>"))


class GuidanceStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(ParagraphBlockFactory)
    quote = factory.SubFactory(QuoteBlockFactory)
    callout = factory.SubFactory(CalloutBlockFactory)

    class Meta:
        model = cms_blocks.GuidanceStreamBlock


def publish_with_topics(page, create, extracted, **kwargs):
    """``post_generation`` for pages with topics: set them and publish, so the catalogue sees them."""
    if create and extracted:
        page.topics.set(extracted)
        page.save_revision().publish()


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Peer Support Hub"

    class Meta:
        model = HomePage


def home_page():
    """The home page the migrations create."""
    return HomePage.objects.get()


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    summary = factory.Faker("sentence")
    parent = factory.LazyFunction(home_page)
    body = wagtail_factories.StreamFieldFactory(GuidanceStreamBlockFactory)

    class Meta:
        model = StandardPage


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Guidance"
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = GuidanceIndexPage


class GuidancePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guidance page {n}")
    summary = factory.Faker("sentence")
    parent = factory.SubFactory(GuidanceIndexPageFactory)
    body = wagtail_factories.StreamFieldFactory(GuidanceStreamBlockFactory)

    class Meta:
        model = GuidancePage
        skip_postgeneration_save = True

    topics = factory.PostGeneration(publish_with_topics)


__all__ = [
    "GuidanceIndexPageFactory",
    "GuidancePageFactory",
    "HomePageFactory",
    "ImageFactory",
    "OrganisationFactory",
    "Page",
    "RegionFactory",
    "StandardPageFactory",
    "TopicFactory",
]
