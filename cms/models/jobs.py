from django.db import models


class JobRun(models.Model):
    """The last pass of one periodic job, so the scheduler knows what is due after a restart."""

    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=80, unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    summary = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}: {self.outcome} at {self.started_at:%Y-%m-%d %H:%M}"
