"""A fixed-window rate limit on the default cache (Redis in production), for public forms.

Keys are hashed, so neither IP addresses nor email addresses sit in the cache.
"""

import hashlib

from django.core.cache import cache


def _key(scope, value):
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()[:32]
    return f"rate:{digest}"


def exceeded(scope, value, *, limit, period):
    """Count one attempt; True once more than ``limit`` were made in ``period`` seconds."""
    key = _key(scope, value)
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        count = 1
    return count > limit
