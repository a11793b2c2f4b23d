"""``manage.py run_scheduler``: every periodic job, in one process (see cms.scheduler)."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.hooks import periodic_jobs
from cms.scheduler import job_statuses, run_due_jobs, run_job


class Command(BaseCommand):
    help = "Run the periodic jobs (purges, feed refreshes, reminder emails, search outbox)."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--list", action="store_true", help="List the jobs and when they ran.")
        action.add_argument("--once", action="store_true", help="Run what is due, then exit.")
        action.add_argument("--job", metavar="NAME", help="Run one job now, due or not.")
        parser.add_argument(
            "--tick", type=int, default=60, help="Seconds between checks (default 60)."
        )

    def handle(self, *args, list=False, once=False, job=None, tick=60, **options):
        if list:
            return self.list_jobs()
        if job:
            return self.run_named(job)
        if once:
            runs = run_due_jobs()
            if not runs:
                self.stdout.write("Nothing due.")
            self.report(runs)
            return
        self.loop(tick)

    def list_jobs(self):
        now = timezone.now()
        for status in job_statuses():
            last = status.last_run
            when = f"{last.outcome} {last.started_at:%Y-%m-%d %H:%M}" if last else "never run"
            due = "due now" if status.is_due(now) else f"next {status.next_due:%Y-%m-%d %H:%M}"
            self.stdout.write(
                f"{status.job.name:<28} every {status.job.interval}  {when:<28} {due}\n"
                f"    {status.job.description}"
            )

    def run_named(self, name):
        job = periodic_jobs.get(name)
        if job is None:
            known = ", ".join(sorted(periodic_jobs.keys())) or "none"
            raise CommandError(f"No periodic job called {name!r}. Known jobs: {known}.")
        if self.report([run_job(job)]):
            raise CommandError(f"{name} failed.")

    def report(self, runs):
        """Print each run; returns how many failed."""
        failed = 0
        for run in runs:
            succeeded = run.outcome == run.Outcome.SUCCEEDED
            failed += not succeeded
            style = self.style.SUCCESS if succeeded else self.style.ERROR
            self.stdout.write(style(f"{run.name}: {run.outcome}. {run.summary}"))
        return failed

    def loop(self, tick):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        jobs = len(periodic_jobs.keys())
        self.stdout.write(f"Scheduler running {jobs} job(s); checks every {tick}s.")
        while not stopping:
            self.report(run_due_jobs())
            for _ in range(tick):
                if stopping:
                    break
                time.sleep(1)
        self.stdout.write("Scheduler stopped.")
