"""The catalogue follows its sources: publish, unpublish, delete, move, restrict, rebuild."""

from datetime import timedelta
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from cms.plugins import CatalogueDocument, CatalogueLocation
from search import sync
from search.backends.base import SearchQuery
from search.backends.engine import get_engine
from search.models import CatalogueEntry, IndexOutbox
from tests.factories.cms import GuidanceIndexPageFactory, GuidancePageFactory, TopicFactory
from tests.factories.search import CatalogueEntryFactory, SynonymSetFactory
from tests.search.conftest import StrictEngineBackend

pytestmark = pytest.mark.django_db


def entry_for(page):
    return CatalogueEntry.objects.filter(kind="guidance", object_id=page.pk).first()


@pytest.fixture
def guidance_page():
    topic = TopicFactory(name="Getting started")
    page = GuidancePageFactory(title="Starting a group", summary="How to begin.")
    page.topics.set([topic])
    page.save_revision().publish()
    return page


def test_publishing_guidance_stores_an_entry(guidance_page):
    entry = entry_for(guidance_page)
    assert entry.title == "Starting a group"
    assert entry.topics == ["Getting started"]
    assert list(entry.topic_rows.values_list("slug", flat=True)) == ["getting-started"]
    assert entry.url == guidance_page.url
    assert "how to begin." in entry.search_text


def test_republishing_updates_the_entry(guidance_page):
    guidance_page.title = "Starting a peer support group"
    guidance_page.save_revision().publish()
    assert entry_for(guidance_page).title == "Starting a peer support group"
    assert CatalogueEntry.objects.filter(kind="guidance").count() == 1


def test_unpublishing_removes_the_entry(guidance_page):
    guidance_page.unpublish()
    assert entry_for(guidance_page) is None


def test_deleting_removes_the_entry(guidance_page):
    guidance_page.delete()
    assert not CatalogueEntry.objects.filter(kind="guidance").exists()


def test_moving_updates_the_url(guidance_page):
    other_index = GuidanceIndexPageFactory(title="More guidance", slug="more-guidance")
    guidance_page.move(other_index, pos="last-child")
    assert entry_for(guidance_page).url.startswith("/more-guidance/")


