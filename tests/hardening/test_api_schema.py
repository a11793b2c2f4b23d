"""Schemathesis against ``/api/v1/openapi.json`` on a live server (gunicorn).

Every operation the schema describes is called over real HTTP with cases
generated from the schema (valid and not): no 5xx, and every answer — including
each rejection — conforms to the documented status codes, content types and
bodies.
"""

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

from .conftest import gunicorn, site_env

# A real server (gunicorn) on the demo site in a throwaway PostgreSQL: no transactional
# test database to flush, and PostgreSQL's own refusals (NUL in text) are exercised.
pytestmark = [pytest.mark.slow, pytest.mark.postgres]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_every_operation_conforms_to_the_schema(demo_postgres):
    with gunicorn(site_env(demo_postgres.url("site"))) as (base, _):
        schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {op.path for op in operations} >= {"/api/v1/search", "/api/v1/search/suggest"}
        calls = 0
        for operation in operations:

            @given(case=operation.as_strategy())
            @hypothesis_settings(max_examples=hypothesis_settings().max_examples * 2)
            def check(case):
                nonlocal calls
                calls += 1
                case.call_and_validate(base_url=base, checks=CHECKS)

            check()
    print(f"\nschemathesis: {len(operations)} operations, {calls} calls")  # noqa: T201 - run log
    assert calls >= len(operations)
