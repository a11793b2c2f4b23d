"""Stable Open Referral ids: a UUIDv5 of what a record is and its primary key."""

import uuid
from functools import lru_cache

# Fixed for good: every id a consumer has stored is derived from it.
NAMESPACE = uuid.UUID("7af10956-3a5f-4556-b45c-e857d3376919")


@lru_cache(maxsize=65536)
def stable_id(kind, key):
    """The same UUID for the same ``kind`` and ``key`` on every request and rebuild."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))
