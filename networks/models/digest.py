"""Coordinators' choice of a weekly digest email."""

from django.conf import settings
from django.db import models


class CoordinatorDigest(models.Model):
    """An admin user's choice to get the coordinators' weekly digest by email.

    Holds only the staff user, the choice and when the last digest went (so a
    retried job sends no second copy): nothing about the public.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coordinator_digest"
    )
    weekly = models.BooleanField("Weekly digest by email", default=False)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Digest for {self.user}: {'on' if self.weekly else 'off'}"
