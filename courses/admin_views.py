"""Admin views for courses: the report of listings to check, and the venue map's geocoding."""

import datetime

from django.db.models import Exists, F, Max, OuterRef, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

import django_filters

from cms.geocoding import AmbiguousPlace, GeocodeError, geocode
from cms.models import Organisation

from .models import CoursePage, CourseSession
from .models.sessions import point_text

VERIFY_EVERY = datetime.timedelta(days=365)
NO_UPCOMING = "no_upcoming"
UNVERIFIED = "unverified"
REASON_CHOICES = [
    (NO_UPCOMING, "No upcoming session"),
    (UNVERIFIED, "Not checked for 12 months"),
]


def verified_before():
    return timezone.localdate() - VERIFY_EVERY


class CourseReviewFilterSet(WagtailFilterSet):
    reason = django_filters.ChoiceFilter(
        label="Needs a check because", choices=REASON_CHOICES, method="filter_reason"
    )
    provider = django_filters.ModelChoiceFilter(
        label="Provider",
        queryset=lambda request: Organisation.objects.filter(courses__isnull=False).distinct(),
    )
    live = django_filters.BooleanFilter(label="Published")

    class Meta:
        model = CoursePage
        fields = []

    def filter_reason(self, queryset, name, value):
        if value == NO_UPCOMING:
            return queryset.filter(has_upcoming=False)
        if value == UNVERIFIED:
            return queryset.filter(unverified_q())
        return queryset


def unverified_q():
    return Q(last_verified__isnull=True) | Q(last_verified__lt=verified_before())


def _date(attribute):
    def accessor(course):
        value = getattr(course, attribute)
        if value is None:
            return "Never" if attribute == "last_verified" else "None"
        return f"{timezone.localtime(value) if isinstance(value, datetime.datetime) else value:%-d %b %Y}"

    return accessor


class CourseReviewReportView(ReportView):
    """Courses with no upcoming session, or not confirmed with the provider for a year.

    Lists only the courses the user may edit; filterable by reason, provider and
    publication, and exportable as CSV or XLSX like Wagtail's own reports.
    """

    page_title = "Courses to check"
    header_icon = "time"
    index_url_name = "course_review_report"
    index_results_url_name = "course_review_report_results"
    permission_policy = page_permission_policy
    any_permission_required = ["add", "change", "publish"]
    filterset_class = CourseReviewFilterSet
    list_export = ["title", "provider.name", "last_session", "last_verified", "reasons"]
    export_headings = {
        "title": "Course",
        "provider.name": "Provider",
        "last_session": "Last session",
        "last_verified": "Last checked",
        "reasons": "Needs a check because",
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label="Course",
                get_url=lambda course: reverse("wagtailadmin_pages:edit", args=[course.pk]),
            ),
            Column("provider", label="Provider", accessor="provider.name"),
            Column("last_session", label="Last session", accessor=_date("last_session")),
            Column("last_verified", label="Last checked", accessor=_date("last_verified")),
            Column("reasons", label="Needs a check because"),
        ]

    def get_filename(self):
        return f"courses-to-check-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        editable = page_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        upcoming = CourseSession.objects.filter(page=OuterRef("pk"), starts_at__gte=timezone.now())
        return (
            CoursePage.objects.filter(pk__in=editable.values("pk"))
            .defer_streamfields()
            .annotate(last_session=Max("sessions__starts_at"), has_upcoming=Exists(upcoming))
            .filter(Q(has_upcoming=False) | unverified_q())
            .select_related("provider")
            .order_by(F("last_verified").asc(nulls_first=True), "title")
        )

    def decorate_paginated_queryset(self, object_list):
        stale_before = verified_before()
        for course in object_list:
            reasons = []
            if not course.has_upcoming:
                reasons.append("No upcoming session")
            if course.last_verified is None or course.last_verified < stale_before:
                reasons.append("Not checked for 12 months")
            course.reasons = "; ".join(reasons)
        return object_list


def geocode_point(request):
    """``GET ?q=<postcode, district or town>``: where the admin's venue map should move.

    Admin-only (under ``/admin/``, and only for users who may edit pages), through our
    own geocoder, never a third-party host. The point is the postcode district's (or
    town's) centre. Errors are 400 ``{"error": message}``; an ambiguous name adds
    ``choices``, the labels that tell its places apart. Read by
    ``frontend/js/admin/venue-find.mjs``.
    """
    if not page_permission_policy.user_has_any_permission(request.user, ["add", "change"]):
        return JsonResponse({"error": "You cannot edit pages."}, status=403)
    query = " ".join(request.GET.get("q", "").split())[:100]
    if not query:
        return JsonResponse({"error": "Enter the venue's postcode."}, status=400)
    try:
        place = geocode(query)
    except AmbiguousPlace as error:
        # Each choice's label, passed back as ``q``, finds that place.
        choices = [choice.label for choice in error.choices]
        return JsonResponse({"error": error.message, "choices": choices}, status=400)
    except GeocodeError as error:
        return JsonResponse({"error": error.message}, status=400)
    return JsonResponse(
        {
            "latitude": place.latitude,
            "longitude": place.longitude,
            "label": place.label,
            "point": point_text(place.latitude, place.longitude),
        }
    )
