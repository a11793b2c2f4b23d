"""Where peer support is: the directory's live, public projects counted by region and
local authority, by type, format and community served, with the gaps.

A project counts in the local authority of its postcode district (from the bundled
district table, so area-only projects count where their district is). Projects that
are described but never mapped (inpatient, forensic, online, members only) count in
their region under their own "not mapped" line, never in an authority. A project
with no region of its own counts in its network's region.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from cms.geocoding.districts import load_district_table
from cms.models import Region, Topic

from .choices import UNMAPPED_JOINING, UNMAPPED_SETTINGS, GroupFormat, ProjectType
from .models import Community, NetworkPage, ProjectPage
from .models.projects import STALE_AFTER

NOT_MAPPED = "Not mapped: inpatient, forensic, online or members only"
NOT_KNOWN = "Not known"
NO_REGION = "No region (National & online)"
FORMATS = (
    ("Group", {GroupFormat.GROUP, GroupFormat.BOTH}),
    ("One to one", {GroupFormat.ONE_TO_ONE, GroupFormat.BOTH}),
)


@dataclass(frozen=True)
class ProjectFacts:
    """What the counts need to know about one project."""

    region: str
    local_authority: str
    lad_code: str
    project_type: str
    group_format: str
    mapped: bool
    out_of_date: bool
    communities: frozenset
    topics: frozenset


@dataclass
class CoverageRow:
    """Counts for a region (``local_authority`` empty) or one authority in it."""

    region: str
    local_authority: str = ""
    lad_code: str = ""
    total: int = 0
    by_type: tuple = ()
    by_format: tuple = ()
    by_community: tuple = ()
    not_mapped: int = 0
    out_of_date: int = 0
    missing_types: list = field(default_factory=list)
    missing_topics: list = field(default_factory=list)
    missing_communities: list = field(default_factory=list)


@dataclass
class DirectoryCoverage:
    """The whole picture: every region (none left out for having no project), the
    authorities (of one region when filtered), and the regions lacking each type."""

    as_of: object
    communities: list
    regions: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    regions_without_type: list = field(default_factory=list)
    types: tuple = tuple(ProjectType.labels)
    formats: tuple = tuple(label for label, _ in FORMATS)


def local_authority(district, area_name):
    """(name, ONS code) of a district's authority; a town-only place keeps its area name."""
    found = load_district_table().get(district) if district else None
    if found is not None:
        return found.lad_name, found.lad_code
    return area_name or NOT_KNOWN, ""


def _network_regions(index):
    """Region name of each network's path, for projects with no region of their own."""
    return dict(NetworkPage.objects.child_of(index).values_list("path", "region__name"))


def _related(through, owner_field, target_field, projects):
    related = defaultdict(set)
    for owner, target in through.objects.filter(**{f"{owner_field}__in": projects}).values_list(
        owner_field, target_field
    ):
        related[owner].add(target)
    return related


def project_facts(index):
    """Four queries (after ``.public()``'s one): projects, networks, communities, topics."""
    projects = ProjectPage.objects.live().public().descendant_of(index)
    network_region = _network_regions(index)
    prefix = len(index.path) + ProjectPage.steplen
    through = ProjectPage.communities.through
    communities = _related(through, "projectpage_id", "community_id", projects.values("pk"))
    through = ProjectPage.topics.through
    topics = _related(through, "projectpage_id", "topic_id", projects.values("pk"))
    stale_before = timezone.localdate() - STALE_AFTER
    rows = projects.values_list(
        "pk", "path", "project_type", "group_format", "setting", "how_to_join",
        "region__name", "district", "area_name", "last_checked",
    )  # fmt: skip
    facts = []
    for pk, path, kind, group_format, setting, joining, region, district, area, checked in rows:
        mapped = setting not in UNMAPPED_SETTINGS and joining not in UNMAPPED_JOINING
        authority, code = local_authority(district, area) if mapped else (NOT_MAPPED, "")
        facts.append(
            ProjectFacts(
                region=region or network_region.get(path[:prefix]) or NO_REGION,
                local_authority=authority,
                lad_code=code,
                project_type=kind,
                group_format=group_format,
                mapped=mapped,
                out_of_date=checked < stale_before,
                communities=frozenset(communities[pk]),
                topics=frozenset(topics[pk]),
            )
        )
    return facts


def _counted(row, facts, community_ids):
    row.total = len(facts)
    row.by_type = tuple(sum(f.project_type == kind for f in facts) for kind in ProjectType.values)
    row.by_format = tuple(sum(f.group_format in kinds for f in facts) for _, kinds in FORMATS)
    row.by_community = tuple(sum(pk in f.communities for f in facts) for pk in community_ids)
    row.not_mapped = sum(not f.mapped for f in facts)
    row.out_of_date = sum(f.out_of_date for f in facts)
    return row


def _authority_order(key):
    # Within a region, named authorities first, then "not known", then "not mapped".
    _region, authority, _code = key
    return (authority == NOT_MAPPED, authority == NOT_KNOWN, authority)


def _missing(names, counts):
    return [name for name, count in zip(names, counts, strict=True) if not count]


def _region_row(name, facts, coverage, community_ids, topics):
    row = _counted(CoverageRow(name), facts, community_ids)
    row.missing_types = _missing(coverage.types, row.by_type)
    row.missing_communities = _missing(coverage.communities, row.by_community)
    covered = set().union(*(fact.topics for fact in facts))
    row.missing_topics = [topic for pk, topic in topics if pk not in covered]
    return row


def coverage_table(index, region=None):
    """Eight queries in all, however many projects: the facts' five, regions, topics
    and communities. ``region`` (a ``Region``) limits the authority rows to it."""
    facts = project_facts(index)
    communities = list(Community.objects.values_list("pk", "name"))
    community_ids = [pk for pk, _ in communities]
    topics = list(Topic.objects.values_list("pk", "name"))
    coverage = DirectoryCoverage(
        as_of=timezone.localdate(), communities=[name for _, name in communities]
    )
    by_region = defaultdict(list)
    by_authority = defaultdict(list)
    for fact in facts:
        by_region[fact.region].append(fact)
        by_authority[(fact.region, fact.local_authority, fact.lad_code)].append(fact)

    region_names = list(Region.objects.values_list("name", flat=True))
    coverage.regions = [
        _region_row(name, by_region[name], coverage, community_ids, topics)
        for name in region_names + ([NO_REGION] if by_region.get(NO_REGION) else [])
    ]
    coverage.rows = [
        _counted(CoverageRow(*key), by_authority[key], community_ids)
        for key in sorted(by_authority, key=lambda key: (key[0], _authority_order(key)))
        if region is None or key[0] == region.name
    ]
    regional = [row for row in coverage.regions if row.region != NO_REGION]
    coverage.regions_without_type = [
        (label, [row.region for row in regional if not row.by_type[position]])
        for position, label in enumerate(coverage.types)
    ]
    return coverage


def coverage_csv_rows(coverage):
    """The header and one line per (region, local authority), for the CSV download."""
    header = [
        "Region",
        "Local authority code",
        "Local authority",
        "Projects",
        *coverage.types,
        *coverage.formats,
        *(f"Serving: {name}" for name in coverage.communities),
        "May be out of date (unchecked for 18 months)",
    ]
    rows = [
        (
            row.region,
            row.lad_code,
            row.local_authority,
            row.total,
            *row.by_type,
            *row.by_format,
            *row.by_community,
            row.out_of_date,
        )
        for row in coverage.rows
    ]
    return header, rows
