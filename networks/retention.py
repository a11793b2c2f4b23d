"""The networks' purge: submissions and the personal data they hold.

Rejected submissions go 30 days after the decision and abandoned ones 30 days
after they came in. Approved ones have become pages (the contact address was
cleared then); the record of what the public sent, with any health information
in its text, goes after ``NETWORKS_APPROVED_SUBMISSION_RETENTION_DAYS`` (90 by
default): long enough to answer "who published this?", then gone.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from cms.plugins import PeriodicJob

from .models import Submission

SUBMISSION_RETENTION = timedelta(days=30)
APPROVED_SUBMISSION_RETENTION_DAYS = 90


def approved_retention():
    """How long an approved submission's record is kept, from the settings."""
    days = getattr(
        settings, "NETWORKS_APPROVED_SUBMISSION_RETENTION_DAYS", APPROVED_SUBMISSION_RETENTION_DAYS
    )
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise ImproperlyConfigured(
            "NETWORKS_APPROVED_SUBMISSION_RETENTION_DAYS must be a whole number of days, 1 or more."
        )
    return timedelta(days=days)


def purge_submissions(now):
    """Delete rejected submissions 30 days after the decision, submissions nobody
    decided within 30 days, and approved ones after their retention period;
    returns how many went."""
    cutoff = now - SUBMISSION_RETENTION
    rejected = Q(status=Submission.Status.REJECTED, decided_at__lt=cutoff)
    abandoned = Q(status=Submission.Status.PENDING, created_at__lt=cutoff)
    approved = Q(status=Submission.Status.APPROVED, decided_at__lt=now - approved_retention())
    deleted, _ = Submission.objects.filter(rejected | abandoned | approved).delete()
    return deleted


class SubmissionPurgeJob(PeriodicJob):
    name = "networks-submission-purge"
    description = (
        "Delete rejected and abandoned submissions after 30 days, and approved ones after "
        "their retention period (90 days unless configured)."
    )
    interval = timedelta(hours=6)

    def run(self, now):
        return f"Deleted {purge_submissions(now)} submission(s)."
