"""Hook names other apps register with, and the lazy registries that read them.

Apps plug in through Wagtail's hook registry (``wagtail.hooks.register`` in their
``wagtail_hooks.py``); ``cms`` never imports them. Every hook is documented in
``docs/plugins.md``: keep the two in step.
"""

from functools import cached_property

from wagtail import hooks

#: ``fn() -> CatalogueSource``: a kind of findable thing for search, facets and maps.
REGISTER_CATALOGUE_SOURCE = "register_catalogue_source"
#: ``fn() -> Geocoder``: a geocoder tried after the ones named in settings.
REGISTER_GEOCODER = "register_geocoder"
#: ``fn() -> Importer``: reads an external feed or spreadsheet into pages.
REGISTER_IMPORTER = "register_importer"
#: ``fn() -> list[URLPattern]``: public URLs, mounted before Wagtail's page serving.
REGISTER_PUBLIC_URLS = "register_public_urls"
#: ``fn() -> tuple[str, ninja.Router]``: a router mounted on the JSON API at ``/api/v1/<prefix>``.
REGISTER_API_ROUTER = "register_api_router"
#: ``fn() -> DemoContent``: content ``load_demo_data`` builds after the core's own.
REGISTER_DEMO_CONTENT = "register_demo_content"
#: ``fn() -> PeriodicJob``: work ``run_scheduler`` runs every ``interval`` (purges, feeds, emails).
REGISTER_PERIODIC_JOB = "register_periodic_job"
#: ``fn() -> cms.privacy.links.LinkAction``: what a signed link of one ``purpose`` does.
REGISTER_SIGNED_LINK_ACTION = "register_signed_link_action"

ALL_HOOKS = (
    REGISTER_CATALOGUE_SOURCE,
    REGISTER_GEOCODER,
    REGISTER_IMPORTER,
    REGISTER_PUBLIC_URLS,
    REGISTER_API_ROUTER,
    REGISTER_DEMO_CONTENT,
    REGISTER_PERIODIC_JOB,
    REGISTER_SIGNED_LINK_ACTION,
)


class HookRegistry:
    """Calls every function registered for one hook, once, on first use.

    Mirrors Wagtail's rich-text feature registry: nothing is scanned at import
    time, so apps may register in any order. ``reset()`` forgets the scan, which
    tests using ``hooks.register_temporarily`` need.
    """

    def __init__(self, hook_name):
        self.hook_name = hook_name

    @cached_property
    def items(self):
        return [fn() for fn in hooks.get_hooks(self.hook_name)]

    def reset(self):
        self.__dict__.pop("items", None)

    def __iter__(self):
        return iter(self.items)


class KeyedHookRegistry(HookRegistry):
    """A registry whose items each carry a unique ``key`` attribute (e.g. a kind)."""

    key_attribute = "key"

    @cached_property
    def by_key(self):
        keyed = {}
        for item in self.items:
            key = getattr(item, self.key_attribute)
            if key in keyed:
                raise ValueError(f"Two {self.hook_name} plugins share the key {key!r}.")
            keyed[key] = item
        return keyed

    def reset(self):
        super().reset()
        self.__dict__.pop("by_key", None)

    def get(self, key):
        return self.by_key.get(key)

    def keys(self):
        return list(self.by_key)

    def __contains__(self, key):
        return key in self.by_key


class CatalogueSourceRegistry(KeyedHookRegistry):
    """Catalogue sources, keyed by their ``kind`` (course, event, project, …)."""

    key_attribute = "kind"


class PeriodicJobRegistry(KeyedHookRegistry):
    """Periodic jobs, keyed by their ``name``."""

    key_attribute = "name"


class SignedLinkActionRegistry(KeyedHookRegistry):
    """Signed-link actions, keyed by their ``purpose``."""

    key_attribute = "purpose"


class ImporterRegistry(KeyedHookRegistry):
    """Importers, keyed by their ``name``."""

    key_attribute = "name"


catalogue_sources = CatalogueSourceRegistry(REGISTER_CATALOGUE_SOURCE)
importers = ImporterRegistry(REGISTER_IMPORTER)
extra_geocoders = HookRegistry(REGISTER_GEOCODER)
public_url_sets = HookRegistry(REGISTER_PUBLIC_URLS)
api_routers = HookRegistry(REGISTER_API_ROUTER)
demo_contents = HookRegistry(REGISTER_DEMO_CONTENT)
periodic_jobs = PeriodicJobRegistry(REGISTER_PERIODIC_JOB)
signed_link_actions = SignedLinkActionRegistry(REGISTER_SIGNED_LINK_ACTION)

ALL_REGISTRIES = (
    catalogue_sources,
    importers,
    extra_geocoders,
    public_url_sets,
    api_routers,
    demo_contents,
    periodic_jobs,
    signed_link_actions,
)


def reset_registries():
    """Forget every scan, so temporarily registered hooks are seen (tests)."""
    for registry in ALL_REGISTRIES:
        registry.reset()