def test_a_view_restriction_removes_and_lifting_it_restores(guidance_page):
    restriction = PageViewRestriction.objects.create(
        page=guidance_page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert entry_for(guidance_page) is None
    restriction.delete()
    assert entry_for(guidance_page) is not None


def test_renaming_a_topic_relabels_entries(guidance_page):
    topic = guidance_page.topics.get()
    topic.name = "First steps"
    topic.save()
    assert entry_for(guidance_page).topics == ["First steps"]


def test_a_draft_is_not_indexed():
    page = GuidancePageFactory(title="Draft only", live=False)
    page.save_revision()
    assert entry_for(page) is None


def test_locations_and_dates_are_replaced_on_update(db):
    document = CatalogueDocument(
        kind="guidance",
        object_id=1,
        title="Venue test",
        url="/v/",
        locations=[CatalogueLocation(53.0, -1.0, "A"), CatalogueLocation(52.0, -1.0, "B")],
    )
    sync.store_document(document)
    document.locations = [CatalogueLocation(51.0, -1.0, "C")]
    entry = sync.store_document(document)
    assert list(entry.locations.values_list("label", flat=True)) == ["C"]


def test_rebuild_command_restores_entries_and_drops_strays(guidance_page, fixture_sources):
    CatalogueEntry.objects.all().delete()
    CatalogueEntryFactory(kind="gone", object_id=1)
    out = StringIO()
    call_command("catalogue_index", "rebuild", stdout=out)
    assert entry_for(guidance_page) is not None
    assert CatalogueEntry.objects.filter(kind="fixture_course").count() == 3
    assert not CatalogueEntry.objects.filter(kind="gone").exists()
    assert "Rebuild complete." in out.getvalue()
    assert "fixture_course: 3" in out.getvalue()


def test_check_command_reports_drift(guidance_page):
    call_command("catalogue_index", "rebuild", "--database-only", stdout=StringIO())
    call_command("catalogue_index", "check", "--database-only", stdout=StringIO())
    CatalogueEntry.objects.all().delete()
    out = StringIO()
    with pytest.raises(CommandError, match="Drift found"):
        call_command("catalogue_index", "check", "--database-only", stdout=out)
    assert f"missing: guidance:{guidance_page.pk}" in out.getvalue()


def test_no_outbox_without_an_engine(settings):
    settings.PEER_SUPPORT_SEARCH = {**settings.PEER_SUPPORT_SEARCH, "ENGINE_URL": ""}
    GuidancePageFactory().save_revision().publish()
    assert CatalogueEntry.objects.exists()
    assert not IndexOutbox.objects.exists()


# --- the engine ------------------------------------------------------------------------


@pytest.mark.engine
def test_changes_reach_the_engine_through_the_outbox(
    engine_settings, django_capture_on_commit_callbacks
):
    engine = get_engine()
    engine.rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        page = GuidancePageFactory(title="Outbox journey")
        page.save_revision().publish()
    assert not IndexOutbox.objects.exists()  # drained by the (immediate) task
    engine.refresh()
    assert [
        hit.title for hit in StrictEngineBackend().search(SearchQuery(q="outbox journey")).hits
    ] == ["Outbox journey"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    engine.refresh()
    assert StrictEngineBackend().search(SearchQuery(q="outbox journey")).total == 0


@pytest.mark.engine
def test_rebuild_swaps_the_alias_and_drops_the_old_index(engine_settings, catalogue):
    engine = get_engine()
    first, _ = engine.rebuild()
    second, total = engine.rebuild()
    assert first != second
    assert engine.alias_targets() == [second]
    assert total == CatalogueEntry.objects.count()
    assert not engine.client.index_exists(first)


@pytest.mark.engine
def test_engine_drift_check(engine_settings, catalogue):
    call_command("catalogue_index", "rebuild", stdout=StringIO())
    engine = get_engine()
    assert engine.drift() == {"missing": [], "extra": [], "stale": []}
    CatalogueEntryFactory(kind="fixture_group", object_id=99)
    CatalogueEntry.objects.filter(kind="fixture_course", object_id=2).update(
        updated_at=timezone.now() + timedelta(minutes=1)
    )
    drift = engine.drift()
    assert drift["missing"] == ["fixture_group:99"]
    assert drift["stale"] == ["fixture_course:2"]
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("catalogue_index", "check", stdout=out)
    assert "missing: fixture_group:99" in out.getvalue()


@pytest.mark.engine
def test_rebuild_command_builds_the_engine_index(engine_settings, catalogue):
    out = StringIO()
    call_command("catalogue_index", "rebuild", stdout=out)
    assert "alias swapped" in out.getvalue()
    assert not IndexOutbox.objects.exists()
    assert StrictEngineBackend().search(SearchQuery()).total == CatalogueEntry.objects.count()


def test_one_drain_per_transaction(settings, django_capture_on_commit_callbacks):
    settings.PEER_SUPPORT_SEARCH = {**settings.PEER_SUPPORT_SEARCH, "ENGINE_URL": "http://x:1"}
    with django_capture_on_commit_callbacks() as callbacks:
        for object_id in (1, 2, 3):
            sync.record_change("guidance", object_id, IndexOutbox.UPSERT)
    assert len(callbacks) == 1
    assert IndexOutbox.objects.count() == 3


def test_a_rolled_back_change_does_not_block_later_drains(
    settings, django_capture_on_commit_callbacks
):
    settings.PEER_SUPPORT_SEARCH = {**settings.PEER_SUPPORT_SEARCH, "ENGINE_URL": "http://x:1"}
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            sync.record_change("guidance", 1, IndexOutbox.UPSERT)
            raise RuntimeError("rolled back")
        sync.record_change("guidance", 2, IndexOutbox.UPSERT)
    assert len(callbacks) == 1
    assert list(IndexOutbox.objects.values_list("object_id", flat=True)) == [2]


@pytest.mark.engine
def test_an_edited_synonym_set_reaches_the_engine(engine_settings, catalogue):
    get_engine().rebuild()
    backend = StrictEngineBackend()
    assert {hit.object_id for hit in backend.search(SearchQuery(q="sister circle")).hits} == {4}
    SynonymSetFactory(terms="sister circle, mutual aid")
    assert IndexOutbox.objects.filter(action=IndexOutbox.SYNONYMS).exists()
    assert sync.drain_outbox().remaining == 0
    assert {hit.object_id for hit in backend.search(SearchQuery(q="sister circle")).hits} == {1, 4}


def test_scheduled_publishing_and_expiry(db):
    page = GuidancePageFactory(title="Scheduled", live=False)
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    assert entry_for(page) is not None
    page.refresh_from_db()
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled", stdout=StringIO())
    assert entry_for(page) is None
