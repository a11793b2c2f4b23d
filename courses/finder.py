"""The course finder's query: a constant number of queries, whatever the size.

Matching courses come from the catalogue through the configured search backend
(``SearchQuery`` with ``kind=course``, the same one ``/api/v1/search`` uses): words
ranked by relevance, topic, delivery, dates, the place's radius and the finder's
facets in ``extra_keywords`` (recognition, level, cost, venue access, time of day).
The catalogue knows only that *some* session has each feature, so the finder then
reads the candidates' upcoming sessions to keep those where *one* session matches
everything, measures distances to public points, and fetches the shown page's
courses with their provider, awarding body and topics.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from cms.geocoding import haversine_miles
from search.backends.base import SearchQuery, get_backend

from .choices import ACCREDITED, DAYTIME, EVENING, FREE, ONLINE, WEEKEND
from .models import CoursePage, CourseSession

EVENING_HOUR = 17
CATALOGUE_KIND = "course"
# Every candidate in one request: OpenSearch's default result window.
CANDIDATE_LIMIT = 10_000


@dataclass
class CourseResult:
    """One course in the results: its nearest matching session and distance."""

    course_id: int
    title: str
    next_start: object = None
    distance_miles: float | None = None
    nearest_session: CourseSession | None = None
    sessions: list = field(default_factory=list)
    page: CoursePage | None = None

    @property
    def distance_text(self):
        return distance_text(self.distance_miles)


def distance_text(miles):
    if miles is None:
        return ""
    if miles < 1:
        return "less than a mile"
    rounded = round(miles)
    return f"about {rounded} mile{'s' if rounded != 1 else ''}"


def time_of_day(moment):
    local = timezone.localtime(moment)
    if local.weekday() >= 5:
        return WEEKEND
    return EVENING if local.hour >= EVENING_HOUR else DAYTIME


class CourseFinder:
    """Runs a valid ``CourseFinderForm`` against the courses under ``index``."""

    def __init__(self, index, form):
        self.index = index
        self.form = form
        self.data = form.cleaned_data
        self.place = form.place

    # --- step 1: candidate courses from the catalogue -----------------------------------

    def catalogue_query(self):
        """The ``SearchQuery`` for every course that could match, best match first."""
        data = self.data
        keywords = []
        if data.get("recognition"):
            keywords.append(("recognition", tuple(data["recognition"])))
        if data.get("level"):
            keywords += [("recognition", (ACCREDITED,)), ("level", (data["level"],))]
        if data.get("free"):
            keywords.append(("cost", (FREE,)))
        keywords += [("access", (feature,)) for feature in data.get("access") or ()]
        if data.get("time_of_day"):
            keywords.append(("time_of_day", tuple(data["time_of_day"])))
        after, before = self.form.date_bounds() if self.date_filtered else (None, None)
        near = radius = None
        # Online courses have no point, so "include online" has to measure them here.
        if self.place is not None and not data.get("include_online"):
            near, radius = (self.place.latitude, self.place.longitude), self.form.radius_miles
        return SearchQuery(
            q=data.get("q") or "",
            kinds=(CATALOGUE_KIND,),
            topics=(data["topic"].name,) if data.get("topic") else (),
            delivery=tuple(data.get("delivery") or ()),
            keywords=tuple(keywords),
            starts_after=after,
            starts_before=before,
            near=near,
            radius_miles=radius,
            # Only words give an order worth keeping; otherwise the finder sorts, and
            # "title" spares the backend its distance ordering.
            sort="relevance" if (data.get("q") or "").strip() else "title",
            page_size=CANDIDATE_LIMIT,
            facets=False,
        )

    @property
    def date_filtered(self):
        data = self.data
        return bool(data.get("within") or data.get("date_from") or data.get("date_to"))

    @property
    def session_filtered(self):
        data = self.data
        return bool(
            data.get("time_of_day")
            or data.get("access")
            or data.get("within")
            or data.get("date_from")
            or data.get("date_to")
            or data.get("dated")
        )

    def session_queryset(self, course_ids):
        after, before = self.form.date_bounds()
        sessions = CourseSession.objects.filter(page_id__in=course_ids, starts_at__gte=after)
        if before:
            sessions = sessions.filter(starts_at__lte=before)
        for feature in self.data.get("access") or ():
            sessions = sessions.filter(Q(**{feature: True}))
        return sessions.order_by("starts_at")

    # --- step 2: match and measure -----------------------------------------------------

    def results(self):
        """Every matching course as a ``CourseResult``, sorted; pages not yet attached."""
        hits = get_backend().search(self.catalogue_query()).hits
        rows = [(hit.object_id, hit.title, hit.delivery) for hit in hits]
        course_ids = [pk for pk, _, _ in rows]
        sessions_by_course = {}
        wanted_times = set(self.data.get("time_of_day") or ())
        for session in self.session_queryset(course_ids):
            if wanted_times and time_of_day(session.starts_at) not in wanted_times:
                continue
            sessions_by_course.setdefault(session.page_id, []).append(session)
        results = []
        for pk, title, delivery in rows:
            sessions = sessions_by_course.get(pk, [])
            if self.session_filtered and not sessions:
                continue
            result = CourseResult(pk, title, sessions=sessions)
            result.next_start = sessions[0].starts_at if sessions else None
            if self.place is not None and not self._measure(result, delivery):
                continue
            results.append(result)
        return self._sorted(results)

    def _measure(self, result, delivery):
        """Set the nearest in-radius session; ``False`` if the course is out of range."""
        origin = (self.place.latitude, self.place.longitude)
        radius = self.form.radius_miles
        best = None
        for session in result.sessions:
            point = session.public_point
            if point is None:
                continue
            miles = haversine_miles(*origin, *point)
            if miles <= radius and (best is None or miles < best[0]):
                best = (miles, session)
        if best:
            result.distance_miles, result.nearest_session = best
            return True
        online = delivery == ONLINE or any(session.online for session in result.sessions)
        return bool(self.data.get("include_online") and online)

    def _sorted(self, results):
        if not self.data.get("sort") and (self.data.get("q") or "").strip():
            return results  # best match: the catalogue's relevance order
        sort = self.data.get("sort") or ("distance" if self.place else "date")
        far = float("inf")
        latest = timezone.now().replace(year=9999)

        def by_title(result):
            return result.title.lower()

        def by_date(result):
            return (result.next_start or latest, by_title(result))

        def by_distance(result):
            miles = result.distance_miles if result.distance_miles is not None else far
            return (miles, *by_date(result))

        key = {"distance": by_distance, "date": by_date, "title": by_title}.get(sort, by_date)
        if sort == "distance" and self.place is None:
            key = by_date
        return sorted(results, key=key)

    # --- step 3: the page's courses ------------------------------------------------------

    @staticmethod
    def attach_pages(results):
        """Fetch the shown results' pages with provider, awarding body and topics."""
        ids = [result.course_id for result in results]
        pages = (
            CoursePage.objects.filter(pk__in=ids)
            .defer_streamfields()
            .select_related("provider", "awarding_body")
            .prefetch_related(Prefetch("topics"))
        )
        by_id = {page.pk: page for page in pages}
        for result in results:
            result.page = by_id.get(result.course_id)
        return [result for result in results if result.page is not None]
