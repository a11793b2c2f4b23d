"""The benchmark's generated pages are real pages: a sound tree, served, and catalogued."""

from django.db import transaction

from wagtail.models import Page

import pytest

from bench import generate
from cms.hooks import catalogue_sources
from courses.models import CoursePage
from networks.models import EventPage, ProjectPage, ResourcePage
from search import sync
from search.models import CatalogueEntry
from tests.factories.cms import OrganisationFactory
from tests.factories.courses import CourseIndexPageFactory
from tests.factories.networks import networks_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_tree():
    """What the generator hangs pages on: the finder, the networks, an organisation."""
    networks_index()
    CourseIndexPageFactory()
    OrganisationFactory()


def test_generated_pages_form_a_sound_tree_that_serves_every_kind(demo_tree, client):
    counts, _seconds, first = generate.generate(0, 60, seed=7)
    assert sum(counts.values()) == 60
    assert set(counts) == {"course", "event", "project", "resource"}
    assert (
        CoursePage.objects.count(),
        EventPage.objects.count(),
        ProjectPage.objects.count(),
        ResourcePage.objects.count(),
    ) == (counts["course"], counts["event"], counts["project"], counts["resource"])
    # treebeard's own check: paths, depths and child counts all agree.
    assert all(not problems for problems in Page.find_problems())
    for kind in ("course", "event"):
        page = Page.objects.get(pk=first[kind]).specific
        assert client.get(page.url).status_code == 200, kind


def test_every_generated_page_reaches_the_catalogue(demo_tree):
    counts, _seconds, _first = generate.generate(0, 40, seed=7)
    report = sync.rebuild_database()
    assert sync.database_drift() == {"missing": [], "extra": []}
    for kind, count in counts.items():
        assert report.stored[kind] == count
        assert CatalogueEntry.objects.filter(kind=kind).count() == count
    assert {source.kind for source in catalogue_sources} >= set(counts)


def generated_titles():
    models = (CoursePage, EventPage, ProjectPage, ResourcePage)
    return sorted(
        title for model in models for title in model.objects.values_list("title", flat=True)
    )


def test_the_same_seed_makes_the_same_pages_and_growing_keeps_the_first(demo_tree):
    with transaction.atomic():
        generate.generate(0, 20, seed=7)
        once = generated_titles()
        transaction.set_rollback(True)
    generate.generate(0, 20, seed=7)
    assert generated_titles() == once
    assert len(set(once)) == 20
    generate.generate(20, 30, seed=7)
    grown = generated_titles()
    assert len(grown) == 30
    assert set(once) <= set(grown)
