"""Request middleware: per-area Content Security Policy, database outages, and
clear words for a publish refused over an unconfirmed contact change."""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, InterfaceError, OperationalError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext

from csp.middleware import CSPMiddleware

from cms.views import service_unavailable

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict nonce policy everywhere except the admin, which gets its own."""

    admin_prefixes = ("/admin/", "/django-admin/")

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(self.admin_prefixes):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class DatabaseUnavailableMiddleware:
    """Answers 503 with the crisis signposting when the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError) or (
            isinstance(exception, DatabaseError) and "connect" in str(exception).lower()
        ):
            logger.error("Database unavailable: %s", type(exception).__name__)
            return service_unavailable(request)
        return None


class ContactChangeRefusalMiddleware:
    """In the admin, a publish refused for an unconfirmed contact change (a workflow
    approval, a bulk publish) names the listing and what it needs.

    Wagtail's admin views turn any ``PermissionDenied`` into "Sorry, you do not have
    permission to access this area." and a trip to the dashboard (or, for its
    modals, a bare 403). The refusal is collected while the view runs
    (``cms.privacy.contacts.refusals``); this swaps that generic answer for the
    explanation and the listing's edit page, where the "verified" tick is.
    Sits after ``MessageMiddleware``, which stores what is added here.
    """

    admin_prefix = "/admin/"
    # Wagtail's wording, in its own translation.
    generic = "Sorry, you do not have permission to access this area."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from cms.privacy.contacts import refusals

        if not request.path_info.startswith(self.admin_prefix):
            return self.get_response(request)
        with refusals() as refused:
            response = self.get_response(request)
        if refused and response.status_code in (302, 303):
            return self._explain(request, refused[-1])
        return response

    def process_exception(self, request, exception):
        from cms.privacy.contacts import UnconfirmedContactChange

        if isinstance(exception, UnconfirmedContactChange) and request.path_info.startswith(
            self.admin_prefix
        ):
            return self._explain(request, exception)
        return None

    def _explain(self, request, refusal):
        from wagtail.admin.modal_workflow import render_modal_workflow

        generic = gettext(self.generic)
        storage = messages.get_messages(request)
        # Wagtail renders its messages as HTML.
        earlier = [m for m in storage if strip_tags(str(m.message)).strip() != generic]
        for message in earlier:
            messages.add_message(request, message.level, message.message, message.extra_tags)
        messages.error(request, refusal.explanation())
        edit_url = reverse("wagtailadmin_pages:edit", args=[refusal.page.pk])
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's workflow modal follows a "success" step's redirect.
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": edit_url}
            )
        return redirect(edit_url)
