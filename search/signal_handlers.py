"""Keep the catalogue in step with its sources; connected in ``SearchConfig.ready``."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.hooks import catalogue_sources
from cms.models import Topic

from . import sync
from .models import IndexOutbox, SynonymSet


def _sync_tree(page):
    """Resync ``page`` and its descendants: a move or restriction changes them all."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator():
        sync.sync_instance(descendant)


def handle_page_published(sender, instance, **kwargs):
    sync.sync_instance(instance.specific)


def handle_page_unpublished(sender, instance, **kwargs):
    sync.sync_instance(instance.specific)


def handle_page_moved(sender, instance, **kwargs):
    _sync_tree(instance)


def handle_post_delete(sender, instance, **kwargs):
    # Pages fire once per table of their inheritance chain; sources_for matches
    # only the instance of the source's own class.
    sync.sync_instance(instance, deleted=True)


def handle_post_save(sender, instance, **kwargs):
    # Pages are indexed on publish, not on every draft save.
    if isinstance(instance, Page):
        return
    sync.sync_instance(instance)


def handle_view_restriction_changed(sender, instance, **kwargs):
    _sync_tree(instance.page)


def handle_topic_saved(sender, instance, **kwargs):
    """A renamed topic changes the facet label on every document filed under it."""
    for source in catalogue_sources:
        affected = getattr(source, "objects_affected_by", None)
        for obj in affected(instance) if affected else ():
            sync.sync_object(source, obj)


def handle_synonyms_changed(sender, instance, **kwargs):
    from .synonyms import clear_synonym_cache

    clear_synonym_cache()
    sync.record_change("synonyms", 0, IndexOutbox.SYNONYMS)


def register_signal_handlers():
    page_published.connect(handle_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(handle_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(handle_page_moved, dispatch_uid="search_page_moved")
    post_delete.connect(handle_post_delete, dispatch_uid="search_post_delete")
    post_save.connect(handle_post_save, dispatch_uid="search_post_save")
    for signal in (post_save, post_delete):
        signal.connect(
            handle_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_restriction_{signal is post_save}",
        )
        signal.connect(
            handle_synonyms_changed,
            sender=SynonymSet,
            dispatch_uid=f"search_synonyms_{signal is post_save}",
        )
    post_save.connect(handle_topic_saved, sender=Topic, dispatch_uid="search_topic_saved")
