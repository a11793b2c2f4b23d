"""Presentation helpers for the site templates: form fields, navigation state, links.

Form helpers render any Django bound field with NHS.UK frontend's markup (see
``templates/includes/form_field.html``), so forms from every app look and
behave the same. Only two helpers read the database: the breadcrumb for pages
more than one level below home (one query), and the guidance-index lookup
(cached on the request).
"""

from urllib.parse import urlencode

from django import template
from django.db import DatabaseError
from django.http import QueryDict

from cms.models import GuidanceIndexPage

register = template.Library()

#: Django widget types (``BoundField.widget_type``) and the NHS.UK component
#: that renders them; anything else is a text-like ``input``.
WIDGET_KINDS = {
    "checkbox": "checkbox",
    "checkboxselectmultiple": "checkboxes",
    "radioselect": "radios",
    "select": "select",
    "nullbooleanselect": "select",
    "selectmultiple": "select",
    "textarea": "textarea",
    "hidden": "hidden",
    "multiplehidden": "hidden",
    "file": "file",
    "clearablefile": "file",
}

#: CSS classes for each kind of control, and the modifier added on error.
CONTROL_CLASSES = {
    "input": ("nhsuk-input", "nhsuk-input--error"),
    "textarea": ("nhsuk-textarea", "nhsuk-textarea--error"),
    "select": ("nhsuk-select", "nhsuk-select--error"),
    "checkbox": ("nhsuk-checkboxes__input", ""),
    "file": ("", ""),
    "hidden": ("", ""),
}

#: Fixed input widths NHS.UK frontend provides, in characters.
INPUT_WIDTHS = {"2", "3", "4", "5", "10", "20", "30"}


def field_kind(field):
    return WIDGET_KINDS.get(field.widget_type, "input")


def _ids(field):
    base = field.auto_id or field.html_name
    return {"hint": f"{base}-hint", "error": f"{base}-error"}


@register.filter
def field_anchor(field):
    """The id an error summary links to: the control, or a group's first option."""
    if field_kind(field) in {"radios", "checkboxes"} and field.subwidgets:
        return field.subwidgets[0].id_for_label
    return field.id_for_label or field.auto_id


@register.simple_tag
def field_meta(field, hint=None):
    """What form_field.html needs to lay out one field.

    ``hint`` overrides the field's help text; ``False`` drops it. (An unset
    template variable arrives as "", so "" means "use the help text".)
    """
    hint = "" if hint is False else (hint or field.help_text)
    ids = _ids(field)
    described_by = [ids["hint"]] if hint else []
    if field.errors:
        described_by.append(ids["error"])
    return {
        "kind": field_kind(field),
        "hint": hint,
        "hint_id": ids["hint"],
        "error_id": ids["error"],
        "described_by": " ".join(described_by),
        "optional": not field.field.required and field_kind(field) != "checkbox",
    }


@register.simple_tag
def field_widget(field, width="", hint=None, extra_classes=""):
    """The field's own widget with NHS.UK classes and ``aria-describedby`` added."""
    kind = field_kind(field)
    meta = field_meta(field, hint=hint)
    base_class, error_class = CONTROL_CLASSES.get(kind, ("", ""))
    classes = [field.field.widget.attrs.get("class", ""), base_class, extra_classes]
    if field.errors:
        classes.append(error_class)
    if kind == "input" and str(width) in INPUT_WIDTHS:
        classes.append(f"nhsuk-input--width-{width}")
    attrs = {}
    if class_names := " ".join(name for name in classes if name):
        attrs["class"] = class_names
    if meta["described_by"] and kind != "hidden":
        attrs["aria-describedby"] = meta["described_by"]
    return field.as_widget(attrs=attrs)


@register.simple_tag
def nav_state(current_path, url):
    """``aria-current`` for a navigation link: "page" here, "true" within its section."""
    if not url or not current_path:
        return ""
    if current_path == url:
        return "page"
    if url != "/" and url.startswith("/") and current_path.startswith(url.rstrip("/") + "/"):
        return "true"
    return ""


def _parent_url(url):
    """A page's parent's URL from its own: Wagtail URLs follow the page tree."""
    trimmed = url.rstrip("/")
    return trimmed.rsplit("/", 1)[0] + "/" if "/" in trimmed else "/"


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page, breadcrumbs=None):
    """Home → … → parent of a Wagtail page, as ``{"title", "url"}`` dicts.

    A view that is not a Wagtail page passes its own ``breadcrumbs`` list instead.
    Pages just below home need no query; deeper pages need one, for their
    ancestors' titles.
    """
    if breadcrumbs:
        return list(breadcrumbs)
    if not page or not hasattr(page, "get_ancestors") or page.depth < 3:
        return []
    request = context.get("request")
    if page.depth == 3:
        return [{"title": "Home", "url": _parent_url(page.get_url(request) or "/")}]
    return [
        {
            "title": "Home" if ancestor.depth == 2 else ancestor.title,
            "url": ancestor.get_url(request),
        }
        for ancestor in page.get_ancestors().filter(depth__gt=1)
    ]


@register.simple_tag(takes_context=True)
def parent_url(context, page):
    """The URL of ``page``'s parent, worked out without a query."""
    return _parent_url(page.get_url(context.get("request")) or "/")


@register.simple_tag
def elided_pages(page_obj, on_each_side=1, on_ends=1):
    """Page numbers for pagination, with ``Paginator.ELLIPSIS`` in the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


@register.simple_tag(takes_context=True)
def querystring_for(context, key, value):
    """The current query string with ``key`` set to ``value``, e.g. a pagination link.

    Django's ``{% querystring %}`` needs the key spelled out; this takes it as a variable.
    """
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query[key] = value
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def guidance_index_url(context):
    """The URL of the live guidance index page, or "" if there is none (or no database)."""
    request = context.get("request")
    cached = getattr(request, "_guidance_index_url", None)
    if cached is not None:
        return cached
    url = ""
    if not context.get("error_page"):
        try:
            index = GuidanceIndexPage.objects.live().public().order_by("path").first()
        except DatabaseError:
            index = None
        url = (index.get_url(request) or "") if index else ""
    if request is not None:
        # One query per request however many topic links a page shows.
        request._guidance_index_url = url
    return url


@register.simple_tag(takes_context=True)
def topic_url(context, topic, index_url=None):
    """The guidance index filtered to ``topic``, or "" if there is no index.

    Pass ``index_url`` when the page already knows it (a guidance page's parent).
    """
    index_url = index_url or guidance_index_url(context)
    return f"{index_url}?{urlencode({'topic': topic.slug})}" if index_url else ""
