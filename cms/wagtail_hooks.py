from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms import hooks as cms_hooks
from cms.viewsets import SharedRecordsViewSetGroup

register_snippet(SharedRecordsViewSetGroup)


@hooks.register(cms_hooks.REGISTER_PUBLIC_URLS)
def register_privacy_urls():
    from cms.privacy.urls import urlpatterns

    return urlpatterns


@hooks.register(cms_hooks.REGISTER_SIGNED_LINK_ACTION)
def register_contact_change_action():
    from cms.privacy.contacts import ContactChangeAction

    return ContactChangeAction()


@hooks.register(cms_hooks.REGISTER_PERIODIC_JOB)
def register_privacy_purge():
    from cms.privacy.retention import PrivacyPurgeJob

    return PrivacyPurgeJob()


@hooks.register("before_publish_page")
def before_publish_page(request, page):
    """Keep an unconfirmed contact change as a draft (see ``cms.privacy.contacts``)."""
    from cms.privacy.contacts import format_diff, guard_publish_request

    change = guard_publish_request(request, page)
    if change is None:
        return None
    waiting = (
        "the current contact said they did not ask for it"
        if change.status == change.Status.DECLINED
        else "we have emailed the current contact a link to confirm it"
    )
    messages.warning(
        request,
        f"Contact change, not published: {waiting}. Your edit is saved as a draft. "
        f"{format_diff(page.specific, change.changes)}. "
        "A moderator who has checked another way can tick “verified” and publish.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def before_bulk_action(request, action_type, objects, action_class_instance):
    """A bulk publish holding unconfirmed contact changes publishes nothing and names
    every such listing (the admin would otherwise stop at the first)."""
    from cms.privacy.contacts import unconfirmed_changes

    if action_type != "publish":
        return None
    refused = unconfirmed_changes(objects)
    for refusal in refused:
        messages.error(request, refusal.explanation())
    return redirect(action_class_instance.next_url) if refused else None
