"""Logging filters that keep personal data (postcodes, search terms) out of logs."""

import logging


class StripQueryStringFilter(logging.Filter):
    """Drops query strings from request paths in log records."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and request.META.get("QUERY_STRING"):
            record.msg = str(record.msg).replace(request.META["QUERY_STRING"], "[query removed]")
        if isinstance(record.args, tuple):
            record.args = tuple(
                arg.split("?", 1)[0] if isinstance(arg, str) and "?" in arg else arg
                for arg in record.args
            )
        return True
