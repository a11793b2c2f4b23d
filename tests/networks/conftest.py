"""Shared fixtures for the networks tests."""

import pytest

from cms.hooks import reset_registries


@pytest.fixture(autouse=True)
def _fresh_registries():
    reset_registries()
    yield
    reset_registries()
