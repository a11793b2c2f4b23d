"""Every course factory builds a valid, publishable object."""

import pytest

from courses.models import AwardingBody, CourseIndexPage, CoursePage, CourseSession
from tests.factories.courses import (
    AwardingBodyFactory,
    CourseIndexPageFactory,
    CoursePageFactory,
    CourseSessionFactory,
)

pytestmark = pytest.mark.django_db


def test_awarding_body_factory():
    body = AwardingBodyFactory()
    body.full_clean()
    assert AwardingBody.objects.filter(pk=body.pk).exists()


def test_course_index_page_factory_is_single():
    first = CourseIndexPageFactory()
    assert CourseIndexPageFactory() == first
    assert CourseIndexPage.objects.live().count() == 1


@pytest.mark.parametrize("traits", [{}, {"accredited": True}, {"cpd": True, "paid": True}])
def test_course_page_factory_builds_valid_live_pages(traits):
    course = CoursePageFactory(**traits)
    course.full_clean()
    assert CoursePage.objects.live().filter(pk=course.pk).exists()
    assert course.sessions.count() == 1


def test_course_session_factory_builds_valid_sessions():
    course = CoursePageFactory(sessions=[])
    for options in ({}, {"online_session": True}):
        session = CourseSessionFactory(page=course, **options)
        session.full_clean()
    assert CourseSession.objects.filter(page=course).count() == 2
