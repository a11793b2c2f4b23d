"""The scheduler: runs every registered ``PeriodicJob`` when its interval has passed.

One process (``manage.py run_scheduler``) lists and runs every periodic job in
production: purges, feed refreshes, reminder emails, the search outbox. The last
pass of each job is a ``JobRun`` row, so a restart neither repeats work that has
just run nor forgets work that is due. A job that raises is recorded as failed
and tried again at the next tick; it never stops the others.
"""

import logging
from dataclasses import dataclass

from django.utils import timezone

from .hooks import periodic_jobs
from .models import JobRun

logger = logging.getLogger(__name__)


@dataclass
class JobStatus:
    job: object
    last_run: JobRun | None

    @property
    def next_due(self):
        if self.last_run is None:
            return None
        return self.last_run.started_at + self.job.interval

    def is_due(self, now):
        return self.next_due is None or self.next_due <= now


def job_statuses():
    """Every registered job with its last run, in name order."""
    runs = {run.name: run for run in JobRun.objects.all()}
    jobs = sorted(periodic_jobs, key=lambda job: job.name)
    return [JobStatus(job, runs.get(job.name)) for job in jobs]


def run_job(job, now=None):
    """Run one job now and record the outcome; returns the ``JobRun``."""
    now = now or timezone.now()
    JobRun.objects.update_or_create(
        name=job.name,
        defaults={
            "started_at": now,
            "finished_at": None,
            "outcome": JobRun.Outcome.RUNNING,
            "summary": "",
        },
    )
    try:
        summary = job.run(now) or ""
        outcome = JobRun.Outcome.SUCCEEDED
    except Exception as error:  # one failing job must not stop the others
        logger.exception("Periodic job %s failed", job.name)
        summary = f"{type(error).__name__}: {error}"
        outcome = JobRun.Outcome.FAILED
    JobRun.objects.filter(name=job.name).update(
        finished_at=timezone.now(), outcome=outcome, summary=summary[:500]
    )
    return JobRun.objects.get(name=job.name)


def run_due_jobs(now=None):
    """Run every job whose interval has passed; returns their ``JobRun``s."""
    now = now or timezone.now()
    return [run_job(status.job, now) for status in job_statuses() if status.is_due(now)]
