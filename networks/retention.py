"""The networks' purge: rejected and abandoned submissions, with their personal data."""

from datetime import timedelta

from django.db.models import Q

from cms.plugins import PeriodicJob

from .models import Submission

SUBMISSION_RETENTION = timedelta(days=30)


def purge_submissions(now):
    """Delete rejected submissions 30 days after the decision, and submissions nobody
    decided within 30 days; returns how many went."""
    cutoff = now - SUBMISSION_RETENTION
    rejected = Q(status=Submission.Status.REJECTED, decided_at__lt=cutoff)
    abandoned = Q(status=Submission.Status.PENDING, created_at__lt=cutoff)
    deleted, _ = Submission.objects.filter(rejected | abandoned).delete()
    return deleted


class SubmissionPurgeJob(PeriodicJob):
    name = "networks-submission-purge"
    description = "Delete rejected and abandoned submissions after 30 days."
    interval = timedelta(hours=6)

    def run(self, now):
        return f"Deleted {purge_submissions(now)} submission(s)."
