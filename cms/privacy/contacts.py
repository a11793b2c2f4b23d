"""A listing's private contact, and the rule that its contact details change only
with the current contact's say-so (or a moderator's check by other means).

A page model mixes in :class:`ListingContactMixin` and names, in
``contact_change_fields``, the fields that count as contact details. Publishing
a revision that changes any of them from the live page needs a confirmed or
verified :class:`~cms.models.ContactChange` for exactly that change:

- in the admin, ``before_publish_page`` (``guard_publish_request``) keeps the
  edit as a draft, records the change and emails the current contact a signed
  link, unless the moderator ticked "verified another way";
- anywhere else (a workflow approval, a bulk publish, scheduled publishing, a
  script), ``ListingContactMixin.publish`` refuses with
  :class:`UnconfirmedContactChange` (a ``PermissionDenied``). In the admin,
  ``cms.middleware.ContactChangeRefusalMiddleware`` turns it into a message
  naming the listing and what it needs (``refusals`` collects them per request).
"""

import contextlib
import contextvars

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import models
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel

from cms.models import ContactChange

from .links import NOT_A_CRISIS_SERVICE, LinkAction, link_url

CONTACT_CHANGE_PURPOSE = "contact-change"


class ListingContactMixin(models.Model):
    """A private contact email for signed links and relayed messages; never rendered."""

    contact_email = models.EmailField(
        "Private contact email",
        blank=True,
        help_text=(
            "Where we send links to confirm or update this listing, and relayed messages. "
            "Never shown on the site or in any feed."
        ),
    )

    #: Fields whose change needs the current contact's confirmation.
    contact_change_fields = ("contact_email",)

    class Meta:
        abstract = True

    def publish(self, revision, *args, **kwargs):
        change = proposed_contact_change(revision.as_object())
        if change and not approved_change(self, change):
            refusal = UnconfirmedContactChange(self, change)
            collected = _refusals.get()
            if collected is not None:
                collected.append(refusal)
            raise refusal
        return super().publish(revision, *args, **kwargs)


class UnconfirmedContactChange(PermissionDenied):
    """Publishing refused: this version changes contact details nobody has confirmed."""

    def __init__(self, page, changes):
        self.page = page
        self.changes = changes
        super().__init__(
            "This version changes the listing's contact details, which the current "
            "contact has not confirmed and no moderator has verified."
        )

    def explanation(self):
        """What the editor reads: the listing, the change, where it stands, what it needs."""
        page = self.page
        waiting = (
            ContactChange.objects.filter(page_id=page.pk, changes=self.changes)
            .order_by("-created_at")
            .first()
        )
        current = type(page).objects.filter(pk=page.pk).values_list("contact_email", flat=True)
        if not current.first():
            state = (
                "The listing has no private contact to ask, so a moderator must verify the "
                "change another way."
            )
        elif waiting is None:
            state = (
                "Nobody has asked the current contact yet: choose Publish on the listing "
                "to email them a link."
            )
        elif waiting.status == ContactChange.Status.DECLINED:
            state = "The current contact said they did not ask for this change."
        else:
            state = (
                f"We emailed the current contact on {timezone.localtime(waiting.created_at):%-d %B %Y}; "
                "they have not confirmed it yet."
            )
        return (
            f"“{page.title}” was not published: this version changes its contact details "
            f"({format_diff(page, self.changes).replace(chr(10), '; ')}). {state} "
            "It can be published once the current contact confirms the change by the emailed "
            "link, or once a moderator who has checked with the group another way ticks "
            "“I have verified a change to the contact details another way” on the listing "
            "and publishes it. Nothing was published or approved."
        )


def unconfirmed_changes(pages):
    """A refusal for each listing among ``pages`` whose latest version holds an
    unconfirmed contact change (what publishing them would raise)."""
    from wagtail.models import Page

    found = []
    for page in pages:
        page = page.specific if isinstance(page, Page) else page
        if not isinstance(page, ListingContactMixin) or page.latest_revision_id is None:
            continue
        changes = proposed_contact_change(page.get_latest_revision_as_object())
        if changes and not approved_change(page, changes):
            found.append(UnconfirmedContactChange(page, changes))
    return found


_refusals = contextvars.ContextVar("contact_change_refusals", default=None)


@contextlib.contextmanager
def refusals():
    """Collect the ``UnconfirmedContactChange`` refusals raised inside the block."""
    collected = []
    token = _refusals.set(collected)
    try:
        yield collected
    finally:
        _refusals.reset(token)


class ListingContactFormMixin(forms.Form):
    """Adds the moderator's "verified another way" tick to a listing's admin form."""

    contact_change_verified = forms.BooleanField(
        label="I have verified a change to the contact details another way",
        required=False,
        help_text=(
            "Tick only if you have checked with the group (for example by phone) that "
            "they asked for this change. Otherwise we ask the current contact by email."
        ),
    )


class ListingContactForm(ListingContactFormMixin, WagtailAdminPageForm):
    """The admin form for a listing with no other form behaviour."""


