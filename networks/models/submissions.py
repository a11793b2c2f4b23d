"""Public submissions: a record in its network's queue, never a page until approved."""

from django.conf import settings
from django.db import models

from ..choices import VenueVisibility


class Submission(models.Model):
    """An event posted through a network page's public form, awaiting a coordinator.

    Personal data here is the contact address (and any health information in the
    free text); it is cleared on decision and purged with rejected records (see
    ``docs/privacy.md``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a coordinator"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    network = models.ForeignKey(
        "networks.NetworkPage", on_delete=models.CASCADE, related_name="submissions"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event_page = models.ForeignKey(
        "networks.EventPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    organiser = models.CharField("Group or project", max_length=200)
    title = models.CharField("Event name", max_length=200)
    summary = models.TextField(max_length=300)
    description = models.TextField(blank=True, max_length=3000)
    start = models.DateTimeField()
    end = models.DateTimeField()
    online = models.BooleanField(default=False)
    venue_visibility = models.CharField(
        max_length=12, choices=VenueVisibility.choices, default=VenueVisibility.AREA
    )
    venue_name = models.CharField(max_length=120, blank=True)
    address = models.TextField(blank=True, max_length=500)
    postcode = models.CharField(max_length=100, blank=True)
    booking_url = models.URLField(blank=True)
    cost = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(
        blank=True, help_text="Used only to ask about this submission; cleared once decided."
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.title} ({self.network.title})"
