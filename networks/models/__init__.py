"""The networks app's models, re-exported explicitly."""

from .digest import CoordinatorDigest
from .events import EventIndexPage, EventOccurrence, EventPage, ScheduledOccurrence
from .mentoring import MentoringIndexPage, MentoringMatch, MentoringPage
from .networks import NetworkCoordinator, NetworkPage, NetworksIndexPage, upcoming
from .projects import Community, ProjectIndexPage, ProjectPage
from .resources import ResourceIndexPage, ResourcePage
from .submissions import Submission

__all__ = [
    "Community",
    "CoordinatorDigest",
    "EventIndexPage",
    "EventOccurrence",
    "EventPage",
    "MentoringIndexPage",
    "MentoringMatch",
    "MentoringPage",
    "NetworkCoordinator",
    "NetworkPage",
    "NetworksIndexPage",
    "ProjectIndexPage",
    "ProjectPage",
    "ResourceIndexPage",
    "ResourcePage",
    "ScheduledOccurrence",
    "Submission",
    "upcoming",
]
