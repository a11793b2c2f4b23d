"""The scheduler runs each registered periodic job when due, records it and survives failures."""

from datetime import timedelta
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail import hooks

import pytest

from cms import hooks as cms_hooks
from cms.models import JobRun
from cms.plugins import PeriodicJob
from cms.scheduler import run_due_jobs

pytestmark = pytest.mark.django_db


class CountingJob(PeriodicJob):
    name = "test-counting"
    description = "Counts its runs."
    interval = timedelta(hours=1)
    runs = 0

    def run(self, now):
        CountingJob.runs += 1
        return f"run {CountingJob.runs}"


class BrokenJob(PeriodicJob):
    name = "test-broken"
    description = "Always fails."
    interval = timedelta(hours=1)

    def run(self, now):
        raise RuntimeError("the mail server said no")


@pytest.fixture
def test_jobs():
    CountingJob.runs = 0
    with (
        hooks.register_temporarily(cms_hooks.REGISTER_PERIODIC_JOB, CountingJob),
        hooks.register_temporarily(cms_hooks.REGISTER_PERIODIC_JOB, BrokenJob),
    ):
        cms_hooks.reset_registries()
        yield
    cms_hooks.reset_registries()


def test_a_job_runs_again_only_after_its_interval(test_jobs):
    now = timezone.now()
    run_due_jobs(now)
    run_due_jobs(now + timedelta(minutes=59))
    assert CountingJob.runs == 1
    run_due_jobs(now + timedelta(hours=1))
    assert CountingJob.runs == 2
    assert JobRun.objects.get(name="test-counting").summary == "run 2"


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(test_jobs):
    runs = {run.name: run for run in run_due_jobs()}
    assert runs["test-broken"].outcome == JobRun.Outcome.FAILED
    assert runs["test-broken"].summary == "RuntimeError: the mail server said no"
    assert runs["test-counting"].outcome == JobRun.Outcome.SUCCEEDED
    assert CountingJob.runs == 1


def test_list_shows_every_job_and_what_is_due(test_jobs):
    call_command("run_scheduler", "--job", "test-counting", stdout=StringIO())
    out = StringIO()
    call_command("run_scheduler", "--list", stdout=out)
    text = out.getvalue()
    assert "search-outbox" in text and "search-log-purge" in text
    counting = next(line for line in text.splitlines() if line.startswith("test-counting"))
    assert "succeeded" in counting and "next " in counting
    broken = next(line for line in text.splitlines() if line.startswith("test-broken"))
    assert "never run" in broken and "due now" in broken


def test_once_runs_what_is_due_then_nothing(test_jobs):
    first = StringIO()
    call_command("run_scheduler", "--once", stdout=first)
    assert "test-counting: succeeded. run 1" in first.getvalue()
    assert "test-broken: failed" in first.getvalue()
    again = StringIO()
    call_command("run_scheduler", "--once", stdout=again)
    assert again.getvalue().strip() == "Nothing due."


def test_running_an_unknown_or_failing_job_by_name_is_an_error(test_jobs):
    with pytest.raises(
        CommandError, match="No periodic job called 'nope'. Known jobs: .*test-counting"
    ):
        call_command("run_scheduler", "--job", "nope", stdout=StringIO())
    with pytest.raises(CommandError, match="test-broken failed"):
        call_command("run_scheduler", "--job", "test-broken", stdout=StringIO())
