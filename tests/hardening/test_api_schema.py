"""Schemathesis against ``/api/v1/openapi.json`` on a live server.

Every operation the schema describes is called over real HTTP with cases
generated from the schema (valid and not): no 5xx, and every answer — including
each rejection — conforms to the documented status codes, content types and
bodies.
"""

from django.core.cache import cache

import pytest
import schemathesis
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories.courses import CoursePageFactory

# The live server needs committed data; serialized rollback puts the migrations'
# rows back after the flush, so later tests in the run still see them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_every_operation_conforms_to_the_schema(live_server):
    CoursePageFactory(title="Peer support listening course")
    cache.clear()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/search", "/api/v1/search/suggest"}
    calls = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=hypothesis_settings().max_examples * 2)
        def check(case):
            nonlocal calls
            calls += 1
            case.call_and_validate(base_url=live_server.url, checks=CHECKS)

        check()
    assert calls >= len(operations)
