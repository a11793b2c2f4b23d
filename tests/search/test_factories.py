"""Every search factory builds a valid object."""

import pytest

from tests.factories import search as factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [
        factories.CatalogueEntryFactory,
        factories.CatalogueEntryTopicFactory,
        factories.CatalogueDateFactory,
        factories.CatalogueLocationFactory,
        factories.SynonymSetFactory,
        factories.IndexOutboxFactory,
        factories.SearchQueryLogFactory,
    ],
)
def test_factory_builds_a_valid_object(factory):
    obj = factory()
    obj.full_clean()
    assert obj.pk
