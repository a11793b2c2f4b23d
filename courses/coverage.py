"""Where training is: courses with upcoming sessions counted by region, authority and recognition."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from cms.models import Topic

from .choices import ACCREDITED, CPD, NOT_ACCREDITED
from .models import CoursePage, CourseSession

RECOGNITIONS = (ACCREDITED, CPD, NOT_ACCREDITED)


@dataclass
class CoverageRow:
    region: str
    local_authority: str
    counts: tuple
    sessions: int
    missing_topics: list = field(default_factory=list)


@dataclass
class CoverageTable:
    """Per region (totals) and per local authority: course counts by recognition."""

    regions: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    online: tuple = (0, 0, 0)


def coverage_table(index):
    """Three queries: upcoming sessions with their area, the courses' topics, all topics."""
    sessions = CourseSession.objects.filter(
        page__in=index.courses(), starts_at__gte=timezone.now()
    ).values_list("page_id", "page__recognition", "online", "region__name", "local_authority")
    courses = defaultdict(set)  # (region, authority) -> {(course, recognition)}
    session_counts = defaultdict(int)
    online = set()
    for page_id, recognition, is_online, region, authority in sessions:
        if is_online:
            online.add((page_id, recognition))
            continue
        key = (region or "Region not known", authority or "Not known")
        courses[key].add((page_id, recognition))
        session_counts[key] += 1

    def counts(pairs):
        return tuple(sum(1 for _, rec in pairs if rec == wanted) for wanted in RECOGNITIONS)

    table = CoverageTable(online=counts(online))
    by_region = defaultdict(set)
    region_sessions = defaultdict(int)
    for (region, authority), pairs in sorted(courses.items()):
        table.rows.append(
            CoverageRow(region, authority, counts(pairs), session_counts[(region, authority)])
        )
        by_region[region] |= pairs
        region_sessions[region] += session_counts[(region, authority)]
    topics_of = defaultdict(set)
    course_ids = {page_id for pairs in by_region.values() for page_id, _ in pairs}
    for page_id, topic_id in CoursePage.topics.through.objects.filter(
        coursepage_id__in=course_ids
    ).values_list("coursepage_id", "topic_id"):
        topics_of[page_id].add(topic_id)
    all_topics = list(Topic.objects.values_list("pk", "name"))
    for region, pairs in sorted(by_region.items()):
        covered = set().union(*(topics_of[page_id] for page_id, _ in pairs))
        missing = [name for pk, name in all_topics if pk not in covered]
        table.regions.append(
            CoverageRow(region, "", counts(pairs), region_sessions[region], missing)
        )
    return table
