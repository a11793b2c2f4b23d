from .images import CustomImage, Rendition
from .jobs import JobRun
from .pages import GuidanceIndexPage, GuidancePage, HomePage, StandardPage, SummaryMixin
from .privacy import ContactChange, RelayRecord, SignedLinkUse
from .site_settings import CrisisSignposting, NavigationSettings, SiteContactSettings
from .snippets import Organisation, Region, Topic

__all__ = [
    "ContactChange",
    "CrisisSignposting",
    "CustomImage",
    "GuidanceIndexPage",
    "GuidancePage",
    "HomePage",
    "JobRun",
    "NavigationSettings",
    "Organisation",
    "Region",
    "RelayRecord",
    "Rendition",
    "SignedLinkUse",
    "SiteContactSettings",
    "StandardPage",
    "SummaryMixin",
    "Topic",
]
