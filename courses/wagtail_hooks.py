"""Courses plug into the core through hooks: a catalogue source, demo content, admin."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy
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


@hooks.register("register_admin_urls")
def register_admin_urls():
    from .admin_views import CourseReviewReportView, geocode_point

    view = CourseReviewReportView.as_view()
    results = CourseReviewReportView.as_view(results_only=True)
    return [
        path("reports/courses-to-check/", view, name="course_review_report"),
        path("reports/courses-to-check/results/", results, name="course_review_report_results"),
        path("courses/geocode/", geocode_point, name="courses_geocode"),
    ]


class CourseReviewMenuItem(MenuItem):
    """Shown to anyone who may add, edit or publish pages (the report lists only theirs)."""

    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_course_review_menu_item():
    return CourseReviewMenuItem(
        "Courses to check", reverse("course_review_report"), icon_name="time", order=910
    )