class ContactChangePanel(Panel):
    """The listing's recent contact changes as field diffs, flagged "Contact change"."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/privacy/contact_change_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            changes = ContactChange.objects.filter(page_id=page.pk)[:5] if page.pk else []
            context["contact_changes"] = [
                (change, format_diff(page, change.changes).splitlines()) for change in changes
            ]
            return context


def private_contact_panel():
    """The admin panel for a listing's private contact and its changes."""
    return MultiFieldPanel(
        [
            FieldPanel("contact_email"),
            FieldPanel("contact_change_verified"),
            ContactChangePanel(),
        ],
        heading="Private contact",
        help_text="A change to any contact detail waits for the current contact to confirm it.",
    )


def proposed_contact_change(page):
    """``{field: [live value, proposed value]}`` for contact fields ``page`` changes."""
    if not page.pk or not page.live:
        return {}
    fields = page.contact_change_fields
    live = type(page).objects.filter(pk=page.pk).values(*fields).first()
    if live is None:
        return {}
    return {
        field: [live[field] or "", getattr(page, field) or ""]
        for field in fields
        if (live[field] or "") != (getattr(page, field) or "")
    }


def approved_change(page, changes):
    return ContactChange.objects.filter(
        page_id=page.pk,
        changes=changes,
        status__in=[ContactChange.Status.CONFIRMED, ContactChange.Status.VERIFIED],
    ).exists()


def request_confirmation(page, changes, user):
    """The open record for this change, creating it and emailing the current contact once."""
    existing = (
        ContactChange.objects.filter(page_id=page.pk, changes=changes)
        .exclude(status__in=[ContactChange.Status.CONFIRMED, ContactChange.Status.VERIFIED])
        .first()
    )
    if existing:
        return existing
    change = ContactChange.objects.create(page_id=page.pk, changes=changes, requested_by=user)
    current = type(page).objects.filter(pk=page.pk).values_list("contact_email", flat=True)[0]
    if current:
        send_mail(
            f"Please confirm a change to {page.title} on Peer Support Hub",
            CONFIRMATION_TEXT.format(
                title=page.title,
                diff=format_diff(page, changes),
                url=link_url(CONTACT_CHANGE_PURPOSE, change.pk),
            ),
            None,
            [current],
        )
    return change


CONFIRMATION_TEXT = (
    "Someone has asked to change the contact details of {title} on Peer Support Hub:\n\n"
    "{diff}\n\n"
    "If this is right, confirm it here (the link works once, for 7 days):\n{url}\n\n"
    "If you did not ask for this, open the link and choose \u201cI did not ask for this\u201d, "
    "and the listing keeps its current details.\n\n" + NOT_A_CRISIS_SERVICE
)


def field_label(model, field):
    return str(model._meta.get_field(field).verbose_name).capitalize()


def format_diff(page, changes):
    return "\n".join(
        f"{field_label(type(page), field)}: {old or '(none)'} \u2192 {new or '(none)'}"
        for field, (old, new) in changes.items()
    )


def record_verified(page, changes, user):
    return ContactChange.objects.create(
        page_id=page.pk,
        changes=changes,
        requested_by=user,
        decided_by=user,
        decided_at=timezone.now(),
        status=ContactChange.Status.VERIFIED,
    )


def guard_publish_request(request, page):
    """For ``before_publish_page``: ``None`` to let publishing go on, or the unconfirmed change."""
    if not isinstance(page, ListingContactMixin):
        return None
    changes = proposed_contact_change(page)
    if not changes or approved_change(page, changes):
        return None
    if request.POST.get("contact_change_verified"):
        record_verified(page, changes, request.user)
        return None
    return request_confirmation(page, changes, request.user)


class ContactChangeAction(LinkAction):
    """The current contact confirms, or refuses, a change to their listing's contact details."""

    purpose = CONTACT_CHANGE_PURPOSE
    title = "Confirm a change to contact details"
    choices = (("confirm", "Yes, make this change"), ("decline", "I did not ask for this"))

    def get_object(self, object_id):
        return (
            ContactChange.objects.filter(pk=object_id, status=ContactChange.Status.PENDING)
            .select_related("page")
            .first()
        )

    def describe(self, change):
        page = change.page.specific
        return {
            "intro": f"Someone asked to change how people reach {page.title}.",
            "rows": [
                (f"{field_label(type(page), field)}: now", old)
                for field, (old, _new) in change.changes.items()
            ]
            + [
                (f"{field_label(type(page), field)}: proposed", new)
                for field, (_old, new) in change.changes.items()
            ],
        }

    def perform(self, change, choice):
        change.decided_at = timezone.now()
        if choice == "decline":
            change.status = ContactChange.Status.DECLINED
            change.save(update_fields=["status", "decided_at"])
            return "The listing keeps its current contact details."
        change.status = ContactChange.Status.CONFIRMED
        change.save(update_fields=["status", "decided_at"])
        return "Thank you. A moderator will publish the new contact details shortly."
