"""Courses plug into the core through hooks: a catalogue source, demo content, admin."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms import hooks as cms_hooks

from .viewsets import AwardingBodyViewSet

register_snippet(AwardingBodyViewSet)


@hooks.register(cms_hooks.REGISTER_CATALOGUE_SOURCE)
def register_catalogue_source():
    from .sources import CourseSource

    return CourseSource()


@hooks.register(cms_hooks.REGISTER_DEMO_CONTENT)
def register_demo_content():
    from .demo import CourseDemo

    return CourseDemo()


@hooks.register(cms_hooks.REGISTER_IMPORTER)
def register_importer():
    from .importer import CourseCsvImporter

    return CourseCsvImporter()
