"""The contract every backend meets, run on the same fixtures against each.

The engine half runs when OPENSEARCH_URL names a node (``make test`` starts one).
Filter and distance queries must give the same result sets on every backend.
"""

from datetime import timedelta

from django.utils import timezone

import pytest

from cms.geocoding.distance import haversine_miles
from cms.plugins import CatalogueDocument
from search import sync
from search.backends.base import SearchQuery
from search.backends.engine import get_engine
from tests.factories.search import SynonymSetFactory

from .conftest import LEEDS, fixture_documents

pytestmark = [pytest.mark.django_db, pytest.mark.database_sensitive]


def add_documents(backend, *documents):
    for document in documents:
        sync.store_document(document)
    if backend.name == "engine":
        get_engine().rebuild()


def ids(results):
    return [hit.object_id for hit in results.hits]


def id_set(results):
    return set(ids(results))


def test_an_empty_query_lists_everything_by_title(backend):
    results = backend.search(SearchQuery(page_size=50))
    assert results.total == len(fixture_documents())
    titles = [hit.title.lower() for hit in results.hits]
    assert titles == sorted(titles)


def test_filters_by_kind_topic_region_and_delivery(backend):
    assert id_set(backend.search(SearchQuery(kinds=("fixture_course",)))) == {2, 3, 5}
    assert id_set(backend.search(SearchQuery(topics=("Training",)))) == {2, 3, 5}
    assert id_set(backend.search(SearchQuery(topics=("training", "women")))) == {2, 3, 4, 5}
    assert id_set(backend.search(SearchQuery(regions=("london",)))) == {6}
    assert id_set(backend.search(SearchQuery(delivery=("online",)))) == {5, 9, 10_000}
    both = SearchQuery(kinds=("fixture_group",), regions=("Yorkshire and the Humber",))
    assert id_set(backend.search(both)) == {1, 7}


def test_accredited_filter(backend):
    assert id_set(backend.search(SearchQuery(accredited=True))) == {2, 5}
    assert 2 not in id_set(backend.search(SearchQuery(accredited=False, page_size=50)))


def test_facet_counts_respect_the_other_filters_only(backend):
    results = backend.search(SearchQuery(kinds=("fixture_course",), topics=("Mentoring",)))
    assert ids(results) == [3]
    # Kind counts ignore the kind filter but respect the topic filter …
    assert results.facets["kind"] == [("fixture_course", 1)]
    # … topic counts ignore the topic filter but respect the kind filter.
    assert dict(results.facets["topic"]) == {"Training": 3, "Mentoring": 1}
    assert dict(results.facets["region"]) == {"North West": 1}


def test_facet_counts_without_filters(backend):
    results = backend.search(SearchQuery())
    assert dict(results.facets["kind"]) == {
        "fixture_course": 3,
        "fixture_event": 3,
        "fixture_group": 3,
        "guidance": 1,
    }
    assert dict(results.facets["region"]) == {
        "Yorkshire and the Humber": 5,
        "London": 1,
        "North West": 1,
    }
    assert results.facets["topic"][0] == ("Training", 3)


def test_distance_filter_matches_haversine(backend):
    results = backend.search(SearchQuery(near=LEEDS, radius_miles=30, page_size=50))
    expected = set()
    for document in fixture_documents():
        miles = [haversine_miles(*LEEDS, loc.latitude, loc.longitude) for loc in document.locations]
        if miles and min(miles) <= 30:
            expected.add(document.object_id)
    assert id_set(results) == expected == {1, 2, 4, 7, 8}
    for hit in results.hits:
        document = next(d for d in fixture_documents() if d.object_id == hit.object_id)
        nearest = min(
            haversine_miles(*LEEDS, loc.latitude, loc.longitude) for loc in document.locations
        )
        assert hit.distance_miles == pytest.approx(nearest, abs=0.01)


def test_distance_sort_uses_the_nearest_location(backend):
    results = backend.search(SearchQuery(near=LEEDS, sort="distance", page_size=50))
    located = [hit for hit in results.hits if hit.distance_miles is not None]
    distances = [hit.distance_miles for hit in located]
    assert distances == sorted(distances)
    # Ties (two entries at Leeds centre) fall back to the title.
    assert ids(results)[:4] == [1, 8, 2, 7]
    # The multi-venue course is found by its Manchester venue, not London.
    course = next(hit for hit in results.hits if hit.object_id == 3)
    assert course.nearest_label == "Manchester"
    assert course.distance_miles < 40
    # Entries with no place come last.
    assert {hit.object_id for hit in results.hits[-3:]} == {5, 9, 10_000}


def test_a_multi_location_entry_is_found_near_any_venue(backend):
    london = (51.5074, -0.1278)
    results = backend.search(SearchQuery(near=london, radius_miles=10))
    assert id_set(results) == {3, 6}


def test_date_filters_match_any_occurrence(backend):
    today = timezone.localdate()
    soon = backend.search(SearchQuery(starts_after=today, starts_before=today + timedelta(days=12)))
    assert id_set(soon) == {2, 4}
    later = backend.search(SearchQuery(starts_after=today + timedelta(days=100)))
    assert id_set(later) == {8}
    past = backend.search(SearchQuery(starts_before=today - timedelta(days=1)))
    assert id_set(past) == {8}


