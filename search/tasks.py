"""Background work for search (django-tasks): draining the engine outbox."""

from django_tasks import task


@task()
def drain_search_outbox():
    """Replay queued index changes into the engine; what fails stays queued."""
    from .sync import drain_outbox

    report = drain_outbox()
    return {"applied": report.applied, "failed": report.failed, "remaining": report.remaining}
