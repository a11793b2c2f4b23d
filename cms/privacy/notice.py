"""Where the privacy notice is, for the link every public form carries."""

from cms.models import SiteContactSettings

FALLBACK_PRIVACY_URL = "/privacy-notice/"


def privacy_notice_url(request):
    settings = SiteContactSettings.for_request(request)
    return settings.privacy_notice.url if settings.privacy_notice_id else FALLBACK_PRIVACY_URL
