"""Registers one of everything the core offers, as a real app would."""

from django.http import HttpResponse
from django.urls import path

from wagtail import hooks

from ninja import Router

from cms import hooks as cms_hooks
from cms.models import StandardPage
from cms.plugins import CatalogueDocument, CatalogueSource, DemoContent


class NoteSource(CatalogueSource):
    kind = "note"
    label = "Notes"
    model = StandardPage

    def get_queryset(self):
        return StandardPage.objects.live().public()

    def to_document(self, page):
        return CatalogueDocument(kind=self.kind, object_id=page.pk, title=page.title, url=page.url)


class NoteDemo(DemoContent):
    name = "plugin notes"

    def load(self, home_page, stdout):
        if not StandardPage.objects.filter(slug="plugin-note").exists():
            page = StandardPage(title="Plugin note", slug="plugin-note", body=[])
            home_page.add_child(instance=page)
            page.save_revision().publish()


def hello(request):
    return HttpResponse("Hello from a plugin")


def boom(request):
    raise RuntimeError("A deliberate failure, to test the 500 page")


router = Router()


@router.get("/ping")
def ping(request):
    return {"pong": True}


@hooks.register(cms_hooks.REGISTER_CATALOGUE_SOURCE)
def register_catalogue_source():
    return NoteSource()


@hooks.register(cms_hooks.REGISTER_PUBLIC_URLS)
def register_public_urls():
    return [path("plugin-hello/", hello), path("plugin-boom/", boom)]


@hooks.register(cms_hooks.REGISTER_API_ROUTER)
def register_api_router():
    return ("plugin", router)


@hooks.register(cms_hooks.REGISTER_DEMO_CONTENT)
def register_demo_content():
    return NoteDemo()
