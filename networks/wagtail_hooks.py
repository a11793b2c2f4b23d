"""Networks plug into the core through hooks alone: catalogue sources, demo content,
the Community snippet and the coordinators' submission queue."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms import hooks as cms_hooks

from .viewsets import CommunityViewSet

register_snippet(CommunityViewSet)


@hooks.register(cms_hooks.REGISTER_CATALOGUE_SOURCE)
def register_project_source():
    from .sources import ProjectSource

    return ProjectSource()


@hooks.register(cms_hooks.REGISTER_CATALOGUE_SOURCE)
def register_event_source():
    from .sources import EventSource

    return EventSource()


@hooks.register(cms_hooks.REGISTER_CATALOGUE_SOURCE)
def register_resource_source():
    from .sources import ResourceSource

    return ResourceSource()


@hooks.register(cms_hooks.REGISTER_IMPORTER)
def register_importer():
    from .importers import CalendarImporter

    return CalendarImporter()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_event_occurrence_refresh_job():
    from .jobs import EventOccurrenceRefreshJob

    return EventOccurrenceRefreshJob()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_calendar_import_job():
    from .jobs import CalendarImportJob

    return CalendarImportJob()


@hooks.register(cms_hooks.REGISTER_API_ROUTER)
def register_api_router():
    from .openreferral.api import router

    return ("openreferral", router)


@hooks.register(cms_hooks.REGISTER_DEMO_CONTENT)
def register_demo_content():
    from .demo import NetworksDemo

    return NetworksDemo()


@hooks.register("register_admin_urls")
def register_admin_urls():
    from . import admin_views

    urls = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.detail, name="detail"),
        path(
            "<int:pk>/<str:decision>/",
            admin_views.decide,
            name="decide",
        ),
    ]
    return [path("network-submissions/", include((urls, "networks_submissions")))]


@hooks.register("register_admin_menu_item")
def register_submission_queue_menu_item():
    from .admin_views import SubmissionQueueMenuItem

    return SubmissionQueueMenuItem(
        "Submissions", reverse("networks_submissions:queue"), icon_name="tasks", order=250
    )


@hooks.register("register_admin_urls")
def register_digest_admin_urls():
    from .admin_views import toggle_digest

    urls = [path("", toggle_digest, name="toggle")]
    return [path("network-digest/", include((urls, "networks_digest")))]


@hooks.register("construct_homepage_panels")
def construct_homepage_panels(request, panels):
    from .panels import add_coordinator_panel

    add_coordinator_panel(request, panels)


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_coordinator_digest_job():
    from .digest import CoordinatorDigestJob

    return CoordinatorDigestJob()


@hooks.register(cms_hooks.REGISTER_PUBLIC_URLS)
def register_relay_urls():
    from .privacy_urls import urlpatterns

    return urlpatterns


@hooks.register(cms_hooks.REGISTER_SIGNED_LINK_ACTION)
def register_listing_still_right_action():
    from .freshness import ListingStillRightAction

    return ListingStillRightAction()


@hooks.register(cms_hooks.REGISTER_SIGNED_LINK_ACTION)
def register_mentoring_still_open_action():
    from .mentoring_renewal import MentoringStillOpenAction

    return MentoringStillOpenAction()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_mentoring_unanswered_job():
    from .mentoring_links import MentoringUnansweredJob

    return MentoringUnansweredJob()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_mentoring_renewal_job():
    from .mentoring_renewal import MentoringRenewalJob

    return MentoringRenewalJob()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_freshness_job():
    from .freshness import FreshnessJob

    return FreshnessJob()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_submission_purge_job():
    from .retention import SubmissionPurgeJob

    return SubmissionPurgeJob()


@hooks.register("register_admin_urls")
def register_contact_change_report_urls():
    from .reports import ContactChangeReportView

    view = ContactChangeReportView.as_view()
    results = ContactChangeReportView.as_view(results_only=True)
    return [
        path("reports/contact-changes/", view, name="contact_change_report"),
        path("reports/contact-changes/results/", results, name="contact_change_report_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_contact_change_report_menu_item():
    from .reports import ContactChangeMenuItem

    return ContactChangeMenuItem(
        "Contact changes waiting", reverse("contact_change_report"), icon_name="mail", order=920
    )


@hooks.register("register_admin_urls")
def register_erasure_admin_urls():
    from .erasure import erase_view

    return [path("network-erasure/<int:page_id>/", erase_view, name="networks_erase")]


@hooks.register("register_page_header_buttons")
def register_erase_button(page, user, view_name, next_url=None):
    from .erasure import erase_button

    return erase_button(page, user, view_name, next_url)


@hooks.register("before_serve_document")
def before_serve_document(document, request):
    from .uploads import guard_private_document

    return guard_private_document(document, request)


@hooks.register("construct_document_chooser_queryset")
def hide_waiting_uploads_from_the_chooser(documents, request):
    from .uploads import without_waiting_uploads

    return without_waiting_uploads(documents)


@hooks.register(cms_hooks.REGISTER_SIGNED_LINK_ACTION)
def register_mentoring_request_action():
    from .mentoring_links import MentoringRequestAction

    return MentoringRequestAction()


@hooks.register(cms_hooks.REGISTER_SIGNED_LINK_ACTION)
def register_mentoring_reply_action():
    from .mentoring_links import MentoringReplyAction

    return MentoringReplyAction()


@hooks.register(cms_hooks.REGISTER_SIGNED_LINK_ACTION)
def register_mentoring_complete_action():
    from .mentoring_links import MentoringCompleteAction

    return MentoringCompleteAction()


@hooks.register(cms_hooks.REGISTER_SIGNED_LINK_ACTION)
def register_mentor_complete_action():
    from .mentoring_links import MentorCompleteAction

    return MentorCompleteAction()
