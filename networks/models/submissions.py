"""Public submissions: a record in its network's queue, never a page until approved."""

from django.conf import settings
from django.db import models

from ..choices import VenueVisibility


class Submission(models.Model):
    """Something posted through a network page's public forms, awaiting a coordinator.

    Every kind shares the queue, the decision and the purge; the fields of an
    event are columns, the other kinds' own answers are in ``details`` (see
    ``networks.submission_kinds``). Personal data here is the contact address
    (and any health information in the free text); it is cleared on decision
    and purged with rejected records (see ``docs/privacy.md``). A shared
    resource's upload waits in the private "Submissions" collection.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a coordinator"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    class Kind(models.TextChoices):
        EVENT = "event", "Event"
        PROJECT = "project", "Project listing"
        RESOURCE = "resource", "Resource"
        MENTORING = "mentoring", "Mentoring"

    network = models.ForeignKey(
        "networks.NetworkPage", on_delete=models.CASCADE, related_name="submissions"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EVENT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    event_page = models.ForeignKey(
        "networks.EventPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page approval created or revised (kinds other than events).",
    )
    project = models.ForeignKey(
        "networks.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The listing an update is for, or the project a mentoring entry comes from.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)

    organiser = models.CharField("Group or project", max_length=200)
    title = models.CharField("Name", max_length=200)
    summary = models.TextField(max_length=300)
    description = models.TextField(blank=True, max_length=3000)
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
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

    @property
    def is_update(self):
        return self.kind == self.Kind.PROJECT and self.project_id is not None
