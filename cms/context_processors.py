"""Template context every page gets."""

from django.conf import settings


def site_flags(request):
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}
