"""Each factory builds a valid object; page factories build publishable pages."""

import pytest

from tests.factories.cms import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    ImageFactory,
    OrganisationFactory,
    RegionFactory,
    StandardPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory", [TopicFactory, RegionFactory, OrganisationFactory, ImageFactory]
)
def test_snippet_and_image_factories_build_valid_objects(factory):
    obj = factory()
    obj.full_clean()


@pytest.mark.parametrize(
    "factory", [GuidanceIndexPageFactory, GuidancePageFactory, StandardPageFactory]
)
def test_page_factories_build_publishable_pages(factory):
    page = factory()
    page.full_clean()
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert page.live
    assert page.get_parent() is not None


def test_guidance_factory_sets_topics():
    topics = [TopicFactory(name="Recovery"), TopicFactory(name="Evaluation")]
    page = GuidancePageFactory(topics=topics)
    assert set(page.topics.all()) == set(topics)
