"""Factories for the search app's models."""

from datetime import timedelta

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from search.models import (
    CatalogueDate,
    CatalogueEntry,
    CatalogueEntryTopic,
    CatalogueLocation,
    IndexOutbox,
    SearchQueryLog,
    SynonymSet,
)


class CatalogueEntryFactory(DjangoModelFactory):
    kind = "guidance"
    object_id = factory.Sequence(lambda n: 100_000 + n)
    title = factory.Sequence(lambda n: f"Catalogue entry {n}")
    summary = factory.Faker("sentence")
    url = factory.LazyAttribute(lambda entry: f"/{entry.kind}/{entry.object_id}/")
    search_text = factory.LazyAttribute(lambda entry: f"{entry.title} {entry.summary}".lower())

    class Meta:
        model = CatalogueEntry


class CatalogueEntryTopicFactory(DjangoModelFactory):
    entry = factory.SubFactory(CatalogueEntryFactory)
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda row: row.name.lower().replace(" ", "-"))

    class Meta:
        model = CatalogueEntryTopic


class CatalogueDateFactory(DjangoModelFactory):
    entry = factory.SubFactory(CatalogueEntryFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))

    class Meta:
        model = CatalogueDate


class CatalogueLocationFactory(DjangoModelFactory):
    entry = factory.SubFactory(CatalogueEntryFactory)
    latitude = factory.Faker("pyfloat", min_value=50.5, max_value=54.5)
    longitude = factory.Faker("pyfloat", min_value=-3.5, max_value=0.5)
    label = factory.Faker("city")

    class Meta:
        model = CatalogueLocation


class SynonymSetFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Synonyms {n}")
    terms = "peer support, mutual aid, self-help group, sister circle"

    class Meta:
        model = SynonymSet
        django_get_or_create = ("name",)


class IndexOutboxFactory(DjangoModelFactory):
    kind = "guidance"
    object_id = factory.Sequence(lambda n: n + 1)
    action = IndexOutbox.UPSERT

    class Meta:
        model = IndexOutbox


class SearchQueryLogFactory(DjangoModelFactory):
    term = factory.Faker("word")
    result_count = 3

    class Meta:
        model = SearchQueryLog
