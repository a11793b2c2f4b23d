"""Single-use, expiring signed links: how people without accounts act on a listing.

A link names a *purpose* (``contact-change``, ``listing-still-right``, …) and one
object. It is signed with ``django.core.signing`` under a salt per purpose, so a
token made for one purpose is refused by every other, and carries its own
expiry (7 days by default) and a random nonce. Using a link records the nonce in
``SignedLinkUse``, so a second use is refused; rows are purged once the link has
expired, when the signature alone refuses it.

Apps register a :class:`LinkAction` per purpose with the
``register_signed_link_action`` hook; ``/links/<purpose>/<token>/`` shows what the
link will do (GET never acts: mail scanners follow links) and acts on POST.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cms.models import SignedLinkUse

DEFAULT_MAX_AGE = timedelta(days=7)
# The last paragraph of every email that carries a link.
NOT_A_CRISIS_SERVICE = (
    "Peer Support Hub is not a crisis service: if you need help now, call 999, "
    "NHS 111 (option 2) or Samaritans on 116 123."
)


class LinkError(Exception):
    """A link that cannot be used; ``status`` and ``title`` shape the page that says so."""

    status = 400
    title = "This link does not work"
    explanation = (
        "The link is not complete or has been changed. Copy the whole link from the email."
    )


class InvalidLink(LinkError):
    """Forged, tampered with, cut short or made for another purpose."""


class ExpiredLink(LinkError):
    status = 410
    title = "This link has expired"
    explanation = "Links we email work for 7 days. Ask us for a new one."


class UsedLink(LinkError):
    status = 410
    title = "This link has already been used"
    explanation = "Each link works once. If you need to do something else, ask us for a new link."


class MissingTarget(LinkError):
    status = 404
    title = "What this link was for no longer exists"
    explanation = "The listing or request may have been removed."


@dataclass(frozen=True)
class SignedLink:
    """A token's checked contents."""

    purpose: str
    object_id: int
    nonce: str
    expires_at: datetime


def _salt(purpose):
    return f"cms.privacy.links:{purpose}"


def make_token(purpose, object_id, *, max_age=DEFAULT_MAX_AGE, now=None):
    """A signed, URL-safe token for one use of ``purpose`` on ``object_id``."""
    expires_at = (now or timezone.now()) + max_age
    payload = {"o": int(object_id), "n": secrets.token_hex(16), "x": int(expires_at.timestamp())}
    return signing.dumps(payload, salt=_salt(purpose), compress=True)


def link_url(purpose, object_id, **kwargs):
    """The absolute URL to put in an email."""
    path = reverse("signed_link", args=[purpose, make_token(purpose, object_id, **kwargs)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def read_token(purpose, token, *, now=None):
    """Check ``token`` for ``purpose`` without using it; raises a ``LinkError``."""
    try:
        payload = signing.loads(token, salt=_salt(purpose))
        link = SignedLink(
            purpose=purpose,
            object_id=int(payload["o"]),
            nonce=str(payload["n"]),
            expires_at=datetime.fromtimestamp(int(payload["x"]), tz=UTC),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidLink from error
    if link.expires_at <= (now or timezone.now()):
        raise ExpiredLink
    if SignedLinkUse.objects.filter(nonce=link.nonce).exists():
        raise UsedLink
    return link


def mark_used(link, *, now=None):
    """Record the link as used; raises ``UsedLink`` if another request got there first."""
    try:
        with transaction.atomic():
            SignedLinkUse.objects.create(
                nonce=link.nonce,
                purpose=link.purpose,
                used_at=now or timezone.now(),
                expires_at=link.expires_at,
            )
    except IntegrityError as error:
        raise UsedLink from error


class LinkAction:
    """What a link of one ``purpose`` lets its holder do.

    ``get_object`` returns the target or ``None`` (then the link is a 404);
    ``choices`` are the buttons, ``(value, label)`` (``choices_for`` when they
    depend on the target); ``perform`` acts on the chosen one and returns the
    sentence shown afterwards.
    """

    purpose = ""
    title = ""
    choices = (("confirm", "Confirm"),)

    def get_object(self, object_id):
        raise NotImplementedError

    def choices_for(self, obj):
        """The buttons for this target; the same for every target unless overridden."""
        return self.choices

    def describe(self, obj):
        """Context for the page that shows what the link will do."""
        return {}

    def perform(self, obj, choice):
        raise NotImplementedError