def test_date_sort_puts_the_soonest_first_and_undated_last(backend):
    results = backend.search(SearchQuery(sort="date", page_size=50))
    assert ids(results)[:7] == [4, 2, 5, 3, 9, 8, 10_000] or ids(results)[:6] == [4, 2, 5, 3, 9, 8]
    next_dates = [hit.next_date for hit in results.hits if hit.next_date]
    assert next_dates == sorted(next_dates)
    winter = next(hit for hit in results.hits if hit.object_id == 8)
    assert winter.next_date > timezone.now()  # the past occurrence is not "next"


def test_paging(backend):
    first = backend.search(SearchQuery(page=1, page_size=4))
    second = backend.search(SearchQuery(page=2, page_size=4))
    third = backend.search(SearchQuery(page=3, page_size=4))
    assert first.total == second.total == third.total == 10
    assert [len(first.hits), len(second.hits), len(third.hits)] == [4, 4, 2]
    assert len(set(ids(first)) | set(ids(second)) | set(ids(third))) == 10
    assert backend.search(SearchQuery(page=4, page_size=4)).hits == []


def test_text_ranks_title_matches_first(backend):
    results = backend.search(SearchQuery(q="peer support"))
    assert {2, 9, 10_000, 8} <= id_set(results)
    assert ids(results)[0] in {2, 10_000}  # "peer support" in the title


def test_text_matches_every_word(backend):
    assert id_set(backend.search(SearchQuery(q="hearing voices london"))) == {6}
    assert id_set(backend.search(SearchQuery(q="hearing voices leeds"))) == set()


def test_synonyms_apply(backend, backend_synonyms):
    results = backend.search(SearchQuery(q="mutual aid", page_size=50))
    # "sister circle" and "self-help group" are in the set with "mutual aid".
    assert {1, 4, 7} <= id_set(results)


def test_highlight_marks_matches_and_escapes_the_rest(backend):
    results = backend.search(SearchQuery(q="afternoon"))
    assert ids(results) == [4]
    assert "<mark>afternoon</mark>" in results.hits[0].highlight.lower()
    add_documents(
        backend,
        CatalogueDocument(
            kind="fixture_event",
            object_id=4242,
            title="Picnic",
            url="/events/4242/",
            summary="Bring <script>alert(1)</script> snacks & friends.",
        ),
    )
    escaped = backend.search(SearchQuery(q="snacks"))
    assert ids(escaped) == [4242]
    highlight = escaped.hits[0].highlight
    assert "&lt;script&gt;" in highlight
    assert "<script>" not in highlight
    assert "<mark>snacks</mark>" in highlight


def course_documents():
    """Three courses whose finder facets live in ``extra_keywords``, as ``CourseSource`` puts them."""

    def course(object_id, title, **keywords):
        return CatalogueDocument(
            kind="course",
            object_id=object_id,
            title=title,
            url=f"/courses/{object_id}/",
            summary="A course for the keyword contract.",
            delivery="in_person",
            extra_keywords={name: list(values) for name, values in keywords.items()},
        )

    return [
        course(
            501,
            "Keyword course accredited",
            recognition=["accredited"],
            level=["3"],
            cost=["free"],
            access=["step_free", "hearing_loop"],
            time_of_day=["evening"],
        ),
        course(
            502,
            "Keyword course CPD",
            recognition=["cpd"],
            cost=["paid"],
            access=["step_free", "bsl", "quiet_room"],
            time_of_day=["weekend", "daytime"],
            provider=["Sheffield SHIP"],
        ),
        course(503, "Keyword course none", recognition=["none"], cost=["free"]),
    ]


def test_extra_keyword_facets_filter(backend):
    add_documents(backend, *course_documents())

    def found(*keywords):
        query = SearchQuery(kinds=("course",), keywords=keywords, facets=False, page_size=50)
        return id_set(backend.search(query))

    assert found() == {501, 502, 503}
    assert found(("recognition", ("accredited",))) == {501}
    assert found(("recognition", ("cpd", "none"))) == {502, 503}
    assert found(("cost", ("free",)), ("recognition", ("none",))) == {503}
    assert found(("access", ("step_free",))) == {501, 502}
    # Pairs are ANDed: both features, not either.
    assert found(("access", ("bsl",)), ("access", ("quiet_room",))) == {502}
    assert found(("access", ("bsl",)), ("access", ("hearing_loop",))) == set()
    assert found(("time_of_day", ("weekend",))) == {502}
    assert found(("level", ("3",)), ("time_of_day", ("evening",))) == {501}
    # A whole value, never a part of one; a name with spaces and capitals still matches.
    assert found(("access", ("step",))) == set()
    assert found(("provider", ("Sheffield SHIP",))) == {502}
    assert found(("nothing_here", ("x",))) == set()


def test_keyword_names_are_checked_and_facets_can_be_skipped(backend):
    with pytest.raises(ValueError):
        SearchQuery(keywords=(("access__contains", ("x",)),))
    with pytest.raises(ValueError):
        SearchQuery(keywords=(("access", "step_free"),))
    assert backend.search(SearchQuery(facets=False)).facets == {}


def test_results_say_which_backend_answered(backend):
    results = backend.search(SearchQuery())
    assert results.backend == backend.name
    assert results.degraded is False


def test_suggestions(backend):
    suggestions = backend.suggest("Peer")
    assert "Peer mentoring course" in suggestions
    assert "Peer support training in Bradford" in suggestions
    assert backend.suggest("Trai")[0] == "Training"


@pytest.fixture
def backend_synonyms(backend):
    SynonymSetFactory(terms="peer support, mutual aid, self-help group, sister circle")
    if backend.name == "engine":
        get_engine().reload_synonyms()
    return backend
