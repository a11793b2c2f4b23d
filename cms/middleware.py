"""Request middleware: per-area Content Security Policy and database outages."""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError

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
