"""The core's purge: used links, relay metadata and decided contact changes."""

from datetime import timedelta

from cms.models import ContactChange, RelayRecord, SignedLinkUse
from cms.plugins import PeriodicJob

RELAY_RECORD_RETENTION = timedelta(days=90)
CONTACT_CHANGE_RETENTION = timedelta(days=90)


def purge_privacy_records(now):
    """Delete what has outlived its use; returns ``{what: rows deleted}``."""
    return {
        "used links": SignedLinkUse.objects.filter(expires_at__lte=now).delete()[0],
        "relay records": RelayRecord.objects.filter(
            sent_at__lt=now - RELAY_RECORD_RETENTION
        ).delete()[0],
        "contact changes": ContactChange.objects.filter(
            created_at__lt=now - CONTACT_CHANGE_RETENTION
        ).delete()[0],
    }


class PrivacyPurgeJob(PeriodicJob):
    name = "privacy-purge"
    description = (
        "Forget used signed links once expired, relay metadata and contact changes after 90 days."
    )
    interval = timedelta(hours=6)

    def run(self, now):
        deleted = purge_privacy_records(now)
        return "Deleted " + ", ".join(f"{count} {what}" for what, count in deleted.items()) + "."
