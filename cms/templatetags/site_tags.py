"""Site-wide template tags; each prefers a value in the context (previews) to the database."""

import logging

from django import template
from django.db import DatabaseError

from cms.crisis import built_in_signposting
from cms.models import CrisisSignposting, NavigationSettings, SiteContactSettings

register = template.Library()
logger = logging.getLogger(__name__)


def _setting_or_none(model, context):
    request = context.get("request")
    if request is None or context.get("error_page"):
        return None
    try:
        return model.for_request(request)
    except DatabaseError:
        logger.warning("Could not read %s; using built-in values.", model.__name__)
        return None


@register.inclusion_tag("includes/crisis_signposting.html", takes_context=True)
def crisis_signposting(context):
    """The crisis block: editable copy, or the built-in fallback if unavailable."""
    setting = context.get("crisis_settings") or _setting_or_none(CrisisSignposting, context)
    signposting = setting.as_context() if setting else built_in_signposting()
    return {"crisis": signposting}


@register.inclusion_tag("includes/header_navigation.html", takes_context=True)
def header_navigation(context):
    navigation = context.get("navigation_settings") or _setting_or_none(NavigationSettings, context)
    return {
        "links": _links(navigation.header_links) if navigation else [],
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/footer_navigation.html", takes_context=True)
def footer_navigation(context):
    navigation = context.get("navigation_settings") or _setting_or_none(NavigationSettings, context)
    contact = _setting_or_none(SiteContactSettings, context)
    return {
        "links": _links(navigation.footer_links) if navigation else [],
        "privacy_notice": contact.privacy_notice if contact else None,
        "accessibility_statement": contact.accessibility_statement if contact else None,
        "contact_email": contact.contact_email if contact else "",
    }


@register.simple_tag(takes_context=True)
def demo_content_flag(context):
    """True when the site holds demo content, so the banner shows."""
    contact = _setting_or_none(SiteContactSettings, context)
    return bool(contact and contact.demo_content)


def _links(stream):
    links = []
    for block in stream:
        value = block.value
        page = value.get("page")
        if page is not None and not page.live:
            continue
        links.append(
            {
                "url": page.url if page is not None else value.get("url"),
                "title": value.get("title") or (page.title if page is not None else ""),
            }
        )
    return links
