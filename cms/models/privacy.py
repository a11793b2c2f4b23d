"""Records behind the privacy tools (``cms.privacy``): used links, relay metadata,
contact changes. None of them holds a message body; see ``docs/privacy.md``."""

from django.conf import settings
from django.db import models


class SignedLinkUse(models.Model):
    """A signed link that has been used, so it works once. Purged once it has expired."""

    nonce = models.CharField(max_length=32, unique=True)
    purpose = models.CharField(max_length=60)
    used_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "used signed link"

    def __str__(self):
        return f"{self.purpose} link used at {self.used_at:%Y-%m-%d %H:%M}"


class RelayRecord(models.Model):
    """That a message was relayed: the target, the time and a keyed hash of the sender.

    The message itself is never stored. Kept 90 days to spot misuse.
    """

    target_kind = models.CharField(max_length=40)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(db_index=True)
    sender_hash = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["target_kind", "target_id"])]

    def __str__(self):
        return f"Relayed to {self.target_kind} {self.target_id} at {self.sent_at:%Y-%m-%d %H:%M}"


class ContactChange(models.Model):
    """A proposed change to a listing's private or public contact details.

    Publishing waits until the current contact confirms it by signed link or a
    moderator records that they verified it another way.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the current contact"
        CONFIRMED = "confirmed", "Confirmed by the current contact"
        VERIFIED = "verified", "Verified by a moderator another way"
        DECLINED = "declined", "Declined by the current contact"

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="contact_changes"
    )
    #: ``{field name: [current value, proposed value]}``.
    changes = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Contact change on page {self.page_id}: {self.get_status_display()}"

    @property
    def allows_publishing(self):
        return self.status in (self.Status.CONFIRMED, self.Status.VERIFIED)
