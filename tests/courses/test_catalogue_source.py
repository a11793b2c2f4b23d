"""Courses in the catalogue (the search app indexes them on publish) and their demo content."""

import io

from django.core.management import call_command

import pytest

from cms.hooks import catalogue_sources, demo_contents
from cms.models import Region
from courses.models import CourseIndexPage, CoursePage, CourseSession
from courses.sources import CourseSource
from search.backends.base import SearchQuery
from search.backends.database import DatabaseBackend
from search.models import CatalogueEntry

pytestmark = pytest.mark.django_db


def test_registered_through_the_hooks():
    assert isinstance(catalogue_sources.get("course"), CourseSource)
    assert any(content.name == "training courses" for content in demo_contents)


def test_document_shape(courses):
    leeds = courses["leeds"]
    document = CourseSource().to_document(CourseSource().get_queryset().get(pk=leeds.pk))
    assert document.kind == "course"
    assert document.url == leeds.url
    assert document.region == "Yorkshire and The Humber"
    assert document.accreditation.startswith("Level 3, 12 credits")
    assert document.delivery == "in_person"
    assert document.cost == "free"
    assert document.extra_keywords["recognition"] == ["accredited"]
    session = leeds.sessions.get()
    assert document.dates == [session.starts_at]
    assert [(loc.latitude, loc.longitude) for loc in document.locations] == [session.public_point]


def test_cpd_and_not_accredited_are_not_accredited_in_search(courses):
    entries = {entry.title: entry for entry in CatalogueEntry.objects.filter(kind="course")}
    assert entries["Leeds accredited course"].accredited
    assert not entries["Sheffield CPD course"].accredited
    assert entries["Sheffield CPD course"].extra_keywords["recognition"] == ["cpd"]
    assert not entries["Nottingham course"].accredited


def test_published_courses_are_found_by_the_search_backend(courses):
    results = DatabaseBackend().search(
        SearchQuery(kinds=("course",), near=(53.82, -1.57), radius_miles=10)
    )
    assert [hit.title for hit in results.hits] == ["Leeds accredited course"]


def test_unpublished_course_leaves_the_catalogue(courses):
    courses["london"].unpublish()
    assert not CatalogueEntry.objects.filter(kind="course", title="London course").exists()


def test_demo_content_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    index = CourseIndexPage.objects.get()
    count = CoursePage.objects.child_of(index).live().count()
    assert count == 36
    regions = CourseSession.objects.filter(page__live=True).values_list("region__slug", flat=True)
    assert set(regions) - {None} == set(Region.objects.values_list("slug", flat=True))
    assert set(CoursePage.objects.values_list("recognition", flat=True)) == {
        "accredited",
        "cpd",
        "none",
    }
    assert all(page.booking_contact.endswith(".example.org") for page in CoursePage.objects.all())
    call_command("load_demo_data", stdout=io.StringIO())
    assert CoursePage.objects.count() == count
    assert CatalogueEntry.objects.filter(kind="course").count() == count
