"""Our taxonomies: topics, communities served and kinds of peer support.

Topics and communities are editor-managed rows; kinds of peer support are the
directory's fixed vocabulary. Each term's id is stable (``ids.stable_id``) and
keyed by primary key or choice value, so renaming a topic keeps its id.
"""

from dataclasses import dataclass

from cms.models import Topic

from ..choices import ProjectType
from ..models import Community
from .ids import stable_id


@dataclass(frozen=True)
class Taxonomy:
    """One of our vocabularies; ``link_type`` names it on a service's attributes."""

    key: str
    name: str
    description: str

    @property
    def id(self):
        return stable_id("taxonomy", self.key)


@dataclass(frozen=True)
class Term:
    """A term of one of our taxonomies."""

    taxonomy: Taxonomy
    key: str
    name: str
    description: str

    @property
    def id(self):
        return stable_id(f"term:{self.taxonomy.key}", self.key)


TOPICS = Taxonomy("topics", "Peer Support Hub topics", "Themes a project works on.")
COMMUNITIES = Taxonomy(
    "communities",
    "Peer Support Hub communities served",
    "Communities a project serves, e.g. BME, LGBT+, carers, people who hear voices.",
)
PROJECT_TYPES = Taxonomy(
    "project-types",
    "Kinds of peer support",
    "The kinds of peer support the Mind scoping report (2013) describes.",
)
TAXONOMIES = (TOPICS, COMMUNITIES, PROJECT_TYPES)


def topic_term(topic):
    return Term(TOPICS, str(topic.pk), topic.name, topic.description or topic.name)


def community_term(community):
    return Term(
        COMMUNITIES, str(community.pk), community.name, f"Projects serving {community.name}."
    )


def project_type_term(value):
    label = ProjectType(value).label
    return Term(PROJECT_TYPES, value, label, label)


def all_terms():
    """Every term, taxonomy by taxonomy (two queries)."""
    return [
        *(topic_term(topic) for topic in Topic.objects.order_by("name")),
        *(community_term(community) for community in Community.objects.order_by("name")),
        *(project_type_term(value) for value in ProjectType.values),
    ]


def project_terms(project):
    """A project's terms, from its prefetched topics and communities."""
    return [
        project_type_term(project.project_type),
        *(topic_term(topic) for topic in project.topics.all()),
        *(community_term(community) for community in project.communities.all()),
    ]
