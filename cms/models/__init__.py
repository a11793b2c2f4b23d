from .images import CustomImage, Rendition
from .jobs import JobRun
from .pages import GuidanceIndexPage, GuidancePage, HomePage, StandardPage, SummaryMixin
from .site_settings import CrisisSignposting, NavigationSettings, SiteContactSettings
from .snippets import Organisation, Region, Topic

__all__ = [
    "CrisisSignposting",
    "CustomImage",
    "GuidanceIndexPage",
    "GuidancePage",
    "HomePage",
    "JobRun",
    "NavigationSettings",
    "Organisation",
    "Region",
    "Rendition",
    "SiteContactSettings",
    "StandardPage",
    "SummaryMixin",
    "Topic",
]
